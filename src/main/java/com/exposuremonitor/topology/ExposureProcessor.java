package com.exposuremonitor.topology;

import com.exposuremonitor.avro.OperatorExposure;
import com.exposuremonitor.domain.ExposureCalculator;
import com.exposuremonitor.domain.OperatorAggregate;
import com.exposuremonitor.serde.JsonSerde;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Keeps one {@link OperatorAggregate} per operator, applies each accepted snapshot to it (old out, new in)
 * and emits the operator's exposure whenever it changes. A wall-clock punctuator is the delinquency
 * clock: it advances asOf for every operator, so days past due grow while nothing arrives.
 */
final class ExposureProcessor implements Processor<byte[], Intake, String, OperatorExposure> {
    private final Duration clockInterval;
    private ProcessorContext<String, OperatorExposure> context;
    private KeyValueStore<String, OperatorAggregate> aggregates;
    private KeyValueStore<String, OperatorExposure> exposures;

    private ExposureProcessor(Duration clockInterval) {
        this.clockInterval = clockInterval;
    }

    static ProcessorSupplier<byte[], Intake, String, OperatorExposure> supplier(Topics topics, Duration clockInterval) {
        StoreBuilder<KeyValueStore<String, OperatorAggregate>> aggregateStore = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(ExposureTopology.AGGREGATE_STORE), Serdes.String(),
                new JsonSerde<>(OperatorAggregate.class));
        StoreBuilder<KeyValueStore<String, OperatorExposure>> exposureStore = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(ExposureTopology.EXPOSURE_STORE), Serdes.String(),
                topics.avroSerde(OperatorExposure.class));
        return new ProcessorSupplier<>() {
            @Override
            public Processor<byte[], Intake, String, OperatorExposure> get() {
                return new ExposureProcessor(clockInterval);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(aggregateStore, exposureStore);
            }
        };
    }

    @Override
    public void init(ProcessorContext<String, OperatorExposure> context) {
        this.context = context;
        this.aggregates = context.getStateStore(ExposureTopology.AGGREGATE_STORE);
        this.exposures = context.getStateStore(ExposureTopology.EXPOSURE_STORE);
        context.schedule(clockInterval, PunctuationType.WALL_CLOCK_TIME, this::tick);
    }

    @Override
    public void process(Record<byte[], Intake> record) {
        if (!(record.value() instanceof Intake.Accepted<?> accepted)) {
            throw new IllegalStateException("only accepted snapshots reach the exposure processor");
        }
        String operatorId = accepted.operatorId();
        OperatorAggregate aggregate = aggregates.get(operatorId);
        if (aggregate == null) {
            aggregate = new OperatorAggregate();
        }
        accepted.applyTo(aggregate);
        aggregates.put(operatorId, aggregate);
        OperatorExposure exposure = ExposureCalculator.compute(operatorId, aggregate);
        if (!exposure.equals(exposures.get(operatorId))) {
            publish(operatorId, exposure);
        }
    }

    /** The delinquency clock: only operators whose figures move with the date are re-published. */
    private void tick(long wallClockMillis) {
        Instant now = Instant.ofEpochMilli(wallClockMillis);
        try (KeyValueIterator<String, OperatorAggregate> all = aggregates.all()) {
            while (all.hasNext()) {
                KeyValue<String, OperatorAggregate> entry = all.next();
                OperatorAggregate aggregate = entry.value;
                if (!aggregate.advanceClock(now)) {
                    continue;
                }
                OperatorExposure exposure = ExposureCalculator.compute(entry.key, aggregate);
                OperatorExposure previous = exposures.get(entry.key);
                if (previous == null || !ExposureCalculator.sameFiguresIgnoringClock(previous, exposure)) {
                    aggregates.put(entry.key, aggregate);
                    publish(entry.key, exposure);
                }
            }
        }
    }

    private void publish(String operatorId, OperatorExposure exposure) {
        exposures.put(operatorId, exposure);
        context.forward(new Record<>(operatorId, exposure, exposure.getAsOf().toEpochMilli()));
    }
}
