package com.exposuremonitor.domain;

import static com.exposuremonitor.domain.Fixtures.OP;
import static com.exposuremonitor.domain.Fixtures.T0;
import static com.exposuremonitor.domain.Fixtures.batch;
import static com.exposuremonitor.domain.Fixtures.booked;
import static com.exposuremonitor.domain.Fixtures.financing;
import static com.exposuremonitor.domain.Fixtures.invoice;
import static com.exposuremonitor.domain.Fixtures.lease;
import static com.exposuremonitor.domain.Fixtures.usd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.exposuremonitor.avro.BatchStatus;
import com.exposuremonitor.avro.FacilityStatus;
import com.exposuremonitor.avro.Financing;
import com.exposuremonitor.avro.GpuDelivery;
import com.exposuremonitor.avro.InvoiceStatus;
import com.exposuremonitor.avro.OperatorExposure;
import com.exposuremonitor.avro.PaymentDelay;
import com.exposuremonitor.avro.RevenueBasis;
import com.exposuremonitor.avro.RevenueReport;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

class OperatorAggregateTest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final YearMonth JAN = YearMonth.of(2026, 1);

    static OperatorAggregate copy(OperatorAggregate agg) throws Exception {
        return JSON.readValue(JSON.writeValueAsBytes(agg), OperatorAggregate.class);
    }

    @Test
    void jsonRoundTripIsExact() throws Exception {
        Processor p = new Processor().acceptAll(ShuffleTest.events());
        // 1000.00 x 12 / 7 months does not terminate: depreciation is kept at scale 10.
        p.accept(batch("odd").setUsefulLifeMonths(7).setTotalCost(usd("1000")).build());
        p.agg.advanceClock(Instant.parse("2026-12-01T00:00:00Z"));
        byte[] bytes = JSON.writeValueAsBytes(p.agg);
        OperatorAggregate back = JSON.readValue(bytes, OperatorAggregate.class);
        assertThat(back).isEqualTo(p.agg);
        assertThat(back.capacity().depreciation()).isEqualTo(p.agg.capacity().depreciation());
        assertThat(JSON.writeValueAsBytes(back)).isEqualTo(bytes);
        assertThat(ExposureCalculator.compute(OP, back)).isEqualTo(ExposureCalculator.compute(OP, p.agg));
        assertThat(copy(new OperatorAggregate())).isEqualTo(new OperatorAggregate());
    }

    @Test
    void restatementReplacesTheOldFiguresExactly() throws Exception {
        RevenueReport first = booked("cp", "q1", JAN, JAN.plusMonths(2), "300", "100")
                .setRemainingPerformanceObligation(usd("900")).build();
        RevenueReport restated = booked("cp", "q1", JAN, JAN.plusMonths(2), "600.01", "150")
                .setEventId("rev-q1-2").setEventTime(T0.plusSeconds(60))
                .setRemainingPerformanceObligation(usd("700")).build();
        Processor both = new Processor().acceptAll(List.of(first, restated));
        Processor onlyRestated = new Processor().acceptAll(List.of(restated));
        assertThat(both.agg).isEqualTo(onlyRestated.agg);
        OperatorExposure e = ExposureCalculator.compute(OP, both.agg);
        assertThat(e.getRevenue()).isEqualTo(usd("600.01"));
        assertThat(e.getCashCost()).isEqualTo(usd("150"));
        assertThat(e.getBacklogConcentration().getTotal()).isEqualTo(usd("700"));
        assertThat(e.getCoverage()).isEqualTo(0.25);
    }

    @Test
    void restatementThatMovesThePeriodMovesTheWindow() {
        RevenueReport first = booked("cp", "r", JAN, "100", "10").build();
        RevenueReport moved = booked("cp", "r", JAN.plusMonths(5), "100", "10")
                .setEventId("rev-r-2").setEventTime(T0.plusSeconds(1)).build();
        OperatorExposure e = ExposureCalculator.compute(OP, new Processor().acceptAll(List.of(first, moved)).agg);
        assertThat(e.getWindowEnd()).isEqualTo(LocalDate.of(2026, 6, 30));
        assertThat(e.getCoverage()).isEqualTo(1 / 12.0);
    }

    @Test
    void reportStraddlingTheWindowStartCountsOnlyItsMonthsInside() {
        // Nov 2025..Jan 2026, 300 -> 100 a month; the latest report (Dec 2026) puts the window at
        // Jan..Dec 2026, so only January's 100 of the first report counts: 100 + 50 = 150.
        OperatorExposure e = ExposureCalculator.compute(OP, new Processor().acceptAll(List.of(
                booked("a", "straddle", YearMonth.of(2025, 11), JAN, "300", "30").build(),
                booked("b", "dec", YearMonth.of(2026, 12), "50", "5").build())).agg);
        assertThat(e.getWindowStart()).isEqualTo(LocalDate.of(2026, 1, 1));
        assertThat(e.getWindowEnd()).isEqualTo(LocalDate.of(2026, 12, 31));
        assertThat(e.getRevenue()).isEqualTo(usd("150"));
        assertThat(e.getCashCost()).isEqualTo(usd("15"));
        assertThat(e.getCoverage()).isEqualTo(2 / 12.0);
    }

    @Test
    void unevenSpreadStillSumsExactly() {
        // 100.00 / 3 months: 33.3333333333 twice and 33.3333333334 once; the total stays 100.00.
        OperatorExposure e = ExposureCalculator.compute(OP, new Processor().acceptAll(List.of(
                booked("a", "q", JAN, JAN.plusMonths(2), "100", "0.01").build())).agg);
        assertThat(e.getRevenue()).isEqualTo(usd("100"));
        assertThat(e.getCashCost()).isEqualTo(usd("0.01"));
    }

    @Test
    void runRateReportsStayOutOfBookedSums() {
        OperatorExposure e = ExposureCalculator.compute(OP, new Processor().acceptAll(List.of(
                booked("a", "q", JAN, "100", "10").setBasis(RevenueBasis.RUN_RATE).build())).agg);
        assertThat(e.getRevenue()).isEqualTo(usd("0"));
        assertThat(e.getWindowStart()).isNull();
        assertThat(e.getClaimedRunRate()).isEqualTo(usd("1200"));
    }

    @Test
    void repaidFacilityRetiredBatchAndPaidInvoiceReturnSumsToTheirPreviousValues() throws Exception {
        Processor p = new Processor().acceptAll(ShuffleTest.events());
        OperatorAggregate before = copy(p.agg);
        Financing loan = financing("extra").setOutstandingPrincipal(usd("123456.78")).setAnnualRateBps(777).build();
        Financing leased = lease("extra-lease", "999.99").build();
        GpuDelivery gpus = batch("extra").setUsefulLifeMonths(7).build();
        PaymentDelay inv = invoice("extra", "cp-x", "55.55", LocalDate.of(2026, 1, 1)).build();
        p.acceptAll(List.of(loan, leased, gpus, inv));
        assertThat(p.agg.financing()).isNotEqualTo(before.financing());
        p.acceptAll(List.of(
                financing("extra").setEventId("repaid").setEventTime(T0.plusSeconds(9))
                        .setOutstandingPrincipal(usd("123456.78")).setAnnualRateBps(777)
                        .setStatus(FacilityStatus.REPAID).build(),
                lease("extra-lease", "999.99").setEventId("repaid-lease").setEventTime(T0.plusSeconds(9))
                        .setStatus(FacilityStatus.REPAID).build(),
                batch("extra").setUsefulLifeMonths(7).setEventId("retired").setEventTime(T0.plusSeconds(9))
                        .setStatus(BatchStatus.RETIRED).build(),
                invoice("extra", "cp-x", "55.55", LocalDate.of(2026, 1, 1)).setEventId("paid")
                        .setEventTime(T0.plusSeconds(9)).setStatus(InvoiceStatus.PAID).build()));
        assertThat(p.agg.financing()).isEqualTo(before.financing());
        assertThat(p.agg.capacity()).isEqualTo(before.capacity());
        assertThat(p.agg.invoices()).isEqualTo(before.invoices());
        assertThat(p.agg.revenue()).isEqualTo(before.revenue());
    }

    @Test
    void withdrawingASnapshotRemovesItsContribution() {
        OperatorAggregate agg = new OperatorAggregate();
        RevenueReport r = booked("a", "q", JAN, "100", "10").build();
        agg.replace(null, r);
        agg.replace(r, null);
        assertThat(agg.revenue()).isEqualTo(new RevenueBook());
    }

    @Test
    void replacingAcrossNaturalKeysIsRefused() {
        OperatorAggregate agg = new OperatorAggregate();
        assertThatThrownBy(() -> agg.replace(financing("a").build(), financing("b").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("different natural keys");
        assertThatThrownBy(() -> agg.replace((Financing) null, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void duplicatesAndStaleSnapshotsChangeNothing() throws Exception {
        Processor p = new Processor();
        Financing v2 = financing("f").setEventId("v2").setEventTime(T0.plusSeconds(10)).build();
        Financing v1 = financing("f").setEventId("v1").setOutstandingPrincipal(usd("1")).build();
        assertThat(p.accept(v2)).isEqualTo(SnapshotDecision.APPLY);
        OperatorAggregate before = copy(p.agg);
        assertThat(p.accept(financing("f").setEventId("v2").setEventTime(T0.plusSeconds(10)).build()))
                .isEqualTo(SnapshotDecision.DUPLICATE);
        assertThat(p.accept(v1)).isEqualTo(SnapshotDecision.STALE);
        assertThat(p.accept(financing("f").setEventId("v2").setEventTime(T0.plusSeconds(10))
                .setAnnualRateBps(1).build())).isEqualTo(SnapshotDecision.CONFLICT);
        assertThat(p.agg).isEqualTo(before);
    }

    @Test
    void asOfIsTheLatestOfEventsAndTicksAndNeverMovesBack() {
        OperatorAggregate agg = new OperatorAggregate();
        assertThat(agg.asOf()).isNull();
        assertThat(agg.lastEventId()).isNull();
        agg.replace(null, financing("f").build());
        assertThat(agg.asOf()).isEqualTo(T0);
        assertThat(agg.lastEventId()).isEqualTo("fin-f-1");
        assertThat(agg.advanceClock(T0.minusSeconds(100))).isFalse();
        assertThat(agg.asOf()).isEqualTo(T0);
        assertThat(agg.advanceClock(T0.plusSeconds(100))).isTrue();
        assertThat(agg.asOf()).isEqualTo(T0.plusSeconds(100));
        assertThat(agg.lastEventId()).isEqualTo("fin-f-1");
        assertThat(agg.lastEventTime()).isEqualTo(T0);
        // an older event does not pull asOf back
        agg.replace(null, financing("g").setEventId("old").setEventTime(T0.minusSeconds(5)).build());
        assertThat(agg.asOf()).isEqualTo(T0.plusSeconds(100));
        agg.replace(null, financing("h").setEventId("new").setEventTime(T0.plusSeconds(200)).build());
        assertThat(agg.asOf()).isEqualTo(T0.plusSeconds(200));
        assertThat(agg.lastEventId()).isEqualTo("new");
    }
}
