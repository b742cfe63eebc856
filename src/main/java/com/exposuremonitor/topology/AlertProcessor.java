package com.exposuremonitor.topology;

import com.exposuremonitor.avro.AlertRule;
import com.exposuremonitor.avro.OperatorExposure;
import com.exposuremonitor.domain.alerts.AlertBook;
import com.exposuremonitor.domain.alerts.AlertEngine;
import com.exposuremonitor.domain.alerts.RuleDefinition;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;

/**
 * Evaluates every rule against each new exposure of an operator, with the rules in force now (defaults
 * overlaid by the global overrides), and emits an alert event only where an alert's state changes, and an
 * active alert restated where only its figure moved.
 */
final class AlertProcessor implements Processor<String, OperatorExposure, String, AlertOutput> {
    private ProcessorContext<String, AlertOutput> context;
    private KeyValueStore<String, AlertBook> books;
    private KeyValueStore<String, Long> watermarks;
    private TimestampedKeyValueStore<String, AlertRule> overrides;

    @Override
    public void init(ProcessorContext<String, AlertOutput> context) {
        this.context = context;
        this.books = context.getStateStore(AlertTopology.ALERT_STATE_STORE);
        this.watermarks = context.getStateStore(AlertTopology.WATERMARK_STORE);
        this.overrides = context.getStateStore(AlertTopology.RULES_STORE);
    }

    @Override
    public void process(Record<String, OperatorExposure> record) {
        OperatorExposure exposure = record.value();
        if (exposure == null) {
            return;
        }
        String operatorId = exposure.getOperatorId();
        if (isReplayed(operatorId, exposure.getAsOf().toEpochMilli())) {
            return;
        }
        AlertBook book = books.get(operatorId);
        if (book == null) {
            book = new AlertBook();
        }
        AlertEngine.Changes changes = AlertEngine.changes(exposure, rulesInForce(), book);
        if (changes.isEmpty()) {
            return;
        }
        books.put(operatorId, book);
        for (AlertOutput output : AlertOutput.of(changes)) {
            context.forward(new Record<>(operatorId, output, output.alert().getCauseEventTime().toEpochMilli()));
        }
    }

    /**
     * An operator's asOf never moves backwards, so an exposure older than the last one evaluated can only
     * be a re-read of the feed: evaluating it would flap alerts that the newer exposure already settled.
     */
    private boolean isReplayed(String operatorId, long asOf) {
        Long last = watermarks.get(operatorId);
        if (last != null && asOf < last) {
            return true;
        }
        if (last == null || asOf > last) {
            watermarks.put(operatorId, asOf);
        }
        return false;
    }

    private Map<String, RuleDefinition> rulesInForce() {
        return RulesInForce.read(overrides);
    }
}
