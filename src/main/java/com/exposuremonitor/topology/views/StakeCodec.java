package com.exposuremonitor.topology.views;

import static com.exposuremonitor.serde.VersionedBinary.readDecimal;
import static com.exposuremonitor.serde.VersionedBinary.readRatio;
import static com.exposuremonitor.serde.VersionedBinary.writeDecimal;
import static com.exposuremonitor.serde.VersionedBinary.writeRatio;

import com.exposuremonitor.domain.views.CounterpartyStake;
import com.exposuremonitor.domain.views.LenderStake;
import com.exposuremonitor.serde.VersionedBinary;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The compact binary form of the views' internal values (repartitioned stake changes, the view books and
 * the fan-out index), in {@link VersionedBinary}: no JSON on the hot path. Internal only, never read
 * outside the application.
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
            writeDecimal(out, s.windowRevenue());
            writeRatio(out, s.revenueShare());
            writeDecimal(out, s.backlog());
            writeRatio(out, s.backlogShare());
            writeDecimal(out, s.overdueAmount());
            out.writeInt(s.oldestDaysPastDue());
        }

        @Override
        CounterpartyStake read(DataInput in) throws IOException {
            return new CounterpartyStake(in.readUTF(), Instant.ofEpochMilli(in.readLong()), readDecimal(in), readRatio(in),
                    readDecimal(in), readRatio(in), readDecimal(in), in.readInt());
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
                writeDecimal(out, e.getValue());
            }
            out.writeInt(s.revenueShares().size());
            for (var e : new TreeMap<>(s.revenueShares()).entrySet()) {
                out.writeUTF(e.getKey());
                writeRatio(out, e.getValue());
            }
            out.writeBoolean(s.critical());
        }

        @Override
        LenderStake read(DataInput in) throws IOException {
            String operatorId = in.readUTF();
            Instant asOf = Instant.ofEpochMilli(in.readLong());
            Map<String, BigDecimal> outstanding = new TreeMap<>();
            for (int i = in.readInt(); i > 0; i--) {
                outstanding.put(in.readUTF(), readDecimal(in));
            }
            Map<String, Double> shares = new TreeMap<>();
            for (int i = in.readInt(); i > 0; i--) {
                shares.put(in.readUTF(), readRatio(in));
            }
            return new LenderStake(operatorId, asOf, outstanding, shares, in.readBoolean());
        }
    };

    /** A stake change: the operator, then the stake or nothing (the operator no longer counts there). */
    Serde<StakeChange<S>> changeSerde() {
        return Serdes.serdeFrom((topic, change) -> change == null ? null : VersionedBinary.encode(VERSION, out -> {
            out.writeUTF(change.operatorId());
            out.writeBoolean(change.stake() != null);
            if (change.stake() != null) {
                write(out, change.stake());
            }
        }), (topic, bytes) -> bytes == null ? null : VersionedBinary.decode(bytes, VERSION, "internal stake", in -> {
            String operatorId = in.readUTF();
            return new StakeChange<>(operatorId, in.readBoolean() ? read(in) : null);
        }));
    }

    /** One operator's stakes by view id. */
    Serde<StakeMap<S>> mapSerde() {
        return Serdes.serdeFrom((topic, map) -> map == null ? null : VersionedBinary.encode(VERSION, out -> {
            out.writeInt(map.stakes().size());
            for (var e : map.stakes().entrySet()) {
                out.writeUTF(e.getKey());
                write(out, e.getValue());
            }
        }), (topic, bytes) -> bytes == null ? null : VersionedBinary.decode(bytes, VERSION, "internal stake", in -> {
            Map<String, S> stakes = new TreeMap<>();
            for (int i = in.readInt(); i > 0; i--) {
                stakes.put(in.readUTF(), read(in));
            }
            return new StakeMap<>(stakes);
        }));
    }
}
