package com.exposuremonitor.serde;

import com.exposuremonitor.avro.Severity;
import com.exposuremonitor.domain.alerts.AlertBook;
import com.exposuremonitor.domain.alerts.AlertState;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The alert books' store format: a small {@link VersionedBinary} record (first byte 1), read on every
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
        return VersionedBinary.encode(VERSION, out -> {
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
                VersionedBinary.writeRatio(out, s.lastFigure());
            }
        });
    }

    private static AlertBook decode(byte[] bytes) {
        return VersionedBinary.decode(bytes, VERSION, "alert book", in -> {
            Map<String, AlertState> states = new TreeMap<>();
            for (int i = in.readInt(); i > 0; i--) {
                String rule = in.readUTF();
                byte severity = in.readByte();
                Instant first = in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
                long sequence = in.readLong();
                Double figure = VersionedBinary.readRatio(in);
                states.put(rule, new AlertState(severity < 0 ? null : SEVERITIES[severity], first, sequence, figure));
            }
            return AlertBook.of(states);
        });
    }
}
