package com.exposuremonitor.domain.alerts;

import static com.exposuremonitor.domain.alerts.AlertFixtures.healthy;
import static com.exposuremonitor.domain.alerts.AlertFixtures.late;
import static com.exposuremonitor.domain.alerts.AlertFixtures.mw;
import static org.assertj.core.api.Assertions.assertThat;

import com.exposuremonitor.avro.OperatorExposure;
import com.exposuremonitor.avro.StressResult;
import com.exposuremonitor.avro.StressScenario;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class FiguresTest {

    @Test
    void nullRatiosMakeTheirRulesInactive() {
        OperatorExposure e = healthy().setDscr(null).setNetMargin(null).setRevenueAtRisk(null).setRunRateGap(null)
                .setRevenueConcentration(AlertFixtures.concentration(0.3)).build();
        e.getRevenueConcentration().setTop1Share(null);
        for (String rule : List.of(RuleNames.DSCR_LOW, RuleNames.NET_MARGIN_NEGATIVE, RuleNames.REVENUE_AT_RISK,
                RuleNames.RUN_RATE_GAP, RuleNames.CONCENTRATION)) {
            assertThat(Figures.figure(rule, e)).as(rule).isEmpty();
        }
        assertThat(Figures.all(e)).containsEntry(RuleNames.DSCR_LOW, null).hasSize(8);
    }

    @Test
    void noPastDueCounterpartyIsZeroDaysNotNull() {
        assertThat(Figures.figure(RuleNames.PAYMENT_DELINQUENT, healthy().build())).isEqualTo(OptionalDouble.of(0));
    }

    @Test
    void paymentDelinquencyIsTheOldestOfAnyCounterparty() {
        OperatorExposure e = healthy().setDelinquency(List.of(late("a", 5, 12), late("b", 1, 97), late("c", 9, 40)))
                .build();
        assertThat(Figures.figure(RuleNames.PAYMENT_DELINQUENT, e)).isEqualTo(OptionalDouble.of(97));
    }

    @Test
    void idleCapacityIsNullWhenNothingIsBuilt() {
        OperatorExposure none = healthy().setBuiltMw(mw(0)).setInServiceMw(mw(0)).setIdleMw(mw(0)).build();
        assertThat(Figures.figure(RuleNames.IDLE_CAPACITY, none)).isEmpty();
        OperatorExposure some = healthy().setBuiltMw(mw(80)).setInServiceMw(mw(60)).setIdleMw(mw(20)).build();
        assertThat(Figures.figure(RuleNames.IDLE_CAPACITY, some)).isEqualTo(OptionalDouble.of(0.25));
    }

    @Test
    void stressBreachCountsStressedDscrBelowOneAndIsNullWhenNoneIsKnown() {
        List<StressResult> mixed = List.of(new StressResult(StressScenario.SPEND_DOWN_25, 0.99, null),
                new StressResult(StressScenario.TOP_CUSTOMER_PAUSE_2Q, null, null),
                new StressResult(StressScenario.RATES_UP_200, 1.0, null),
                new StressResult(StressScenario.UTILIZATION_DOWN_20, 0.5, null));
        assertThat(Figures.figure(RuleNames.STRESS_BREACH, healthy().setStress(mixed).build()))
                .isEqualTo(OptionalDouble.of(2));
        List<StressResult> unknown = mixed.stream().map(s -> new StressResult(s.getScenario(), null, null)).toList();
        assertThat(Figures.figure(RuleNames.STRESS_BREACH, healthy().setStress(unknown).build())).isEmpty();
    }

    @Test
    void viewRulesHaveNoOperatorFigure() {
        assertThat(Figures.figure(RuleNames.SYSTEMIC_COUNTERPARTY, healthy().build())).isEmpty();
    }
}
