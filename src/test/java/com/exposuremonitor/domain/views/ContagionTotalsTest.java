package com.exposuremonitor.domain.views;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A counterparty's contagion totals over the operators it pays, against hand-computed figures. */
class ContagionTotalsTest {
    private static final Instant AS_OF = Instant.parse("2026-03-31T00:00:00Z");

    static CounterpartyStake stake(String operatorId, Double dscr, Double dscrWithout, String outstanding,
                                   Map<String, BigDecimal> byLender) {
        return new CounterpartyStake(operatorId, AS_OF, BigDecimal.TEN, 0.4, BigDecimal.ZERO, null, BigDecimal.ZERO, 0,
                new ContagionStake(dscr, dscrWithout, -0.1, new BigDecimal(outstanding), byLender));
    }

    @Test
    void aCounterpartyPayingThreeOperatorsOfWhichTwoBreach() {
        // op-a: 2.5 today, 0.5 without -> newly breaching; op-b: 0.5 today, -1.0 without -> already breaching;
        // op-c: no debt service -> null, not breaching; op-d: backlog only, no revenue -> no contagion figures.
        List<CounterpartyStake> stakes = List.of(
                stake("op-b", 0.5, -1.0, "500.00", Map.of("bank-y", new BigDecimal("500.00"))),
                stake("op-a", 2.5, 0.5, "1000.00",
                        Map.of("bank-y", new BigDecimal("600.00"), "bank-z", new BigDecimal("400.00"))),
                stake("op-c", null, null, "0.00", Map.of()),
                new CounterpartyStake("op-d", AS_OF, BigDecimal.ZERO, 0.0, BigDecimal.ONE, 1.0, BigDecimal.ZERO, 0));
        ContagionTotals t = ContagionTotals.of(stakes);
        assertThat(t.breachingWithout()).containsExactly("op-a", "op-b");
        assertThat(t.newlyBreaching()).containsExactly("op-a");
        assertThat(t.debtAtRisk()).isEqualByComparingTo("1500.00");
        assertThat(t.outstandingByLender()).containsOnlyKeys("bank-y", "bank-z");
        assertThat(t.outstandingByLender().get("bank-y")).isEqualByComparingTo("1100.00");
        assertThat(t.outstandingByLender().get("bank-z")).isEqualByComparingTo("400.00");
    }

    @Test
    void exactlyOneIsNotABreach() {
        ContagionTotals t = ContagionTotals.of(List.of(stake("op-a", 2.0, 1.0, "10.00", Map.of())));
        assertThat(t.breachingWithout()).isEmpty();
        assertThat(t.debtAtRisk()).isEqualByComparingTo("0");
    }

    @Test
    void noStakesNoRisk() {
        ContagionTotals t = ContagionTotals.of(List.of());
        assertThat(t.newlyBreaching()).isEmpty();
        assertThat(t.outstandingByLender()).isEmpty();
    }
}
