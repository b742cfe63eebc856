package com.exposuremonitor.topology.views;

import static com.exposuremonitor.serde.VersionedBinary.readDecimal;
import static com.exposuremonitor.serde.VersionedBinary.readRatio;
import static com.exposuremonitor.serde.VersionedBinary.writeDecimal;
import static com.exposuremonitor.serde.VersionedBinary.writeRatio;

import com.exposuremonitor.domain.views.ContagionStake;
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
    /** 2 adds the counterparty stake's contagion; version 1 is still read (its stakes have none). */
    static final byte VERSION = 2;
    private static final byte OLDEST = 1;

    abstract void write(DataOutput out, S stake) throws IOException;

    abstract S read(DataInput in, byte version) throws IOException;

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
            ContagionStake c = s.contagion();
            out.writeBoolean(c != null);
            if (c != null) {
                writeRatio(out, c.dscr());
                writeRatio(out, c.dscrWithout());
                writeRatio(out, c.netMarginWithout());
                writeDecimal(out, c.outstanding());
                writeAmounts(out, c.outstandingByLender());
            }
        }

        @Override
        CounterpartyStake read(DataInput in, byte version) throws IOException {
            return new CounterpartyStake(in.readUTF(), Instant.ofEpochMilli(in.readLong()), readDecimal(in), readRatio(in),
                    readDecimal(in), readRatio(in), readDecimal(in), in.readInt(),
                    version >= 2 && in.readBoolean() ? readContagion(in) : null);
        }

        private ContagionStake readContagion(DataInput in) throws IOException {
            return new ContagionStake(readRatio(in), readRatio(in), readRatio(in), readDecimal(in), readAmounts(in));
        }
    };

    private static void writeAmounts(DataOutput out, Map<String, BigDecimal> amounts) throws IOException {
        out.writeInt(amounts.size());
        for (var e : new TreeMap<>(amounts).entrySet()) {
            out.writeUTF(e.getKey());
            writeDecimal(out, e.getValue());
        }
    }

    private static Map<String, BigDecimal> readAmounts(DataInput in) throws IOException {
        Map<String, BigDecimal> amounts = new TreeMap<>();
        for (int i = in.readInt(); i > 0; i--) {
            amounts.put(in.readUTF(), readDecimal(in));
        }
        return amounts;
    }

    static final StakeCodec<LenderStake> LENDER = new StakeCodec<>() {
        @Override
        void write(DataOutput out, LenderStake s) throws IOException {
            out.writeUTF(s.operatorId());
            out.writeLong(s.asOf().toEpochMilli());
            writeAmounts(out, s.outstandingByInstrument());
            out.writeInt(s.revenueShares().size());
            for (var e : new TreeMap<>(s.revenueShares()).entrySet()) {
                out.writeUTF(e.getKey());
                writeRatio(out, e.getValue());
            }
            out.writeBoolean(s.critical());
        }

        @Override
        LenderStake read(DataInput in, byte version) throws IOException {
            String operatorId = in.readUTF();
            Instant asOf = Instant.ofEpochMilli(in.readLong());
            Map<String, BigDecimal> outstanding = readAmounts(in);
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
        }), (topic, bytes) -> bytes == null ? null : VersionedBinary.decode(bytes, OLDEST, VERSION, "internal stake",
                (version, in) -> {
            String operatorId = in.readUTF();
            return new StakeChange<>(operatorId, in.readBoolean() ? read(in, version) : null);
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
        }), (topic, bytes) -> bytes == null ? null : VersionedBinary.decode(bytes, OLDEST, VERSION, "internal stake",
                (version, in) -> {
            Map<String, S> stakes = new TreeMap<>();
            for (int i = in.readInt(); i > 0; i--) {
                stakes.put(in.readUTF(), read(in, version));
            }
            return new StakeMap<>(stakes);
        }));
    }
}
