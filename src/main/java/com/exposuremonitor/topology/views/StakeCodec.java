package com.exposuremonitor.topology.views;

import com.exposuremonitor.domain.views.CounterpartyStake;
import com.exposuremonitor.domain.views.LenderStake;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The compact binary form of the views' internal values (repartitioned stake changes, the view books and
 * the fan-out index): no JSON on the hot path. Internal only, never read outside the application; the
 * first byte is the format version, so a later format can still read what an older one wrote.
 */
abstract class StakeCodec<S> {
    private static final byte VERSION = 1;

    abstract void write(DataOutput out, S stake) throws IOException;

    abstract S read(DataInput in) throws IOException;

    static final StakeCodec<CounterpartyStake> COUNTERPARTY = new StakeCodec<>() {
        @Override
        void write(DataOutput out, CounterpartyStake s) throws IOException {
            out.writeUTF(s.operatorId());
            out.writeLong(s.asOf().toEpochMilli());
            decimal(out, s.windowRevenue());
            ratio(out, s.revenueShare());
            decimal(out, s.backlog());
            ratio(out, s.backlogShare());
            decimal(out, s.overdueAmount());
            out.writeInt(s.oldestDaysPastDue());
        }

        @Override
        CounterpartyStake read(DataInput in) throws IOException {
            return new CounterpartyStake(in.readUTF(), Instant.ofEpochMilli(in.readLong()), decimal(in), ratio(in),
                    decimal(in), ratio(in), decimal(in), in.readInt());
        }
    };

    static final StakeCodec<LenderStake> LENDER = new StakeCodec<>() {
        @Override
        void write(DataOutput out, LenderStake s) throws IOException {
            out.writeUTF(s.operatorId());
            out.writeLong(s.asOf().toEpochMilli());
            out.writeInt(s.outstandingByInstrument().size());
            for (var e : new TreeMap<>(s.outstandingByInstrument()).entrySet()) {
                out.writeUTF(e.getKey());
                decimal(out, e.getValue());
            }
            out.writeInt(s.revenueShares().size());
            for (var e : new TreeMap<>(s.revenueShares()).entrySet()) {
                out.writeUTF(e.getKey());
                ratio(out, e.getValue());
            }
            out.writeBoolean(s.critical());
        }

        @Override
        LenderStake read(DataInput in) throws IOException {
            String operatorId = in.readUTF();
            Instant asOf = Instant.ofEpochMilli(in.readLong());
            Map<String, BigDecimal> outstanding = new TreeMap<>();
            for (int i = in.readInt(); i > 0; i--) {
                outstanding.put(in.readUTF(), decimal(in));
            }
            Map<String, Double> shares = new TreeMap<>();
            for (int i = in.readInt(); i > 0; i--) {
                shares.put(in.readUTF(), ratio(in));
            }
            return new LenderStake(operatorId, asOf, outstanding, shares, in.readBoolean());
        }
    };

    /** A stake change: the operator, then the stake or nothing (the operator no longer counts there). */
    Serde<StakeChange<S>> changeSerde() {
        return Serdes.serdeFrom((topic, change) -> change == null ? null : encode(out -> {
            out.writeUTF(change.operatorId());
            out.writeBoolean(change.stake() != null);
            if (change.stake() != null) {
                write(out, change.stake());
            }
        }), (topic, bytes) -> bytes == null ? null : decode(bytes, in -> {
            String operatorId = in.readUTF();
            return new StakeChange<>(operatorId, in.readBoolean() ? read(in) : null);
        }));
    }

    /** One operator's stakes by view id. */
    Serde<StakeMap<S>> mapSerde() {
        return Serdes.serdeFrom((topic, map) -> map == null ? null : encode(out -> {
            out.writeInt(map.stakes().size());
            for (var e : map.stakes().entrySet()) {
                out.writeUTF(e.getKey());
                write(out, e.getValue());
            }
        }), (topic, bytes) -> bytes == null ? null : decode(bytes, in -> {
            Map<String, S> stakes = new TreeMap<>();
            for (int i = in.readInt(); i > 0; i--) {
                stakes.put(in.readUTF(), read(in));
            }
            return new StakeMap<>(stakes);
        }));
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private static byte[] encode(Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(96);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static <T> T decode(byte[] bytes, Reader<T> reader) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new SerializationException("unknown internal stake format " + version);
            }
            return reader.read(in);
        } catch (IOException e) {
            throw new SerializationException("corrupt internal stake record", e);
        }
    }

    private static void decimal(DataOutput out, BigDecimal value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            byte[] unscaled = value.unscaledValue().toByteArray();
            out.writeInt(value.scale());
            out.writeShort(unscaled.length);
            out.write(unscaled);
        }
    }

    private static BigDecimal decimal(DataInput in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        int scale = in.readInt();
        byte[] unscaled = new byte[in.readShort()];
        in.readFully(unscaled);
        return new BigDecimal(new BigInteger(unscaled), scale);
    }

    private static void ratio(DataOutput out, Double value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeDouble(value);
        }
    }

    private static Double ratio(DataInput in) throws IOException {
        return in.readBoolean() ? in.readDouble() : null;
    }
}
