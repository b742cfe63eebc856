package com.exposuremonitor.domain;

import static com.exposuremonitor.domain.Fixtures.batch;
import static com.exposuremonitor.domain.Fixtures.booked;
import static com.exposuremonitor.domain.Fixtures.financing;
import static com.exposuremonitor.domain.Fixtures.invoice;
import static com.exposuremonitor.domain.Fixtures.lease;
import static com.exposuremonitor.domain.Fixtures.mw;
import static com.exposuremonitor.domain.Fixtures.usd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.exposuremonitor.avro.Financing;
import com.exposuremonitor.avro.GpuDelivery;
import com.exposuremonitor.avro.Instrument;
import com.exposuremonitor.avro.PaymentDelay;
import com.exposuremonitor.avro.RevenueReport;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class InputValidatorTest {

    private static final String LONG_ID = "x".repeat(65);
    private static final YearMonth JAN = YearMonth.of(2026, 1);

    private static Financing.Builder fin() {
        return financing("fac-1");
    }

    private static RevenueReport.Builder rev() {
        return booked("cp-1", "r-1", JAN, JAN.plusMonths(2), "300", "100");
    }

    private static PaymentDelay.Builder inv() {
        return invoice("inv-1", "cp-1", "10", LocalDate.of(2026, 5, 1));
    }

    @Test
    void validFixturesHaveNoProblem() {
        assertThat(InputValidator.validate(fin().build())).isEmpty();
        assertThat(InputValidator.validate(lease("l-1", "12").build())).isEmpty();
        assertThat(InputValidator.validate(batch("b-1").setReservedForCounterpartyId("cp-1").build())).isEmpty();
        assertThat(InputValidator.validate(rev().setResearchComputeCost(usd("1"))
                .setRemainingPerformanceObligation(usd("0")).build())).isEmpty();
        assertThat(InputValidator.validate(inv().build())).isEmpty();
    }

    @Test
    void boundaryValuesAreAccepted() {
        assertThat(InputValidator.problems(fin().setAnnualRateBps(10_000).setOutstandingPrincipal(usd("0"))
                .setMaturityDate(LocalDate.of(1990, 1, 1)).setEventId("e:" + "a".repeat(126))
                .setEventTime(Instant.parse("2000-01-01T00:00:00Z")).build())).isEmpty();
        assertThat(InputValidator.problems(batch("b").setUsefulLifeMonths(600).setGpuModel("g".repeat(64))
                .setItLoadMw(mw("99999.999")).build())).isEmpty();
        assertThat(InputValidator.problems(booked("c", "r", JAN, JAN.plusMonths(119), "999999999999999.99", "0")
                .build())).isEmpty();
    }

    @Test
    void everyProblemIsListedAndJoined() {
        Financing bad = fin().setFacilityId("").setAnnualRateBps(-1).build();
        assertThat(InputValidator.problems(bad)).hasSize(2);
        assertThat(InputValidator.validate(bad)).hasValueSatisfying(
                reason -> assertThat(reason).contains("facilityId").contains("; ").contains("annualRateBps"));
    }

    /** Builders refuse nulls, but records built otherwise (constructors, setters) may carry them. */
    @Test
    void missingRequiredFieldsAreNamed() {
        Financing f = fin().build();
        f.setInstrument(null);
        f.setMaturityDate(null);
        assertThat(InputValidator.problems(f)).containsExactly("maturityDate is missing", "instrument is missing");
        GpuDelivery g = batch("b").build();
        g.setStatus(null);
        assertThat(InputValidator.problems(g)).containsExactly("status is missing");
        RevenueReport r = rev().build();
        r.setBasis(null);
        r.setPeriodEnd(null);
        assertThat(InputValidator.problems(r)).containsExactly("basis is missing", "periodEnd is missing");
        PaymentDelay p = inv().build();
        p.setDueDate(null);
        p.setEventId(null);
        assertThat(InputValidator.problems(p)).containsExactly("eventId is missing", "dueDate is missing");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void financingRules(String name, UnaryOperator<Financing.Builder> change, String expected) {
        List<String> problems = InputValidator.problems(change.apply(fin()).build());
        assertThat(problems).singleElement().asString().contains(expected);
    }

    static Stream<Arguments> financingRules() {
        return Stream.of(
                arguments("blank eventId", op(b -> b.setEventId(" ")), "eventId must not be blank"),
                arguments("long eventId", op(b -> b.setEventId("e".repeat(129))), "eventId must be at most 128"),
                arguments("eventId charset", op(b -> b.setEventId("e 1")), "eventId 'e 1' may only contain"),
                arguments("blank operatorId", op(b -> b.setOperatorId("")), "operatorId must not be blank"),
                arguments("long operatorId", op(b -> b.setOperatorId(LONG_ID)), "operatorId must be at most 64"),
                arguments("operatorId charset", op(b -> b.setOperatorId("op:1")), "operatorId 'op:1' may only"),
                arguments("facilityId charset", op(b -> b.setFacilityId("f/1")), "facilityId 'f/1'"),
                arguments("long lenderId", op(b -> b.setLenderId(LONG_ID)), "lenderId must be at most 64"),
                arguments("eventTime too early", op(b -> b.setEventTime(Instant.parse("1999-12-31T23:59:59Z"))),
                        "eventTime 1999-12-31T23:59:59Z must be on or after 2000-01-01"),
                arguments("eventTime too late", op(b -> b.setEventTime(Instant.parse("2100-01-01T00:00:00Z"))),
                        "eventTime 2100-01-01T00:00:00Z"),
                arguments("negative principal", op(b -> b.setOutstandingPrincipal(usd("-5"))),
                        "outstandingPrincipal must be >= 0, got -5.00"),
                arguments("absurd principal", op(b -> b.setOutstandingPrincipal(usd("1000000000000000"))),
                        "outstandingPrincipal must be below 10^15 USD"),
                arguments("negative rate", op(b -> b.setAnnualRateBps(-1)), "annualRateBps must be in 0..10000, got -1"),
                arguments("huge rate", op(b -> b.setAnnualRateBps(10_001)), "annualRateBps must be in 0..10000"),
                arguments("maturity too early", op(b -> b.setMaturityDate(LocalDate.of(1989, 12, 31))),
                        "maturityDate 1989-12-31 must be between 1990-01-01 and 2200-01-01"),
                arguments("maturity too late", op(b -> b.setMaturityDate(LocalDate.of(2200, 1, 2))), "maturityDate"),
                arguments("lease without payment",
                        op(b -> b.setInstrument(Instrument.FINANCE_LEASE).setAnnualLeasePayment(null)),
                        "annualLeasePayment is required for FINANCE_LEASE"),
                arguments("loan with payment", op(b -> b.setAnnualLeasePayment(usd("3"))),
                        "annualLeasePayment must be null for TERM_LOAN"),
                arguments("negative lease payment",
                        op(b -> b.setInstrument(Instrument.OPERATING_LEASE).setAnnualLeasePayment(usd("-1"))),
                        "annualLeasePayment must be >= 0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void gpuDeliveryRules(String name, UnaryOperator<GpuDelivery.Builder> change, String expected) {
        List<String> problems = InputValidator.problems(change.apply(batch("b-1")).build());
        assertThat(problems).singleElement().asString().contains(expected);
    }

    static Stream<Arguments> gpuDeliveryRules() {
        return Stream.of(
                arguments("blank batchId", gpu(b -> b.setBatchId("")), "batchId must not be blank"),
                arguments("siteId charset", gpu(b -> b.setSiteId("site 1")), "siteId 'site 1' may only"),
                arguments("long gpuModel", gpu(b -> b.setGpuModel("g".repeat(65))), "gpuModel must be at most 64"),
                arguments("zero units", gpu(b -> b.setUnits(0)), "units must be > 0, got 0"),
                arguments("zero cost", gpu(b -> b.setTotalCost(usd("0"))), "totalCost must be > 0, got 0.00"),
                arguments("absurd cost", gpu(b -> b.setTotalCost(usd("2000000000000000"))), "totalCost must be below"),
                arguments("zero MW", gpu(b -> b.setItLoadMw(mw("0"))), "itLoadMw must be > 0 and < 100000, got 0.000"),
                arguments("huge MW", gpu(b -> b.setItLoadMw(mw("100000"))), "itLoadMw must be > 0 and < 100000"),
                arguments("zero life", gpu(b -> b.setUsefulLifeMonths(0)), "usefulLifeMonths must be in 1..600, got 0"),
                arguments("long life", gpu(b -> b.setUsefulLifeMonths(601)), "usefulLifeMonths must be in 1..600"),
                arguments("blank reservation", gpu(b -> b.setReservedForCounterpartyId(" ")),
                        "reservedForCounterpartyId must not be blank"),
                arguments("bad eventTime", gpu(b -> b.setEventTime(Instant.parse("1970-01-01T00:00:00Z"))), "eventTime"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void revenueReportRules(String name, UnaryOperator<RevenueReport.Builder> change, String expected) {
        List<String> problems = InputValidator.problems(change.apply(rev()).build());
        assertThat(problems).singleElement().asString().contains(expected);
    }

    static Stream<Arguments> revenueReportRules() {
        return Stream.of(
                arguments("counterpartyId charset", rr(b -> b.setCounterpartyId("a|b")), "counterpartyId 'a|b'"),
                arguments("long reportId", rr(b -> b.setReportId(LONG_ID)), "reportId must be at most 64"),
                arguments("negative revenue", rr(b -> b.setRevenue(usd("-5"))), "revenue must be >= 0, got -5.00"),
                arguments("absurd revenue", rr(b -> b.setRevenue(usd("1000000000000000"))), "revenue must be below 10^15"),
                arguments("negative cash cost", rr(b -> b.setCashCostOfRevenue(usd("-1"))),
                        "cashCostOfRevenue must be >= 0"),
                arguments("negative research", rr(b -> b.setResearchComputeCost(usd("-1"))),
                        "researchComputeCost must be >= 0"),
                arguments("negative backlog", rr(b -> b.setRemainingPerformanceObligation(usd("-1"))),
                        "remainingPerformanceObligation must be >= 0"),
                arguments("mid-month start", rr(b -> b.setPeriodStart(LocalDate.of(2026, 1, 15))),
                        "periodStart 2026-01-15 is not the first day of a month"),
                arguments("mid-month end", rr(b -> b.setPeriodEnd(LocalDate.of(2026, 3, 30))),
                        "periodEnd 2026-03-30 is not the last day of a month"),
                arguments("end before start", rr(b -> b.setPeriodEnd(LocalDate.of(2025, 12, 31))),
                        "periodEnd 2025-12-31 is before periodStart 2026-01-01"),
                arguments("too long", rr(b -> b.setPeriodStart(LocalDate.of(2016, 1, 1))),
                        "period 2016-01-01..2026-03-31 spans 123 months, at most 120"),
                arguments("ancient period", rr(b -> b.setPeriodStart(LocalDate.of(1989, 12, 1))
                        .setPeriodEnd(LocalDate.of(1990, 1, 31))), "periodStart 1989-12-01 must be between"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void paymentDelayRules(String name, UnaryOperator<PaymentDelay.Builder> change, String expected) {
        List<String> problems = InputValidator.problems(change.apply(inv()).build());
        assertThat(problems).singleElement().asString().contains(expected);
    }

    static Stream<Arguments> paymentDelayRules() {
        return Stream.of(
                arguments("blank invoiceId", pd(b -> b.setInvoiceId("")), "invoiceId must not be blank"),
                arguments("long counterpartyId", pd(b -> b.setCounterpartyId(LONG_ID)), "counterpartyId must be at most 64"),
                arguments("negative amount", pd(b -> b.setAmountOutstanding(usd("-0.01"))),
                        "amountOutstanding must be >= 0, got -0.01"),
                arguments("due too early", pd(b -> b.setDueDate(LocalDate.of(1976, 6, 29))),
                        "dueDate 1976-06-29 must be between 1976-06-30 and 2076-06-30"),
                arguments("due too late", pd(b -> b.setDueDate(LocalDate.of(2076, 7, 1))), "dueDate 2076-07-01"));
    }

    private static UnaryOperator<Financing.Builder> op(UnaryOperator<Financing.Builder> f) {
        return f;
    }

    private static UnaryOperator<GpuDelivery.Builder> gpu(UnaryOperator<GpuDelivery.Builder> f) {
        return f;
    }

    private static UnaryOperator<RevenueReport.Builder> rr(UnaryOperator<RevenueReport.Builder> f) {
        return f;
    }

    private static UnaryOperator<PaymentDelay.Builder> pd(UnaryOperator<PaymentDelay.Builder> f) {
        return f;
    }
}
