package com.exposuremonitor.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** dscrWithout and netMarginWithout per (operator, counterparty), against hand-computed figures. */
class ContagionTest {

    private static Pnl pnl(String revenue, String cashCost, String depreciation, String interest, String principal,
                           String lease, int months) {
        return new Pnl(new BigDecimal(revenue), new BigDecimal(cashCost), BigDecimal.ZERO, new BigDecimal(depreciation),
                new BigDecimal(interest), new BigDecimal(principal), new BigDecimal(lease), months);
    }

    @Test
    void anOperatorThatBreachesOnlyWithoutTheCounterparty() {
        // revenue 100 (lab-x 40, lab-y 60), cash cost 50, depreciation 20, interest 20, principal 20, 6 months:
        // debt service x coverage = 40 x 0.5 = 20; DSCR today 50 / 20 = 2.5;
        // without lab-x: (60 - 50) / 20 = 0.5, net margin (60 - 50 - (20 + 20) x 0.5) / 60 = -10 / 60.
        Pnl p = pnl("100", "50", "20", "20", "20", "0", 6);
        assertThat(p.dscr()).isEqualTo(2.5);
        Map<String, Contagion.Without> w = Contagion.byCounterparty(p,
                Map.of("lab-x", new BigDecimal("40"), "lab-y", new BigDecimal("60")));
        assertThat(w.get("lab-x").dscr()).isEqualTo(0.5);
        assertThat(w.get("lab-x").netMargin()).isCloseTo(-1.0 / 6, within(1e-15));
        // without lab-y: (40 - 50) / 20 = -0.5, net margin (40 - 50 - 20) / 40 = -0.75
        assertThat(w.get("lab-y").dscr()).isEqualTo(-0.5);
        assertThat(w.get("lab-y").netMargin()).isEqualTo(-0.75);
    }

    @Test
    void anOperatorThatAlreadyBreaches() {
        // revenue 100 (lab-x 30, others 70), cash cost 90, interest 20, 12 months: DSCR today 10 / 20 = 0.5;
        // without lab-x: (70 - 90) / 20 = -1.0, net margin (70 - 90 - 20) / 70 = -40 / 70.
        Pnl p = pnl("100", "90", "0", "20", "0", "0", 12);
        assertThat(p.dscr()).isEqualTo(0.5);
        Contagion.Without w = Contagion.without(p, new BigDecimal("30"));
        assertThat(w.dscr()).isEqualTo(-1.0);
        assertThat(w.netMargin()).isCloseTo(-4.0 / 7, within(1e-15));
    }

    @Test
    void noDebtServiceMeansNoDscrWithout() {
        // revenue 100 (lab-x 50), cash cost 20, depreciation 10, no financing: DSCR has no divisor;
        // net margin without lab-x (50 - 20 - 10) / 50 = 0.4.
        Pnl p = pnl("100", "20", "10", "0", "0", "0", 12);
        Contagion.Without w = Contagion.without(p, new BigDecimal("50"));
        assertThat(w.dscr()).isNull();
        assertThat(w.netMargin()).isEqualTo(0.4);
    }

    @Test
    void aCounterpartyThatIsAllTheRevenueLeavesNoNetMargin() {
        // without lab-x nothing is left: net margin's divisor is 0; DSCR (0 - 20) / 10 = -2.0.
        Pnl p = pnl("50", "20", "5", "10", "0", "0", 12);
        Contagion.Without w = Contagion.without(p, new BigDecimal("50"));
        assertThat(w.netMargin()).isNull();
        assertThat(w.dscr()).isEqualTo(-2.0);
    }

    @Test
    void onlyCounterpartiesWithWindowRevenueCount() {
        Pnl p = pnl("100", "20", "0", "10", "0", "0", 12);
        assertThat(Contagion.byCounterparty(p, Map.of("lab-x", new BigDecimal("100"), "lab-z", BigDecimal.ZERO)))
                .containsOnlyKeys("lab-x");
    }
}
