package com.exposuremonitor.domain;

import static com.exposuremonitor.domain.Fixtures.OP;
import static com.exposuremonitor.domain.Fixtures.batch;
import static com.exposuremonitor.domain.Fixtures.booked;
import static com.exposuremonitor.domain.Fixtures.financing;
import static com.exposuremonitor.domain.Fixtures.usd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.exposuremonitor.avro.DepreciationCase;
import com.exposuremonitor.avro.OperatorExposure;
import com.exposuremonitor.avro.RevenueReport;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The margins with every IN_SERVICE batch at 4, 5 and 6 years, figures computed by hand. */
class DepreciationSensitivityTest {

    private static OperatorExposure exposure(Object... events) {
        return ExposureCalculator.compute(OP, new Processor().acceptAll(List.of(events)).agg);
    }

    @Test
    void marginsAtFourFiveAndSixYearsOfUsefulLife() {
        // A full year booked: revenue 1,200, cash cost 300, research 60. One IN_SERVICE batch of 600 reported
        // over 6 years (100/yr), one ORDERED batch that counts nowhere; a 1,000 loan at 5%: interest 50.
        RevenueReport year = booked("a", "r", YearMonth.of(2025, 7), YearMonth.of(2026, 6), "1200", "300")
                .setResearchComputeCost(usd("60")).build();
        OperatorExposure e = exposure(year, batch("b").setTotalCost(usd("600")).setUsefulLifeMonths(72).build(),
                batch("o").setTotalCost(usd("999")).setStatus(com.exposuremonitor.avro.BatchStatus.ORDERED).build(),
                financing("f").build());
        assertThat(e.getCoverage()).isEqualTo(1.0);
        List<DepreciationCase> cases = e.getDepreciationSensitivity();
        assertThat(cases).extracting(DepreciationCase::getUsefulLifeYears).containsExactly(4, 5, 6);

        // 4 years: depreciation 150; gross (1200-300-150)/1200 = 0.625; full cost (1200-300-60-150)/1200 = 0.575;
        // net (1200-300-150-50)/1200 = 0.58333...
        DepreciationCase four = cases.get(0);
        assertThat(four.getDepreciation()).isEqualTo(usd("150.00"));
        assertThat(four.getGrossMargin()).isCloseTo(0.625, within(1e-12));
        assertThat(four.getGrossMarginFullCost()).isCloseTo(0.575, within(1e-12));
        assertThat(four.getNetMargin()).isCloseTo(700.0 / 1200, within(1e-12));
        // 5 years: 120; net (1200-300-120-50)/1200
        assertThat(cases.get(1).getDepreciation()).isEqualTo(usd("120.00"));
        assertThat(cases.get(1).getNetMargin()).isCloseTo(730.0 / 1200, within(1e-12));
        // 6 years equals what the operator reports here
        DepreciationCase six = cases.get(2);
        assertThat(six.getDepreciation()).isEqualTo(e.getDepreciation());
        assertThat(six.getGrossMargin()).isEqualTo(e.getGrossMargin());
        assertThat(six.getNetMargin()).isEqualTo(e.getNetMargin());
    }

    @Test
    void aPartYearScalesDepreciationByCoverageAndAThirdOfACentRoundsOnce() {
        // 3 months booked (coverage 0.25); batch 1,000.00 over 6 years = 166.666.../yr, published 166.67.
        OperatorExposure e = exposure(booked("a", "r", YearMonth.of(2026, 4), YearMonth.of(2026, 6), "400", "100")
                .build(), batch("b").setTotalCost(usd("1000")).build());
        DepreciationCase six = e.getDepreciationSensitivity().get(2);
        assertThat(six.getDepreciation()).isEqualTo(usd("166.67"));
        // gross = (400 - 100 - 1000/6 x 0.25) / 400
        assertThat(six.getGrossMargin()).isCloseTo((300 - 1000.0 / 6 / 4) / 400, within(1e-12));
    }

    @Test
    void withoutRevenueTheMarginsAreNullNotZero() {
        OperatorExposure e = exposure(batch("b").build());
        assertThat(e.getDepreciationSensitivity()).allSatisfy(c -> {
            assertThat(c.getGrossMargin()).isNull();
            assertThat(c.getNetMargin()).isNull();
        });
        assertThat(e.getDepreciationSensitivity().get(0).getDepreciation()).isEqualTo(usd("18000000.00"));
    }
}
