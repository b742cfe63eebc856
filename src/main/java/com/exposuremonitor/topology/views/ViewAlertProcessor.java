package com.exposuremonitor.topology.views;

import com.exposuremonitor.avro.AlertRule;
import com.exposuremonitor.domain.alerts.AlertBook;
import com.exposuremonitor.domain.alerts.AlertEngine;
import com.exposuremonitor.topology.AlertOutput;
import com.exposuremonitor.topology.AlertTopology;
import com.exposuremonitor.topology.RulesInForce;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;

/**
 * Evaluates a view's rules (SYSTEMIC_COUNTERPARTY and COUNTERPARTY_CONTAGION, or LENDER_INDIRECT_CONCENTRATION)
 * through the alert lifecycle.
 */
final class ViewAlertProcessor<V extends SpecificRecord> implements Processor<String, V, String, AlertOutput> {
    private final ViewKind<?, V> kind;
    private ProcessorContext<String, AlertOutput> context;
    private KeyValueStore<String, AlertBook> books;
    private TimestampedKeyValueStore<String, AlertRule> overrides;

    ViewAlertProcessor(ViewKind<?, V> kind) {
        this.kind = kind;
    }

    @Override
    public void init(ProcessorContext<String, AlertOutput> context) {
        this.context = context;
        this.books = context.getStateStore(kind.alertStateStore());
        this.overrides = context.getStateStore(AlertTopology.RULES_STORE);
    }

    @Override
    public void process(Record<String, V> record) {
        V view = record.value();
        AlertBook book = books.get(record.key());
        if (book == null) {
            book = new AlertBook();
        }
        // No view: every figure absent, so every rule of the subject resolves.
        Map<String, Double> figures = view == null ? Map.of() : kind.figures().apply(view);
        AlertEngine.Changes changes = AlertEngine.changes(kind.subjectType(), record.key(), figures,
                RulesInForce.read(overrides), book,
                view == null ? java.time.Instant.ofEpochMilli(record.timestamp()) : kind.asOf().apply(view),
                rule -> view == null ? null : kind.detail().apply(rule, view));
        if (changes.isEmpty()) {
            return;
        }
        books.put(record.key(), book);
        AlertOutput.of(changes).forEach(o -> context.forward(new Record<>(record.key(), o,
                o.alert().getCauseEventTime().toEpochMilli())));
    }
}
