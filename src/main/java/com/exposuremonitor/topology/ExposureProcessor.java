package com.exposuremonitor.topology;

import com.exposuremonitor.avro.OperatorExposure;
import com.exposuremonitor.domain.ExposureCalculator;
import com.exposuremonitor.domain.OperatorAggregate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
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
 * Applies each accepted snapshot to its operator's {@link OperatorAggregate} (old out, new in) and emits
 * the operator's exposure whenever it changes. Aggregates live in a {@link TaskCache} rebuilt from
 * the intake's snapshot stores on a miss; the only state this processor writes is the last published
 * exposure. A wall-clock punctuator is the delinquency clock: it advances asOf for every operator, so
 * days past due grow while nothing arrives.
 */
final class ExposureProcessor implements Processor<byte[], Intake, String, OperatorExposure> {
    /** Operators kept in memory per task; beyond it the least recently updated is rebuilt when next needed. */
    static final int CACHED_AGGREGATES_PER_TASK = 4096;
    private static final StringSerializer KEYS = new StringSerializer();

    /** One operator's aggregate and the exposure last published for it (null if none yet). */
    private static final class Operator {
        final OperatorAggregate aggregate;
        OperatorExposure published;

        Operator(OperatorAggregate aggregate, OperatorExposure published) {
            this.aggregate = aggregate;
            this.published = published;
        }
    }

    private final Duration clockInterval;
    private final TaskCache<Operator> cache;
    private final List<KeyValueStore<String, ? extends SpecificRecord>> snapshotStores = new ArrayList<>();
    private ProcessorContext<String, OperatorExposure> context;
    private KeyValueStore<String, OperatorExposure> exposures;

    private ExposureProcessor(Duration clockInterval, int cachedAggregates) {
        this.clockInterval = clockInterval;
        this.cache = new TaskCache<>(cachedAggregates);
    }

    static ProcessorSupplier<byte[], Intake, String, OperatorExposure> supplier(Topics topics, Duration clockInterval,
                                                                             int cachedAggregates) {
        // Cached: a busy operator's exposure reaches RocksDB and its changelog once per commit, not per event.
        StoreBuilder<KeyValueStore<String, OperatorExposure>> exposureStore = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(ExposureTopology.EXPOSURE_STORE), Serdes.String(),
                topics.avroSerde(OperatorExposure.class)).withCachingEnabled();
        return new ProcessorSupplier<>() {
            @Override
            public Processor<byte[], Intake, String, OperatorExposure> get() {
                return new ExposureProcessor(clockInterval, cachedAggregates);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(exposureStore);
            }
        };
    }

    /** The intake stores this processor reads its aggregates from (connected by name, owned by the intakes). */
    static String[] snapshotStoreNames() {
        return InputKind.ALL.stream().map(InputKind::snapshotStore).toArray(String[]::new);
    }

    @Override
    public void init(ProcessorContext<String, OperatorExposure> context) {
        this.context = context;
        this.exposures = context.getStateStore(ExposureTopology.EXPOSURE_STORE);
        snapshotStores.clear();
        for (InputKind<?> kind : InputKind.ALL) {
            snapshotStores.add(context.getStateStore(kind.snapshotStore()));
        }
        // A re-initialized task may have had its stores restored or rolled back: trust only the stores.
        cache.clear();
        context.schedule(clockInterval, PunctuationType.WALL_CLOCK_TIME, this::tick);
    }

    @Override
    public void process(Record<byte[], Intake> record) {
        if (!(record.value() instanceof Intake.Accepted<?> accepted)) {
            throw new IllegalStateException("only accepted snapshots reach the exposure processor");
        }
        String operatorId = accepted.operatorId();
        Operator cached = cache.get(operatorId);
        try {
            if (cached == null) {
                // The intake has already stored the new snapshot, so the rebuild includes it.
                cached = rebuild(operatorId);
            } else {
                accepted.applyTo(cached.aggregate);
            }
            publishIfChanged(operatorId, cached, ExposureCalculator.compute(operatorId, cached.aggregate));
        } catch (RuntimeException e) {
            // Half-applied in memory, or not at all in the stores: the next event rebuilds from the stores.
            cache.evict(operatorId);
            throw e;
        }
    }

    /** The delinquency clock: only operators whose figures move with the date are re-published. */
    private void tick(long wallClockMillis) {
        Instant now = Instant.ofEpochMilli(wallClockMillis);
        List<String> operators = new ArrayList<>();
        try (KeyValueIterator<String, OperatorExposure> all = exposures.all()) {
            all.forEachRemaining(entry -> operators.add(entry.key));
        }
        for (String operatorId : operators) {
            Operator entry = entry(operatorId);
            if (!entry.aggregate.advanceClock(now)) {
                continue;
            }
            OperatorExposure exposure = ExposureCalculator.compute(operatorId, entry.aggregate);
            if (entry.published == null || !ExposureCalculator.sameFiguresIgnoringClock(entry.published, exposure)) {
                publish(operatorId, entry, exposure);
            }
        }
    }

    private Operator entry(String operatorId) {
        Operator cached = cache.get(operatorId);
        return cached != null ? cached : rebuild(operatorId);
    }

    /**
     * The operator's aggregate from its latest snapshots; its clock resumes from the asOf last published
     * (a tick that changed no figure was never published, and need not be remembered).
     */
    private Operator rebuild(String operatorId) {
        OperatorAggregate aggregate = new OperatorAggregate();
        for (int i = 0; i < InputKind.ALL.size(); i++) {
            applyAll(InputKind.ALL.get(i), snapshotStores.get(i), operatorId, aggregate);
        }
        OperatorExposure published = exposures.get(operatorId);
        if (published != null) {
            aggregate.advanceClock(published.getAsOf());
        }
        Operator entry = new Operator(aggregate, published);
        cache.put(operatorId, entry);
        return entry;
    }

    @SuppressWarnings("unchecked")
    private static <T extends SpecificRecord> void applyAll(InputKind<T> kind,
                                                           KeyValueStore<String, ? extends SpecificRecord> store,
                                                           String operatorId, OperatorAggregate aggregate) {
        try (KeyValueIterator<String, T> snapshots = ((KeyValueStore<String, T>) store)
                .prefixScan(kind.operatorPrefix(operatorId), KEYS)) {
            snapshots.forEachRemaining(s -> kind.applier().apply(aggregate, null, s.value));
        }
    }

    private void publishIfChanged(String operatorId, Operator entry, OperatorExposure exposure) {
        if (!exposure.equals(entry.published)) {
            publish(operatorId, entry, exposure);
        }
    }

    private void publish(String operatorId, Operator entry, OperatorExposure exposure) {
        exposures.put(operatorId, exposure);
        entry.published = exposure;
        context.forward(new Record<>(operatorId, exposure, exposure.getAsOf().toEpochMilli()));
    }

    @Override
    public void close() {
        cache.clear();
    }
}
