package com.exposuremonitor.domain;

import static com.exposuremonitor.domain.Fixtures.OP;
import static com.exposuremonitor.domain.Fixtures.booked;
import static com.exposuremonitor.domain.Fixtures.usd;
import static org.assertj.core.api.Assertions.assertThat;

import com.exposuremonitor.avro.CounterpartyShare;
import com.exposuremonitor.avro.OperatorExposure;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Window sums are exact: a report contributes amount x (its months in the window) / (its months), and
 * money is rounded once, half-even, when published. A report split into months at a fixed scale with the
 * remainder on its last month would be a few 10^-10 off, enough to round half a cent the wrong way.
 */
class ExactWindowSumTest {

    @Test
    void threeMonthsOfATwelveMonthReportRoundHalfEvenFromTheExactValue() {
        // 4,018,601.86 x 3 / 12 = 1,004,650.465 exactly: half-even gives .46 (a split gives .4650000003 → .47).
        OperatorExposure e = ExposureCalculator.compute(OP, new Processor().acceptAll(List.of(
                booked("lab-a", "fy25", YearMonth.of(2025, 1), YearMonth.of(2025, 12), "4018601.86", "0.00")
                        .build(),
                booked("lab-b", "sep26", YearMonth.of(2026, 9), "100.00", "0.00").build())).agg);
        assertThat(e.getWindowStart()).isEqualTo(YearMonth.of(2025, 10).atDay(1));
        CounterpartyShare labA = e.getRevenueConcentration().getBreakdown().stream()
                .filter(s -> s.getCounterpartyId().equals("lab-a")).findFirst().orElseThrow();
        assertThat(labA.getAmount()).isEqualTo(usd("1004650.46"));
        assertThat(e.getRevenue()).isEqualTo(usd("1004750.46"));
        assertThat(e.getEbitda()).isEqualTo(usd("1004750.46"));
    }

    @Test
    void aThirdOfACentIsCarriedExactlyAcrossMonthsNotRoundedPerMonth() {
        // 100.00 over 3 months: 33.333... a month; two months in the window are 66.67, all three 100.00.
        OperatorExposure two = ExposureCalculator.compute(OP, new Processor().acceptAll(List.of(
                booked("lab-a", "q", YearMonth.of(2025, 10), YearMonth.of(2025, 12), "100.00", "10.00").build(),
                booked("lab-b", "late", YearMonth.of(2026, 10), "0.00", "0.00").build())).agg);
        assertThat(two.getRevenue()).isEqualTo(usd("66.67"));
        assertThat(two.getCashCost()).isEqualTo(usd("6.67"));
        assertThat(two.getEbitda()).as("60.00 x 2 / 3, rounded once").isEqualTo(usd("60.00"));
        OperatorExposure all = ExposureCalculator.compute(OP, new Processor().acceptAll(List.of(
                booked("lab-a", "q", YearMonth.of(2025, 10), YearMonth.of(2025, 12), "100.00", "10.00").build()))
                .agg);
        assertThat(all.getRevenue()).isEqualTo(usd("100.00"));
    }
}
