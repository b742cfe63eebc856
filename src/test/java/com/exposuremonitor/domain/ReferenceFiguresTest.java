package com.exposuremonitor.domain;

import static com.exposuremonitor.domain.Fixtures.OP;
import static com.exposuremonitor.domain.Fixtures.batch;
import static com.exposuremonitor.domain.Fixtures.booked;
import static com.exposuremonitor.domain.Fixtures.financing;
import static com.exposuremonitor.domain.Fixtures.lease;
import static com.exposuremonitor.domain.Fixtures.mw;
import static com.exposuremonitor.domain.Fixtures.usd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.exposuremonitor.avro.BatchStatus;
import com.exposuremonitor.avro.Instrument;
import com.exposuremonitor.avro.OperatorExposure;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/domain.md's public-reporting figures, recomputed by hand. */
class ReferenceFiguresTest {

    private static final YearMonth JAN25 = YearMonth.of(2025, 1);
    private static final YearMonth DEC25 = YearMonth.of(2025, 12);

    private static OperatorExposure exposure(Object... events) {
        return ExposureCalculator.compute(OP, new Processor().acceptAll(List.of(events)).agg);
    }

    @Test
    void labTurnsToMinus53PercentWithTrainingCompute() {
        // revenue 4.5B, cash cost 2.79B (38% gross margin), training compute 4.1B, 12 months.
        OperatorExposure e = exposure(booked("users", "fy25", JAN25, DEC25, "4500000000", "2790000000")
                .setResearchComputeCost(usd("4100000000")).build());
        // (4.5 - 2.79) / 4.5 = 0.38
        assertThat(e.getGrossMargin()).isCloseTo(0.38, within(1e-12));
        assertThat(e.getEbitdaMargin()).isCloseTo(0.38, within(1e-12));
        // (4.5 - 2.79 - 4.1) / 4.5 = -2.39 / 4.5 = -0.5311
        assertThat(e.getGrossMarginFullCost()).isCloseTo(-0.531, within(0.001));
        assertThat(e.getEbitda()).isEqualTo(usd("1710000000"));
        assertThat(e.getResearchCost()).isEqualTo(usd("4100000000"));
        assertThat(e.getCoverage()).isEqualTo(1.0);
        assertThat(e.getDscr()).as("no debt service").isNull();
    }

    @Test
    void singleTenantCampusIsFullyConcentrated() {
        OperatorExposure e = exposure(booked("tenant", "fy25", JAN25, DEC25, "11000000000", "4030000000")
                .setRemainingPerformanceObligation(usd("150000000000")).build());
        assertThat(e.getRevenueConcentration().getTop1Share()).isEqualTo(1.0);
        assertThat(e.getRevenueConcentration().getTop3Share()).isEqualTo(1.0);
        assertThat(e.getRevenueConcentration().getHhi()).isEqualTo(10_000.0);
        assertThat(e.getBacklogConcentration().getHhi()).isEqualTo(10_000.0);
        assertThat(e.getBacklogConcentration().getTotal()).isEqualTo(usd("150000000000"));
    }

    /**
     * 1.2 GW campus, 880 MW IT, $11B/yr from one tenant. Depreciation 4B (24B of hardware over 72
     * months = 24B / 6) plus cash costs 4.03B (power, ~1B colocation, other) leave 27%:
     * (11 - 4.03 - 4) / 11 = 2.97 / 11 = 0.27. Bond interest 18B x 5.35% = 963M.
     * netMargin = (2.97 - 0.963) / 11 = 0.18245. docs/domain.md says "about 22%", but with its own
     * formula 963M on 11B costs 8.75 points, not 5: 22% would need ~550M of interest. The formula
     * wins here; the illustration's figures are not mutually consistent.
     */
    @Test
    void gigawattCampusMarginAfterDepreciationAndBondInterest() {
        OperatorExposure e = exposure(
                booked("tenant", "fy25", JAN25, DEC25, "11000000000", "4030000000").build(),
                batch("campus").setTotalCost(usd("24000000000")).setItLoadMw(mw("880")).build(),
                financing("bond").setInstrument(Instrument.BOND).setLenderId("bondholders")
                        .setOutstandingPrincipal(usd("18000000000")).setAnnualRateBps(535).build());
        assertThat(e.getDepreciation()).isEqualTo(usd("4000000000"));
        assertThat(e.getInterest()).isEqualTo(usd("963000000"));
        assertThat(e.getGrossMargin()).isCloseTo(0.27, within(1e-12));
        assertThat(e.getNetMargin()).isCloseTo(2007.0 / 11000, within(1e-12));
        // ebitda 6.97B / debt service 0.963B (bullet far from maturity: no principal due)
        assertThat(e.getPrincipalDue()).isEqualTo(usd("0"));
        assertThat(e.getDscr()).isCloseTo(6970.0 / 963, within(1e-12));
        // 24B / 6.97B a year
        assertThat(e.getPaybackYears()).isCloseTo(24000.0 / 6970, within(1e-12));
        assertThat(e.getBuiltMw()).isEqualTo(mw("880"));
        assertThat(e.getUtilization()).isEqualTo(1.0);
        assertThat(e.getIdleBurnPerDay()).isEqualTo(usd("0"));
    }

    @Test
    void hundredIdleMegawattsBurnFixedCharges() {
        // 200 MW built, 100 MW in service: idle share 0.5. Interest 34,237M x 10% = 3,423.7M/yr.
        // burn = 3,423.7M x 0.5 / 365 = 4.69M a day.
        OperatorExposure e = exposure(
                batch("live").setItLoadMw(mw("100")).build(),
                batch("dark").setItLoadMw(mw("100")).setStatus(BatchStatus.ENERGIZED).build(),
                financing("loan").setOutstandingPrincipal(usd("34237000000")).setAnnualRateBps(1000).build());
        assertThat(e.getIdleMw()).isEqualTo(mw("100"));
        assertThat(e.getUtilization()).isEqualTo(0.5);
        assertThat(e.getIdleBurnPerDay()).isEqualTo(usd("4690000"));
    }

    /**
     * Three months of history (Apr-Jun 2026) in a window Jul 2025..Jun 2026: coverage 0.25.
     * R = 3 x 10M = 30M, C = 3 x 4M = 12M, E = 18M. Annual: D = 72M / 6 = 12M, I = 100M x 12% =
     * 12M, L = 4M, P = 0 (bullet in 2036). Scaled by 0.25: D 3M, I 3M, L 1M.
     */
    @Test
    void youngOperatorChargesAreScaledByCoverage() {
        YearMonth apr = YearMonth.of(2026, 4);
        OperatorExposure e = exposure(
                booked("cp", "apr", apr, "10000000", "4000000").build(),
                booked("cp", "may", apr.plusMonths(1), "10000000", "4000000").build(),
                booked("cp", "jun", apr.plusMonths(2), "10000000", "4000000").build(),
                batch("b").build(),
                financing("loan").setOutstandingPrincipal(usd("100000000")).setAnnualRateBps(1200).build(),
                lease("dc", "4000000").build());
        assertThat(e.getCoverage()).isEqualTo(0.25);
        assertThat(e.getWindowStart()).isEqualTo(LocalDate.of(2025, 7, 1));
        assertThat(e.getWindowEnd()).isEqualTo(LocalDate.of(2026, 6, 30));
        assertThat(e.getDepreciation()).isEqualTo(usd("12000000"));
        assertThat(e.getDebtService()).isEqualTo(usd("16000000"));
        assertThat(e.getGrossMargin()).isCloseTo((18 - 3) / 30.0, within(1e-12));
        assertThat(e.getNetMargin()).isCloseTo((18 - 3 - 3 - 1) / 30.0, within(1e-12));
        assertThat(e.getDscr()).isCloseTo(18 / 4.0, within(1e-12));
        // 72M / (18M / 0.25 = 72M a year) = 1 year
        assertThat(e.getPaybackYears()).isCloseTo(1.0, within(1e-12));
    }
}
