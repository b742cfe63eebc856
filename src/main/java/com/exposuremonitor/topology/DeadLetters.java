package com.exposuremonitor.topology;

import com.exposuremonitor.avro.DeadLetter;
import java.nio.ByteBuffer;
import java.time.Instant;

/** Builds dead letters that keep the original bytes and their origin, so nothing is lost ({@link DeadLetterFormat}). */
public final class DeadLetters {
    public static final String DESERIALIZATION = "DESERIALIZATION";
    public static final String UNKNOWN_SCHEMA = "UNKNOWN_SCHEMA";
    public static final String VALIDATION = "VALIDATION";
    public static final String KEY_MISMATCH = "KEY_MISMATCH";
    public static final String NULL_KEY = "NULL_KEY";
    public static final String NULL_VALUE = "NULL_VALUE";
    public static final String CONFLICTING_DUPLICATE = "CONFLICTING_DUPLICATE";
    public static final String PROCESSING = "PROCESSING";

    private DeadLetters() {
    }

    /** Where a rejected record came from. */
    public record Origin(String topic, int partition, long offset, Long timestamp, byte[] key, byte[] value,
                         String applicationId) {
    }

    /** The origin of the record a processor is working on. */
    public static Origin origin(org.apache.kafka.streams.processor.api.ProcessingContext context, String fallbackTopic,
                                long timestamp, byte[] key, byte[] value) {
        var meta = context.recordMetadata();
        return new Origin(meta.map(m -> m.topic()).orElse(fallbackTopic), meta.map(m -> m.partition()).orElse(-1),
                meta.map(m -> m.offset()).orElse(-1L), timestamp, key, value, context.applicationId());
    }

    public static DeadLetter of(String errorType, String reason, Origin origin, Throwable cause) {
        return DeadLetter.newBuilder()
                .setErrorType(errorType)
                .setReason(reason)
                .setSourceTopic(origin.topic() == null ? "unknown" : origin.topic())
                .setSourcePartition(origin.partition())
                .setSourceOffset(origin.offset())
                .setSourceTimestamp(origin.timestamp() == null || origin.timestamp() < 0 ? null
                        : Instant.ofEpochMilli(origin.timestamp()))
                .setKey(origin.key() == null ? null : ByteBuffer.wrap(origin.key()))
                .setValue(origin.value() == null ? null : ByteBuffer.wrap(origin.value()))
                .setExceptionClass(cause == null ? null : cause.getClass().getName())
                .setApplicationId(origin.applicationId())
                .setStacktrace(DeadLetterFormat.stacktrace(cause))
                .build();
    }
}
