package com.exposuremonitor.topology.views;

import com.exposuremonitor.avro.OperatorExposure;
import com.exposuremonitor.domain.alerts.AlertBook;
import com.exposuremonitor.topology.AlertTopology;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Turns an operator's new exposure into the stakes it has in each view (one per counterparty or lender)
 * and forwards only those that changed, plus a removal where the operator no longer counts: a change to
 * one operator touches only that operator's entries in the views.
 *
 * Reads the operator's alert book (same task as the alert evaluation) where a stake depends on alerts.
 */
final class StakeFanOut<S> implements Processor<String, OperatorExposure, String, StakeChange<S>> {
    private final ViewKind<S, ?> kind;
    private ProcessorContext<String, StakeChange<S>> context;
    private KeyValueStore<String, StakeMap<S>> index;
    private KeyValueStore<String, AlertBook> alertBooks;

    StakeFanOut(ViewKind<S, ?> kind) {
        this.kind = kind;
    }

    @Override
    public void init(ProcessorContext<String, StakeChange<S>> context) {
        this.context = context;
        this.index = context.getStateStore(kind.indexStore());
        this.alertBooks = context.getStateStore(AlertTopology.ALERT_STATE_STORE);
    }

    @Override
    public void process(Record<String, OperatorExposure> record) {
        OperatorExposure exposure = record.value();
        if (exposure == null) {
            return;
        }
        String operatorId = exposure.getOperatorId();
        // Read (and deserialized) only by the views whose stakes depend on alerts.
        Map<String, S> now = kind.stakesOf().apply(exposure, () -> alertBooks.get(operatorId));
        StakeMap<S> previous = index.get(operatorId);
        Map<String, S> before = previous == null ? Map.of() : previous.stakes();
        Set<String> keys = new HashSet<>(before.keySet());
        keys.addAll(now.keySet());
        boolean changed = false;
        for (String key : keys) {
            S stake = now.get(key);
            S was = before.get(key);
            // A stake whose figures are unchanged is not sent again just because the operator's asOf moved.
            if (stake == null ? was != null : !kind.sameFigures().test(stake, was)) {
                context.forward(record.withKey(key).withValue(new StakeChange<>(operatorId, stake)));
                changed = true;
            }
        }
        if (changed) {
            index.put(operatorId, new StakeMap<>(now));
        }
    }
}
