package com.exposuremonitor.topology;

import com.exposuremonitor.confluent.ConfluentException;
import com.exposuremonitor.domain.SnapshotDecision;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The gate of one input topic: decodes the raw bytes, validates, checks the key, and decides by snapshot
 * version whether the record is newer, a duplicate, stale or a conflicting reuse of an eventId. Only a
 * newer snapshot goes on, together with the one it replaces; duplicates and stale snapshots stop here.
 */
final class IntakeProcessor<T extends SpecificRecord> implements FixedKeyProcessor<byte[], byte[], Intake> {
    static final String SNAPSHOT_STORE = "snapshots";
    private final InputKind<T> kind;
    private final Deserializer<T> deserializer;
    private final TaskShared<TaskCache<CachedOperator>> operators;
    private TaskCache<CachedOperator> cache;
    private FixedKeyProcessorContext<byte[], Intake> context;
    private KeyValueStore<String, byte[]> snapshots;

    private IntakeProcessor(InputKind<T> kind, Deserializer<T> deserializer, TaskShared<TaskCache<CachedOperator>> operators) {
        this.kind = kind;
        this.deserializer = deserializer;
        this.operators = operators;
    }

    /** Connect to {@link #SNAPSHOT_STORE}, which all input kinds share (added once, see {@link #snapshotStore()}). */
    static <T extends SpecificRecord> FixedKeyProcessorSupplier<byte[], byte[], Intake> supplier(
            InputKind<T> kind, Topics topics, TaskShared<TaskCache<CachedOperator>> operators) {
        Topic<String, T> topic = kind.topic().apply(topics);
        return () -> new IntakeProcessor<>(kind, topic.valueSerde().deserializer(), operators);
    }

    /**
     * The latest snapshot of every natural key of every kind (keys are tagged by kind), as the input bytes
     * it arrived in: one store instead of one per kind, and no re-encoding of what was just decoded.
     */
    static StoreBuilder<KeyValueStore<String, byte[]>> snapshotStore() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SNAPSHOT_STORE), Serdes.String(),
                Serdes.ByteArray());
    }

    @Override
    public void init(FixedKeyProcessorContext<byte[], Intake> context) {
        this.context = context;
        this.snapshots = context.getStateStore(SNAPSHOT_STORE);
        this.cache = operators.open(context.taskId());
    }

    @Override
    public void close() {
        operators.close(context.taskId());
    }

    @Override
    public void process(FixedKeyRecord<byte[], byte[]> record) {
        decide(record).ifPresent(intake -> context.forward(record.withValue(intake)));
    }

    private Optional<Intake> decide(FixedKeyRecord<byte[], byte[]> record) {
        if (record.key() == null) {
            return reject(record, DeadLetters.NULL_KEY, "record has no key; input topics are keyed by operatorId", null);
        }
        if (record.value() == null) {
            return reject(record, DeadLetters.NULL_VALUE, "record has no value (a tombstone); inputs are snapshots "
                    + "and are never deleted: send a snapshot with a closing status instead", null);
        }
        T event;
        try {
            event = deserializer.deserialize(topicOf(), record.value());
        } catch (ConfluentException.UnknownSchemaId e) {
            return reject(record, DeadLetters.UNKNOWN_SCHEMA, e.getMessage(), e);
        } catch (SerializationException e) {
            if (e instanceof ConfluentException c && c.registryFault()) {
                throw c; // not the record's fault: fail the task and retry rather than lose a valid record
            }
            return reject(record, DeadLetters.DESERIALIZATION, "not a valid " + kind.type().getSimpleName()
                    + " record: " + e.getMessage(), e);
        }
        Optional<String> problem = kind.validator().apply(event);
        if (problem.isPresent()) {
            return reject(record, DeadLetters.VALIDATION, problem.get(), null);
        }
        String key = new String(record.key(), StandardCharsets.UTF_8);
        String operatorId = kind.operatorId().apply(event);
        if (!key.equals(operatorId)) {
            return reject(record, DeadLetters.KEY_MISMATCH, "record key '" + abbreviate(key)
                    + "' does not match operatorId '" + operatorId + "'; input topics are keyed by operatorId", null);
        }
        return applySnapshot(record, event, operatorId);
    }

    private Optional<Intake> applySnapshot(FixedKeyRecord<byte[], byte[]> record, T event, String operatorId) {
        String naturalKey = kind.naturalKey().apply(event);
        T current = current(operatorId, naturalKey);
        SnapshotDecision decision = kind.decide().apply(current, event);
        return switch (decision) {
            case APPLY -> {
                snapshots.put(naturalKey, record.value());
                yield Optional.of(new Intake.Accepted<>(kind, operatorId, naturalKey, current, event));
            }
            case DUPLICATE, STALE -> Optional.empty();
            case CONFLICT -> reject(record, DeadLetters.CONFLICTING_DUPLICATE, "eventId '"
                    + ((org.apache.avro.generic.GenericRecord) event).get("eventId") + "' was already applied to " + kind.name() + " " + naturalKey
                    + " with different content; an event id must never be reused", null);
        };
    }

    /** The snapshot the event would replace: in memory for a cached operator, else from the store. */
    @SuppressWarnings("unchecked")
    private T current(String operatorId, String naturalKey) {
        CachedOperator operator = cache.get(operatorId);
        if (operator != null) {
            return (T) operator.snapshots.get(naturalKey);
        }
        byte[] stored = snapshots.get(naturalKey);
        return stored == null ? null : deserializer.deserialize(topicOf(), stored);
    }

    private Optional<Intake> reject(FixedKeyRecord<byte[], byte[]> record, String type, String reason, Throwable e) {
        DeadLetters.Origin origin = DeadLetters.origin(context, kind.name(), record.timestamp(), record.key(),
                record.value());
        return Optional.of(new Intake.Rejected(DeadLetters.of(type, reason, origin, e)));
    }

    private String topicOf() {
        return context.recordMetadata().map(RecordMetadata::topic).orElse(kind.name());
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
