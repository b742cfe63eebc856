package com.exposuremonitor.topology.views;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.exposuremonitor.domain.views.ContagionStake;
import com.exposuremonitor.domain.views.CounterpartyStake;
import com.exposuremonitor.domain.views.LenderStake;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

/** The views' internal binary values read back exactly what was written, scales and nulls included. */
class StakeCodecTest {
    private static final Instant AS_OF = Instant.parse("2026-06-30T12:00:00Z");

    @Test
    void aCounterpartyStakeChangeRoundTripsWithExactDecimalsAndNullShares() {
        var stake = new CounterpartyStake("op-1", AS_OF, new BigDecimal("1004650.4650"), 0.375,
                new BigDecimal("0.00"), null, new BigDecimal("-12.5"), 93);
        assertRoundTrip(StakeCodec.COUNTERPARTY.changeSerde(), new StakeChange<>("op-1", stake));
        assertRoundTrip(StakeCodec.COUNTERPARTY.changeSerde(), new StakeChange<>("op-1", null));
    }

    @Test
    void aCounterpartyStakeWithContagionRoundTrips() {
        var contagion = new ContagionStake(2.5, null, -0.125, new BigDecimal("1500.00"),
                Map.of("bank-y", new BigDecimal("1100.00"), "bank-z", new BigDecimal("400.00")));
        var stake = new CounterpartyStake("op-1", AS_OF, BigDecimal.TEN, 0.5, BigDecimal.ONE, 0.5, BigDecimal.ZERO, 0,
                contagion);
        assertRoundTrip(StakeCodec.COUNTERPARTY.changeSerde(), new StakeChange<>("op-1", stake));
        Serde<StakeMap<CounterpartyStake>> serde = StakeCodec.COUNTERPARTY.mapSerde();
        StakeMap<CounterpartyStake> map = new StakeMap<>(Map.of("lab-x", stake));
        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", map))).isEqualTo(map);
    }

    @Test
    void aVersionOneStakeIsStillReadWithoutContagion() {
        var stake = new CounterpartyStake("op-1", AS_OF, BigDecimal.TEN, 0.5, BigDecimal.ONE, 0.5, BigDecimal.ZERO, 7);
        byte[] v2 = StakeCodec.COUNTERPARTY.changeSerde().serializer().serialize("t", new StakeChange<>("op-1", stake));
        // Version 1 is version 2 without the trailing "no contagion" flag.
        byte[] v1 = java.util.Arrays.copyOf(v2, v2.length - 1);
        v1[0] = 1;
        assertThat(StakeCodec.COUNTERPARTY.changeSerde().deserializer().deserialize("t", v1))
                .isEqualTo(new StakeChange<>("op-1", stake));
    }

    @Test
    void aLenderStakeMapRoundTrips() {
        var stake = new LenderStake("op-2", AS_OF, Map.of("BOND", new BigDecimal("18000000000.00"),
                "FINANCE_LEASE", new BigDecimal("1.23")), Map.of("lab-a", 0.75, "lab-b", 0.25), true);
        Serde<StakeMap<LenderStake>> serde = StakeCodec.LENDER.mapSerde();
        StakeMap<LenderStake> map = new StakeMap<>(Map.of("lender-1", stake));
        StakeMap<LenderStake> back = serde.deserializer().deserialize("t", serde.serializer().serialize("t", map));
        assertThat(back).isEqualTo(map);
        assertThat(back.stakes().get("lender-1").outstandingByInstrument().get("BOND").scale()).isEqualTo(2);
    }

    @Test
    void anUnknownFormatVersionIsRefusedNotMisread() {
        byte[] bytes = StakeCodec.COUNTERPARTY.changeSerde().serializer().serialize("t", new StakeChange<>("op", null));
        bytes[0] = 9;
        assertThatThrownBy(() -> StakeCodec.COUNTERPARTY.changeSerde().deserializer().deserialize("t", bytes))
                .isInstanceOf(SerializationException.class).hasMessageContaining("format 9");
    }

    @Test
    void figuresThatOnlyMovedInTimeAreTheSameFigures() {
        var stake = new CounterpartyStake("op-1", AS_OF, BigDecimal.TEN, 0.5, BigDecimal.ONE, 0.5, BigDecimal.ZERO, 0);
        var later = new CounterpartyStake("op-1", AS_OF.plusSeconds(60), BigDecimal.TEN, 0.5, BigDecimal.ONE, 0.5,
                BigDecimal.ZERO, 0);
        var changed = new CounterpartyStake("op-1", AS_OF, BigDecimal.TEN, 0.6, BigDecimal.ONE, 0.5, BigDecimal.ZERO, 0);
        assertThat(stake.sameFigures(later)).isTrue();
        assertThat(stake.sameFigures(changed)).isFalse();
        assertThat(stake.sameFigures(null)).isFalse();
    }

    private static <T> void assertRoundTrip(Serde<T> serde, T value) {
        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", value))).isEqualTo(value);
    }
}
