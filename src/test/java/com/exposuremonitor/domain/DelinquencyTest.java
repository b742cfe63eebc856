package com.exposuremonitor.domain;

import static com.exposuremonitor.domain.Fixtures.OP;
import static com.exposuremonitor.domain.Fixtures.T0;
import static com.exposuremonitor.domain.Fixtures.booked;
import static com.exposuremonitor.domain.Fixtures.invoice;
import static com.exposuremonitor.domain.Fixtures.usd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.exposuremonitor.avro.CounterpartyDelinquency;
import com.exposuremonitor.avro.InvoiceStatus;
import com.exposuremonitor.avro.OperatorExposure;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** asOf starts at T0 = 2026-06-30T12:00Z; invoices of A are due 2026-06-30 (0 days past due). */
class DelinquencyTest {

    private static final LocalDate DUE = LocalDate.of(2026, 6, 30);
    private static final YearMonth JUN = YearMonth.of(2026, 6);

    private static Processor operator() {
        // window revenue: A 300, B 700 -> A is 30% of revenue
        return new Processor().acceptAll(List.of(
                booked("A", "r", JUN, "300", "0").build(),
                booked("B", "r", JUN, "700", "0").build(),
                invoice("a1", "A", "100", DUE).build(),
                invoice("a2", "A", "50", DUE.plusDays(10)).build(),
                invoice("b1", "B", "999", DUE.plusDays(400)).build(),
                invoice("b0", "B", "0", DUE.minusDays(5)).build(), // nothing owed: not past due
                invoice("b2", "B", "10", DUE.minusDays(5)).setStatus(InvoiceStatus.PAID).build()));
    }

    private static Instant day(int daysAfterDue) {
        return DUE.plusDays(daysAfterDue).atStartOfDay().toInstant(java.time.ZoneOffset.UTC);
    }

    @Test
    void nothingIsPastDueOnTheDueDate() {
        Processor p = operator();
        OperatorExposure e = ExposureCalculator.compute(OP, p.agg);
        assertThat(e.getDelinquency()).isEmpty();
        assertThat(e.getRevenueAtRisk()).isEqualTo(0.0);
        assertThat(DelinquencyBucket.highest(p.agg, p.agg.asOf())).isEqualTo(DelinquencyBucket.CURRENT);
    }

    @Test
    void advancingTheClockCrosses30And60And90WithoutAnyEvent() {
        Processor p = operator();
        OperatorExposure start = ExposureCalculator.compute(OP, p.agg);

        p.agg.advanceClock(day(29));
        OperatorExposure d29 = ExposureCalculator.compute(OP, p.agg);
        // a1 29 days and a2 19 days past due
        assertThat(d29.getDelinquency()).containsExactly(new CounterpartyDelinquency("A", usd("150"), 29, 2));
        assertThat(d29.getRevenueAtRisk()).isEqualTo(0.0);
        assertThat(DelinquencyBucket.byCounterparty(p.agg, p.agg.asOf())).isEqualTo(Map.of("A", DelinquencyBucket.PAST_DUE));
        assertThat(ExposureCalculator.sameFiguresIgnoringClock(start, d29)).isFalse();

        p.agg.advanceClock(day(30));
        OperatorExposure d30 = ExposureCalculator.compute(OP, p.agg);
        assertThat(DelinquencyBucket.highest(p.agg, p.agg.asOf())).isEqualTo(DelinquencyBucket.DPD_30);
        assertThat(d30.getRevenueAtRisk()).isCloseTo(0.3, within(1e-12));
        assertThat(d30.getLastEventId()).as("the newest event, not the clock").isNotEqualTo("clock");
        assertThat(d30.getLastEventTime()).isEqualTo(T0);
        assertThat(d30.getAsOfDate()).isEqualTo(DUE.plusDays(30));

        p.agg.advanceClock(day(60));
        // a1 60 days, a2 50 days past due
        assertThat(ExposureCalculator.compute(OP, p.agg).getDelinquency())
                .containsExactly(new CounterpartyDelinquency("A", usd("150"), 60, 2));
        assertThat(DelinquencyBucket.highest(p.agg, p.agg.asOf())).isEqualTo(DelinquencyBucket.DPD_60);

        p.agg.advanceClock(day(89));
        assertThat(DelinquencyBucket.highest(p.agg, p.agg.asOf())).isEqualTo(DelinquencyBucket.DPD_60);
        p.agg.advanceClock(day(90));
        assertThat(DelinquencyBucket.highest(p.agg, p.agg.asOf())).isEqualTo(DelinquencyBucket.DPD_90);
    }

    @Test
    void mostDaysPastDueFirst() {
        Processor p = operator();
        p.accept(invoice("b3", "B", "5", DUE.minusDays(3)).build());
        p.agg.advanceClock(day(2));
        // B: 3 + 2 = 5 days; A: 2 days
        assertThat(ExposureCalculator.compute(OP, p.agg).getDelinquency())
                .extracting(CounterpartyDelinquency::getCounterpartyId).containsExactly("B", "A");
    }

    @Test
    void paymentClosesTheDelinquency() {
        Processor p = operator();
        p.agg.advanceClock(day(45));
        p.accept(invoice("a1", "A", "100", DUE).setEventId("a1-paid").setEventTime(day(45))
                .setStatus(InvoiceStatus.PAID).build());
        OperatorExposure e = ExposureCalculator.compute(OP, p.agg);
        // only a2 (35 days) is left
        assertThat(e.getDelinquency()).containsExactly(new CounterpartyDelinquency("A", usd("50"), 35, 1));
        assertThat(e.getLastEventId()).isEqualTo("a1-paid");
    }

    @Test
    void aTickThatMovesNoBucketLeavesTheFiguresAlone() {
        Processor p = new Processor().acceptAll(List.of(booked("A", "r", JUN, "300", "0").build()));
        OperatorExposure before = ExposureCalculator.compute(OP, p.agg);
        p.agg.advanceClock(T0.plusSeconds(86_400 * 3));
        OperatorExposure after = ExposureCalculator.compute(OP, p.agg);
        assertThat(after).isNotEqualTo(before);
        assertThat(ExposureCalculator.sameFiguresIgnoringClock(before, after)).isTrue();
    }

    @Test
    void bucketsByDays() {
        assertThat(DelinquencyBucket.ofDays(0)).isEqualTo(DelinquencyBucket.CURRENT);
        assertThat(DelinquencyBucket.ofDays(1)).isEqualTo(DelinquencyBucket.PAST_DUE);
        assertThat(DelinquencyBucket.ofDays(29)).isEqualTo(DelinquencyBucket.PAST_DUE);
        assertThat(DelinquencyBucket.ofDays(30)).isEqualTo(DelinquencyBucket.DPD_30);
        assertThat(DelinquencyBucket.ofDays(59)).isEqualTo(DelinquencyBucket.DPD_30);
        assertThat(DelinquencyBucket.ofDays(60)).isEqualTo(DelinquencyBucket.DPD_60);
        assertThat(DelinquencyBucket.ofDays(90)).isEqualTo(DelinquencyBucket.DPD_90);
        assertThat(DelinquencyBucket.ofDays(5000)).isEqualTo(DelinquencyBucket.DPD_90);
    }
}
