package com.exposuremonitor.topology;

import com.exposuremonitor.avro.OperatorExposure;
import com.exposuremonitor.domain.ExposureCalculator;
import com.exposuremonitor.domain.OperatorAggregate;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
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
import org.apache.kafka.streams.state.VersionedKeyValueStore;

/**
 * The once-per-commit half of the exposure: for each operator marked changed since the last commit (the
 * cached table of marks hands each one over once, when the task commits), computes its exposure from the
 * in-memory aggregate and publishes it if any figure changed. Aggregates live in the task's
 * {@link CachedOperator} cache, rebuilt from the intake's snapshot stores on a miss; the only state this processor
 * writes is the last published exposure. A wall-clock punctuator is the delinquency clock: it advances
 * asOf for every operator, so days past due grow while nothing arrives.
 */
final class ExposureProcessor implements Processor<byte[], Long, String, OperatorExposure> {
    /** Operators kept in memory per task; beyond it the least recently updated is rebuilt when next needed. */
    static final int CACHED_AGGREGATES_PER_TASK = 4096;
    private static final StringSerializer KEYS = new StringSerializer();

    private final Duration clockInterval;
    private final TaskShared<TaskCache<CachedOperator>> shared;
    private final List<Deserializer<? extends SpecificRecord>> decoders;
    private KeyValueStore<String, byte[]> snapshots;
    private TaskCache<CachedOperator> cache;
    private ProcessorContext<String, OperatorExposure> context;
    private KeyValueStore<String, OperatorExposure> exposures;
    private VersionedKeyValueStore<String, OperatorExposure> history;

    private ExposureProcessor(Duration clockInterval, TaskShared<TaskCache<CachedOperator>> shared, Topics topics) {
        this.clockInterval = clockInterval;
        this.shared = shared;
        this.decoders = InputKind.ALL.stream()
                .<Deserializer<? extends SpecificRecord>>map(k -> k.topic().apply(topics).valueSerde().deserializer())
                .toList();
    }

    static ProcessorSupplier<byte[], Long, String, OperatorExposure> supplier(Topics topics, Duration clockInterval,
                                                                             Duration historyRetention,
                                                                             TaskShared<TaskCache<CachedOperator>> shared) {
        // Cached: a busy operator's exposure reaches RocksDB and its changelog once per commit, not per event.
        StoreBuilder<KeyValueStore<String, OperatorExposure>> exposureStore = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(ExposureTopology.EXPOSURE_STORE), Serdes.String(),
                topics.avroSerde(OperatorExposure.class)).withCachingEnabled();
        StoreBuilder<VersionedKeyValueStore<String, OperatorExposure>> historyStore =
                Stores.versionedKeyValueStoreBuilder(Stores.persistentVersionedKeyValueStore(
                        ExposureTopology.HISTORY_STORE, historyRetention), Serdes.String(),
                        topics.avroSerde(OperatorExposure.class));
        return new ProcessorSupplier<>() {
            @Override
            public Processor<byte[], Long, String, OperatorExposure> get() {
                return new ExposureProcessor(clockInterval, shared, topics);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(exposureStore, historyStore);
            }
        };
    }

    @Override
    public void init(ProcessorContext<String, OperatorExposure> context) {
        this.context = context;
        this.exposures = context.getStateStore(ExposureTopology.EXPOSURE_STORE);
        this.history = context.getStateStore(ExposureTopology.HISTORY_STORE);
        this.snapshots = context.getStateStore(IntakeProcessor.SNAPSHOT_STORE);
        this.cache = shared.open(context.taskId());
        context.schedule(clockInterval, PunctuationType.WALL_CLOCK_TIME, this::tick);
    }

    @Override
    public void process(Record<byte[], Long> record) {
        if (record.key() == null || record.value() == null) {
            return; // the table of marks never deletes; nothing to do for a tombstone
        }
        String operatorId = new String(record.key(), StandardCharsets.UTF_8);
        try {
            CachedOperator entry = entry(operatorId);
            entry.marked = false;
            publishIfChanged(operatorId, entry, ExposureCalculator.compute(operatorId, entry.aggregate));
        } catch (RuntimeException e) {
            // The stores are the truth: the next change rebuilds this operator from them.
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
            CachedOperator entry = entry(operatorId);
            if (!entry.aggregate.advanceClock(now)) {
                continue;
            }
            OperatorExposure exposure = ExposureCalculator.compute(operatorId, entry.aggregate);
            if (entry.published == null || !ExposureCalculator.sameFiguresIgnoringClock(entry.published, exposure)) {
                publish(operatorId, entry, exposure);
            }
        }
    }

    private CachedOperator entry(String operatorId) {
        CachedOperator cached = cache.get(operatorId);
        return cached != null ? cached : rebuild(operatorId);
    }

    /**
     * The operator's aggregate from its latest snapshots; its clock resumes from the asOf last published
     * (a tick that changed no figure was never published, and need not be remembered).
     */
    private CachedOperator rebuild(String operatorId) {
        OperatorAggregate aggregate = new OperatorAggregate();
        Map<String, SpecificRecord> latest = new HashMap<>();
        for (int i = 0; i < InputKind.ALL.size(); i++) {
            applyAll(InputKind.ALL.get(i), decoders.get(i), operatorId, aggregate, latest);
        }
        OperatorExposure published = exposures.get(operatorId);
        if (published != null) {
            aggregate.advanceClock(published.getAsOf());
        }
        CachedOperator entry = new CachedOperator(aggregate, latest, published);
        cache.put(operatorId, entry);
        return entry;
    }

    @SuppressWarnings("unchecked")
    private <T extends SpecificRecord> void applyAll(InputKind<T> kind, Deserializer<? extends SpecificRecord> decoder,
                                                     String operatorId, OperatorAggregate aggregate,
                                                     Map<String, SpecificRecord> latest) {
        Deserializer<T> typed = (Deserializer<T>) decoder;
        try (KeyValueIterator<String, byte[]> stored = snapshots.prefixScan(kind.operatorPrefix(operatorId), KEYS)) {
            stored.forEachRemaining(s -> {
                T snapshot = typed.deserialize(kind.name(), s.value);
                kind.applier().apply(aggregate, null, snapshot);
                latest.put(s.key, snapshot);
            });
        }
    }

    private void publishIfChanged(String operatorId, CachedOperator entry, OperatorExposure exposure) {
        if (!exposure.equals(entry.published)) {
            publish(operatorId, entry, exposure);
        }
    }

    private void publish(String operatorId, CachedOperator entry, OperatorExposure exposure) {
        exposures.put(operatorId, exposure);
        history.put(operatorId, exposure, exposure.getAsOf().toEpochMilli());
        entry.published = exposure;
        context.forward(new Record<>(operatorId, exposure, exposure.getAsOf().toEpochMilli()));
    }

    @Override
    public void close() {
        shared.close(context.taskId());
    }
}
