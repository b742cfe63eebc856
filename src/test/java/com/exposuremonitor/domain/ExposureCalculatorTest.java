package com.exposuremonitor.domain;

import static com.exposuremonitor.domain.Fixtures.OP;
import static com.exposuremonitor.domain.Fixtures.T0;
import static com.exposuremonitor.domain.Fixtures.batch;
import static com.exposuremonitor.domain.Fixtures.booked;
import static com.exposuremonitor.domain.Fixtures.financing;
import static com.exposuremonitor.domain.Fixtures.usd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.exposuremonitor.avro.BatchStatus;
import com.exposuremonitor.avro.Concentration;
import com.exposuremonitor.avro.CounterpartyShare;
import com.exposuremonitor.avro.OperatorExposure;
import com.exposuremonitor.avro.RevenueBasis;
import com.exposuremonitor.avro.StressResult;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExposureCalculatorTest {

    private static final YearMonth JAN = YearMonth.of(2026, 1);

    private static OperatorExposure exposure(Object... events) {
        return ExposureCalculator.compute(OP, new Processor().acceptAll(List.of(events)).agg);
    }

    @Test
    void nothingBookedAndNothingBuiltGiveNullsNotZeros() {
        OperatorExposure e = exposure(batch("b").setStatus(BatchStatus.ORDERED).build(), financing("f").build());
        assertThat(e.getWindowStart()).isNull();
        assertThat(e.getWindowEnd()).isNull();
        assertThat(e.getCoverage()).isEqualTo(0.0);
        assertThat(e.getRevenue()).isEqualTo(usd("0"));
        assertThat(List.of(e.getEbitdaMargin() == null, e.getGrossMargin() == null,
                e.getGrossMarginFullCost() == null, e.getNetMargin() == null, e.getDscr() == null,
                e.getPaybackYears() == null, e.getRunRateGap() == null, e.getRevenueAtRisk() == null,
                e.getUtilization() == null, e.getIdleBurnPerDay() == null)).containsOnly(true);
        assertThat(e.getBuiltMw()).isEqualTo(Fixtures.mw("0"));
        assertNullConcentration(e.getRevenueConcentration());
        assertNullConcentration(e.getBacklogConcentration());
        assertThat(e.getStress()).hasSize(4).allSatisfy(s -> {
            assertThat(s.getDscr()).isNull();
            assertThat(s.getNetMargin()).isNull();
        });
        assertThat(e.getClaimedRunRate()).isNull();
        assertThat(e.getLastEventTime()).isEqualTo(T0);
    }

    private static void assertNullConcentration(Concentration c) {
        assertThat(c.getTop1Share()).isNull();
        assertThat(c.getTop3Share()).isNull();
        assertThat(c.getHhi()).isNull();
        assertThat(c.getTotal()).isEqualTo(usd("0"));
        assertThat(c.getBreakdown()).isEmpty();
    }

    @Test
    void bookedReportsWithZeroRevenueStillCoverMonths() {
        OperatorExposure e = exposure(booked("a", "r", JAN, "0", "10").build());
        assertThat(e.getCoverage()).isEqualTo(1 / 12.0);
        assertThat(e.getEbitda()).isEqualTo(usd("-10"));
        assertThat(e.getEbitdaMargin()).isNull();
        assertThat(e.getPaybackYears()).isNull();
    }

    @Test
    void paybackIsNullUnlessEbitdaIsPositive() {
        assertThat(exposure(booked("a", "r", JAN, "10", "10").build(), batch("b").build()).getPaybackYears()).isNull();
    }

    @Test
    void concentrationTop3HhiAndTies() {
        // 400, 300, 150, 150 of 1000: top1 0.4, top3 0.85, hhi 1600 + 900 + 225 + 225 = 2950.
        OperatorExposure e = exposure(
                booked("d", "r", JAN, "150", "0").build(),
                booked("c", "r", JAN, "150", "0").build(),
                booked("a", "r", JAN, "400", "0").build(),
                booked("b", "r", JAN, "300", "0").build(),
                booked("zero", "r", JAN, "0", "0").build());
        Concentration c = e.getRevenueConcentration();
        assertThat(c.getTop1Share()).isEqualTo(0.4);
        assertThat(c.getTop3Share()).isCloseTo(0.85, within(1e-12));
        assertThat(c.getHhi()).isCloseTo(2950, within(1e-9));
        assertThat(c.getBreakdown()).extracting(CounterpartyShare::getCounterpartyId).containsExactly("a", "b", "c", "d");
        assertThat(c.getBreakdown().get(2).getShare()).isEqualTo(0.15);
        assertThat(c.getTotal()).isEqualTo(usd("1000"));
    }

    @Test
    void backlogComesFromEachCounterpartysLatestBookedReport() {
        // A: latest periodEnd is Feb (3000), not January's later-sent 9999; B: equal periodEnd,
        // newest eventTime wins (1000); run-rate backlog is ignored. Shares 0.75 / 0.25, hhi 6250.
        OperatorExposure e = exposure(
                booked("A", "feb", JAN.plusMonths(1), "1", "0").setRemainingPerformanceObligation(usd("3000")).build(),
                booked("A", "jan", JAN, "1", "0").setEventTime(T0.plusSeconds(99))
                        .setRemainingPerformanceObligation(usd("9999")).build(),
                booked("B", "old", JAN, "1", "0").setRemainingPerformanceObligation(usd("5000")).build(),
                booked("B", "new", JAN, "1", "0").setEventTime(T0.plusSeconds(1))
                        .setRemainingPerformanceObligation(usd("1000")).build(),
                booked("C", "rr", JAN, "1", "0").setBasis(RevenueBasis.RUN_RATE)
                        .setRemainingPerformanceObligation(usd("777")).build(),
                booked("D", "unknown", JAN, "1", "0").build());
        Concentration c = e.getBacklogConcentration();
        assertThat(c.getTotal()).isEqualTo(usd("4000"));
        assertThat(c.getTop1Share()).isEqualTo(0.75);
        assertThat(c.getHhi()).isCloseTo(6250, within(1e-9));
        assertThat(c.getBreakdown()).extracting(CounterpartyShare::getCounterpartyId).containsExactly("A", "B");
    }

    @Test
    void claimedRunRateComesFromTheLatestRunRateReport() {
        // booked: 12 months of 100 = 1200 (coverage 1). Latest RUN_RATE: Nov..Dec 2026, 500 over
        // 2 months -> 500 x 12 / 2 = 3000 a year; gap 3000 / (1200 / 1) = 2.5.
        OperatorExposure e = exposure(
                booked("a", "fy", JAN, JAN.plusMonths(11), "1200", "0").build(),
                booked("a", "rr-old", JAN.plusMonths(5), "9000", "0").setBasis(RevenueBasis.RUN_RATE)
                        .setEventTime(T0.plusSeconds(50)).build(),
                booked("b", "rr-new", JAN.plusMonths(10), JAN.plusMonths(11), "500", "0")
                        .setBasis(RevenueBasis.RUN_RATE).build());
        assertThat(e.getClaimedRunRate()).isEqualTo(usd("3000"));
        assertThat(e.getRunRateGap()).isCloseTo(2.5, within(1e-12));
        assertThat(e.getRevenue()).isEqualTo(usd("1200"));
    }

    @Test
    void runRateGapAnnualisesBookedRevenueByCoverage() {
        // 2 booked months of 100: annualised 200 / (2/12) = 1200; claim 100 x 12 = 1200 -> gap 1.
        OperatorExposure e = exposure(
                booked("a", "r", JAN, JAN.plusMonths(1), "200", "0").build(),
                booked("a", "rr", JAN.plusMonths(1), "100", "0").setBasis(RevenueBasis.RUN_RATE).build());
        assertThat(e.getRunRateGap()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void outputMoneyHasScale2AndMwScale3SoAvroAcceptsIt() throws Exception {
        OperatorExposure e = exposure(ShuffleTest.events().toArray());
        assertThat(e.getRevenue().scale()).isEqualTo(2);
        assertThat(e.getIdleMw().scale()).isEqualTo(3);
        assertThat(OperatorExposure.getEncoder().encode(e).remaining()).isPositive();
        assertThat(e.getStress()).extracting(StressResult::getScenario).hasSize(4);
    }

    @Test
    void computingAnEmptyAggregateIsRefused() {
        assertThatThrownBy(() -> ExposureCalculator.compute(OP, new OperatorAggregate()))
                .isInstanceOf(IllegalStateException.class);
    }
}
