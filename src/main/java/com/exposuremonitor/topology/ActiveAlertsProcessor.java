package com.exposuremonitor.topology;

import com.exposuremonitor.avro.AlertTransition;
import com.exposuremonitor.avro.DefaultRiskAlert;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Keeps the active alerts (key operatorId|rule) in a queryable store in the same task as the alert
 * evaluation, so no repartition is needed, and forwards each change (a tombstone on RESOLVED).
 */
public final class ActiveAlertsProcessor implements Processor<String, AlertOutput, String, DefaultRiskAlert> {
    private final String storeName;
    private ProcessorContext<String, DefaultRiskAlert> context;
    private KeyValueStore<String, DefaultRiskAlert> active;

    private ActiveAlertsProcessor(String storeName) {
        this.storeName = storeName;
    }

    /** @param storeName one store per sub-topology that emits alerts (operators, counterparties, lenders) */
    public static ProcessorSupplier<String, AlertOutput, String, DefaultRiskAlert> supplier(Topics topics,
                                                                                                String storeName) {
        StoreBuilder<KeyValueStore<String, DefaultRiskAlert>> store = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(storeName), Serdes.String(), topics.avroSerde(DefaultRiskAlert.class));
        return new ProcessorSupplier<>() {
            @Override
            public ActiveAlertsProcessor get() {
                return new ActiveAlertsProcessor(storeName);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(store);
            }
        };
    }

    @Override
    public void init(ProcessorContext<String, DefaultRiskAlert> context) {
        this.context = context;
        this.active = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, AlertOutput> record) {
        DefaultRiskAlert alert = record.value().alert();
        String key = alert.getSubjectId() + "|" + alert.getRule();
        DefaultRiskAlert value = record.value().refresh() ? restated(key, alert)
                : alert.getTransition() == AlertTransition.RESOLVED ? null : alert;
        if (value == null) {
            active.delete(key);
        } else {
            active.put(key, value);
        }
        context.forward(new Record<>(key, value, record.timestamp(), record.headers()));
    }

    /**
     * The active alert with the figure, threshold and explanation it has now; its lifecycle fields (alertId,
     * transition, previous severity, first raised) stay those of the event that set its state.
     */
    private DefaultRiskAlert restated(String key, DefaultRiskAlert now) {
        DefaultRiskAlert last = active.get(key);
        if (last == null) {
            return now;
        }
        return DefaultRiskAlert.newBuilder(last).setFigure(now.getFigure()).setThreshold(now.getThreshold())
                .setExplanation(now.getExplanation()).setRuleVersion(now.getRuleVersion())
                .setCauseEventTime(now.getCauseEventTime()).build();
    }
}
