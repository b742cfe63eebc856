package com.exposuremonitor.serde;

import com.exposuremonitor.avro.Severity;
import com.exposuremonitor.domain.alerts.AlertBook;
import com.exposuremonitor.domain.alerts.AlertState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The alert books' store format: a small versioned binary record (first byte 1), read on every
 * evaluation, so no JSON on the hot path. Books written by earlier versions as JSON (first byte '{')
 * are still read, so an upgrade needs no reset.
 */
public final class AlertBookSerde implements Serde<AlertBook> {
    private static final byte VERSION = 1;
    private static final Severity[] SEVERITIES = Severity.values();
    private final JsonSerde<AlertBook> legacy = new JsonSerde<>(AlertBook.class);

    @Override
    public Serializer<AlertBook> serializer() {
        return (topic, book) -> book == null ? null : encode(book);
    }

    @Override
    public Deserializer<AlertBook> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            return bytes.length > 0 && bytes[0] == '{' ? legacy.deserializer().deserialize(topic, bytes)
                    : decode(bytes);
        };
    }

    private static byte[] encode(AlertBook book) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeInt(book.states().size());
            for (var e : book.states().entrySet()) {
                AlertState s = e.getValue();
                out.writeUTF(e.getKey());
                out.writeByte(s.severity() == null ? -1 : s.severity().ordinal());
                out.writeBoolean(s.firstRaisedTime() != null);
                if (s.firstRaisedTime() != null) {
                    out.writeLong(s.firstRaisedTime().getEpochSecond());
                    out.writeInt(s.firstRaisedTime().getNano());
                }
                out.writeLong(s.sequence());
                out.writeBoolean(s.lastFigure() != null);
                if (s.lastFigure() != null) {
                    out.writeDouble(s.lastFigure());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static AlertBook decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new SerializationException("unknown alert book format " + version);
            }
            Map<String, AlertState> states = new TreeMap<>();
            for (int i = in.readInt(); i > 0; i--) {
                String rule = in.readUTF();
                byte severity = in.readByte();
                Instant first = in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
                long sequence = in.readLong();
                Double figure = in.readBoolean() ? in.readDouble() : null;
                states.put(rule, new AlertState(severity < 0 ? null : SEVERITIES[severity], first, sequence, figure));
            }
            return AlertBook.of(states);
        } catch (IOException e) {
            throw new SerializationException("corrupt alert book", e);
        }
    }
}
