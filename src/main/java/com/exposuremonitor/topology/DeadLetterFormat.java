package com.exposuremonitor.topology;

import com.exposuremonitor.avro.DeadLetter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Dead letters as KIP-1034 defines them: the record's own key, value and headers, untouched, plus error
 * headers (Kafka Streams' {@code __streams.errors.*}, and ours, {@code __em.errors.*}, for what the standard
 * ones do not say). A consumer of the dead-letter topic needs no schema to read it, and a record can be sent
 * back to its source as it was.
 *
 * <p>The {@link DeadLetter} value object carries the same facts in one piece: the serde writes it as the
 * original value bytes plus headers, and reads the headers back into it.
 */
public final class DeadLetterFormat {
    public static final String EXCEPTION = "__streams.errors.exception";
    public static final String STACKTRACE = "__streams.errors.stacktrace";
    public static final String MESSAGE = "__streams.errors.message";
    public static final String TOPIC = "__streams.errors.topic";
    public static final String PARTITION = "__streams.errors.partition";
    public static final String OFFSET = "__streams.errors.offset";
    public static final String ERROR_TYPE = "__em.errors.type";
    public static final String REASON = "__em.errors.reason";
    public static final String APPLICATION_ID = "__em.errors.application.id";
    public static final String TIMESTAMP = "__em.errors.timestamp";
    private static final Set<String> ERROR_HEADERS = Set.of(EXCEPTION, STACKTRACE, MESSAGE, TOPIC, PARTITION, OFFSET,
            ERROR_TYPE, REASON, APPLICATION_ID, TIMESTAMP);

    private DeadLetterFormat() {
    }

    /** Adds the letter's error headers (replacing any of the same names) to the original headers. */
    public static Headers addErrorHeaders(Headers headers, DeadLetter letter) {
        ERROR_HEADERS.forEach(headers::remove);
        put(headers, ERROR_TYPE, letter.getErrorType());
        put(headers, REASON, letter.getReason());
        put(headers, MESSAGE, letter.getReason());
        put(headers, TOPIC, letter.getSourceTopic());
        put(headers, PARTITION, String.valueOf(letter.getSourcePartition()));
        put(headers, OFFSET, String.valueOf(letter.getSourceOffset()));
        put(headers, APPLICATION_ID, letter.getApplicationId());
        put(headers, EXCEPTION, letter.getExceptionClass());
        put(headers, STACKTRACE, letter.getStacktrace());
        if (letter.getSourceTimestamp() != null) {
            put(headers, TIMESTAMP, String.valueOf(letter.getSourceTimestamp().toEpochMilli()));
        }
        return headers;
    }

    /** The headers the record had at its source: the error headers taken away. */
    public static Headers originalHeaders(Headers headers) {
        RecordHeaders out = new RecordHeaders();
        for (Header h : headers) {
            if (!ERROR_HEADERS.contains(h.key())) {
                out.add(h.key(), h.value());
            }
        }
        return out;
    }

    /** Reads a dead-letter record back into one value (the key is the record's key). */
    public static DeadLetter read(byte[] key, byte[] value, Headers headers) {
        String timestamp = text(headers, TIMESTAMP);
        return DeadLetter.newBuilder()
                .setErrorType(orElse(text(headers, ERROR_TYPE), "UNKNOWN"))
                .setReason(orElse(text(headers, REASON), orElse(text(headers, MESSAGE), "")))
                .setSourceTopic(orElse(text(headers, TOPIC), "unknown"))
                .setSourcePartition(Integer.parseInt(orElse(text(headers, PARTITION), "-1")))
                .setSourceOffset(Long.parseLong(orElse(text(headers, OFFSET), "-1")))
                .setSourceTimestamp(timestamp == null ? null : Instant.ofEpochMilli(Long.parseLong(timestamp)))
                .setKey(key == null ? null : ByteBuffer.wrap(key))
                .setValue(value == null ? null : ByteBuffer.wrap(value))
                .setExceptionClass(text(headers, EXCEPTION))
                .setApplicationId(orElse(text(headers, APPLICATION_ID), ""))
                .setStacktrace(text(headers, STACKTRACE))
                .build();
    }

    /**
     * The dead-letter topic's value serde: writes a letter as its original value bytes and adds its error
     * headers; reads the headers back (the letter's key is then left out: it is the record's key).
     */
    public static Serde<DeadLetter> serde() {
        Serializer<DeadLetter> serializer = new Serializer<>() {
            @Override
            public byte[] serialize(String topic, DeadLetter letter) {
                return serialize(topic, new RecordHeaders(), letter);
            }

            @Override
            public byte[] serialize(String topic, Headers headers, DeadLetter letter) {
                if (letter == null) {
                    return null;
                }
                addErrorHeaders(headers, letter);
                return bytes(letter.getValue());
            }
        };
        Deserializer<DeadLetter> deserializer = new Deserializer<>() {
            @Override
            public DeadLetter deserialize(String topic, byte[] data) {
                return deserialize(topic, new RecordHeaders(), data);
            }

            @Override
            public DeadLetter deserialize(String topic, Headers headers, byte[] data) {
                return read(null, data, headers);
            }
        };
        return org.apache.kafka.common.serialization.Serdes.serdeFrom(serializer, deserializer);
    }

    static String stacktrace(Throwable e) {
        if (e == null) {
            return null;
        }
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        ByteBuffer copy = buffer.duplicate();
        byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return out;
    }

    private static void put(Headers headers, String key, String value) {
        if (value != null) {
            headers.add(key, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String text(Headers headers, String key) {
        Header h = headers.lastHeader(key);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static String orElse(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
