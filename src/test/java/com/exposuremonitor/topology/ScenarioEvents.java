package com.exposuremonitor.topology;

import com.exposuremonitor.avro.Amortization;
import com.exposuremonitor.avro.BatchStatus;
import com.exposuremonitor.avro.FacilityStatus;
import com.exposuremonitor.avro.Financing;
import com.exposuremonitor.avro.GpuDelivery;
import com.exposuremonitor.avro.Instrument;
import com.exposuremonitor.avro.InvoiceStatus;
import com.exposuremonitor.avro.PaymentDelay;
import com.exposuremonitor.avro.RateType;
import com.exposuremonitor.avro.RevenueBasis;
import com.exposuremonitor.avro.RevenueReport;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * Input events for the topology scenario tests: plain valid builders (like the domain {@code Fixtures},
 * but with the operator as a parameter) and the three-operator scenario of
 * {@link ExposureTopologyScenarioTest}, in chronological order.
 */
final class ScenarioEvents {

    static final String CAMPUS = "campus-1";
    static final String NEO = "neo-1";
    static final String LAB = "lab-1";

    /** Every scenario event happens on 2026-07-01, one minute apart; the date all day arithmetic uses. */
    static final Instant DAY = Instant.parse("2026-07-01T00:00:00Z");
    static final LocalDate AS_OF_DATE = LocalDate.of(2026, 7, 1);

    private ScenarioEvents() {
    }

    static Instant minute(int n) {
        return DAY.plusSeconds(60L * n);
    }

    static BigDecimal usd(String amount) {
        return new BigDecimal(amount).setScale(2);
    }

    static BigDecimal mw(String amount) {
        return new BigDecimal(amount).setScale(3);
    }

    static Financing.Builder financing(String op, String facilityId, String lenderId, Instrument instrument,
                                       String outstanding, int bps, RateType rateType, Amortization amortization,
                                       LocalDate maturity) {
        return Financing.newBuilder()
                .setEventId(op + ":fin:" + facilityId + ":1").setEventTime(DAY)
                .setOperatorId(op).setFacilityId(facilityId).setLenderId(lenderId)
                .setInstrument(instrument).setOutstandingPrincipal(usd(outstanding))
                .setAnnualRateBps(bps).setRateType(rateType)
                .setMaturityDate(maturity).setAmortization(amortization)
                .setAnnualLeasePayment(null).setStatus(FacilityStatus.ACTIVE);
    }

    static GpuDelivery.Builder batch(String op, String batchId, BatchStatus status, String itLoadMw,
                                     String totalCost, int usefulLifeMonths) {
        return GpuDelivery.newBuilder()
                .setEventId(op + ":gpu:" + batchId + ":1").setEventTime(DAY)
                .setOperatorId(op).setBatchId(batchId).setSiteId("site-1").setGpuModel("GB200")
                .setUnits(1000).setTotalCost(usd(totalCost)).setItLoadMw(mw(itLoadMw))
                .setStatus(status).setUsefulLifeMonths(usefulLifeMonths)
                .setReservedForCounterpartyId(null);
    }

    /** A report over the whole months from..to. */
    static RevenueReport.Builder report(String op, String cp, String reportId, RevenueBasis basis,
                                        YearMonth from, YearMonth to, String revenue, String cashCost) {
        return RevenueReport.newBuilder()
                .setEventId(op + ":rev:" + cp + ":" + reportId + ":1").setEventTime(DAY)
                .setOperatorId(op).setCounterpartyId(cp).setReportId(reportId)
                .setPeriodStart(from.atDay(1)).setPeriodEnd(to.atEndOfMonth())
                .setBasis(basis).setRevenue(usd(revenue)).setCashCostOfRevenue(usd(cashCost))
                .setResearchComputeCost(null).setRemainingPerformanceObligation(null);
    }

    static PaymentDelay.Builder invoice(String op, String invoiceId, String cp, String amount, LocalDate due,
                                        InvoiceStatus status) {
        return PaymentDelay.newBuilder()
                .setEventId(op + ":inv:" + invoiceId + ":1").setEventTime(DAY)
                .setOperatorId(op).setInvoiceId(invoiceId).setCounterpartyId(cp)
                .setAmountOutstanding(usd(amount)).setDueDate(due).setStatus(status);
    }

    /**
     * The whole scenario, in chronological order: event i (0-based) happens at minute(i + 1), so the
     * list order is also eventTime order and every event is newer than everything before it.
     * Figures and the arithmetic behind them are in {@link ExposureTopologyScenarioTest}.
     */
    static List<SpecificRecord> scenario() {
        YearMonth jul25 = YearMonth.of(2025, 7);
        YearMonth jan26 = YearMonth.of(2026, 1);
        YearMonth mar26 = YearMonth.of(2026, 3);
        YearMonth apr26 = YearMonth.of(2026, 4);
        YearMonth may26 = YearMonth.of(2026, 5);
        YearMonth jun26 = YearMonth.of(2026, 6);
        List<Object> builders = List.of(
                // ---- campus-1: single-tenant campus, bond + linear term loan + operating lease (events 1..8)
                financing(CAMPUS, "bond-1", "bondholders", Instrument.BOND, "1000000", 500, RateType.FIXED,
                        Amortization.BULLET, LocalDate.of(2031, 12, 31)),
                financing(CAMPUS, "tl-1", "bank-a", Instrument.TERM_LOAN, "600000", 600, RateType.FIXED,
                        Amortization.LINEAR, LocalDate.of(2029, 6, 30)),
                financing(CAMPUS, "lease-1", "lessor-a", Instrument.OPERATING_LEASE, "400000", 0, RateType.FIXED,
                        Amortization.BULLET, LocalDate.of(2036, 6, 30)).setAnnualLeasePayment(usd("133000")),
                batch(CAMPUS, "c-b1", BatchStatus.IN_SERVICE, "10", "1200000", 72),
                batch(CAMPUS, "c-b2", BatchStatus.ENERGIZED, "5", "600000", 72),
                report(CAMPUS, "tenant-a", "fy26", RevenueBasis.BOOKED, jul25, jun26, "1200000", "480000")
                        .setRemainingPerformanceObligation(usd("5000000")),
                invoice(CAMPUS, "c-inv-1", "tenant-a", "100000", LocalDate.of(2026, 6, 15), InvoiceStatus.OPEN),
                invoice(CAMPUS, "c-inv-1", "tenant-a", "100000", LocalDate.of(2026, 6, 15), InvoiceStatus.PAID)
                        .setEventId(CAMPUS + ":inv:c-inv-1:paid"),
                // ---- neo-1: neocloud, two counterparties, batches in four statuses, floating loan (events 9..23)
                financing(NEO, "old-1", "bank-b", Instrument.TERM_LOAN, "300000", 400, RateType.FIXED,
                        Amortization.BULLET, LocalDate.of(2027, 12, 31)),
                financing(NEO, "frl-1", "bank-b", Instrument.TERM_LOAN, "2000000", 630, RateType.FLOATING,
                        Amortization.LINEAR, LocalDate.of(2028, 6, 30)),
                financing(NEO, "vf-1", "nvendor", Instrument.VENDOR_FINANCING, "500000", 400, RateType.FIXED,
                        Amortization.BULLET, LocalDate.of(2027, 3, 31)),
                financing(NEO, "old-1", "bank-b", Instrument.TERM_LOAN, "300000", 400, RateType.FIXED,
                        Amortization.BULLET, LocalDate.of(2027, 12, 31)).setStatus(FacilityStatus.REPAID)
                        .setEventId(NEO + ":fin:old-1:repaid"),
                batch(NEO, "n-g1", BatchStatus.DELIVERED, "4", "800000", 48),
                batch(NEO, "n-g2", BatchStatus.IN_SERVICE, "12", "2400000", 48),
                batch(NEO, "n-g3", BatchStatus.RETIRED, "6", "900000", 48),
                batch(NEO, "n-g4", BatchStatus.ORDERED, "8", "1600000", 48),
                report(NEO, "lab-x", "q1-26", RevenueBasis.BOOKED, jan26, mar26, "900000", "300000")
                        .setRemainingPerformanceObligation(usd("3000000")),
                report(NEO, "lab-x", "q2-26", RevenueBasis.BOOKED, apr26, jun26, "900000", "300000")
                        .setRemainingPerformanceObligation(usd("2000000")),
                report(NEO, "hyper-y", "h1-26", RevenueBasis.BOOKED, jan26, jun26, "600000", "240000")
                        .setRemainingPerformanceObligation(usd("1000000")),
                invoice(NEO, "n-inv-1", "lab-x", "300000", LocalDate.of(2026, 5, 1), InvoiceStatus.OPEN),
                invoice(NEO, "n-inv-2", "lab-x", "100000", LocalDate.of(2026, 6, 21), InvoiceStatus.OPEN),
                invoice(NEO, "n-inv-3", "hyper-y", "50000", LocalDate.of(2026, 6, 26), InvoiceStatus.OPEN),
                invoice(NEO, "n-inv-4", "hyper-y", "80000", LocalDate.of(2026, 7, 15), InvoiceStatus.OPEN),
                // ---- lab-1: a lab's own P&L, booked + run-rate reports, research compute (events 24..32)
                financing(LAB, "rcf-1", "bank-c", Instrument.REVOLVER, "1000000", 800, RateType.FLOATING,
                        Amortization.BULLET, LocalDate.of(2029, 12, 31)),
                financing(LAB, "fl-1", "lessor-b", Instrument.FINANCE_LEASE, "500000", 0, RateType.FIXED,
                        Amortization.BULLET, LocalDate.of(2031, 6, 30)).setAnnualLeasePayment(usd("150000")),
                batch(LAB, "l-b1", BatchStatus.IN_SERVICE, "20", "3000000", 60),
                report(LAB, "consumers", "fy26", RevenueBasis.BOOKED, jul25, jun26, "3000000", "1800000")
                        .setResearchComputeCost(usd("2400000")),
                report(LAB, "enterprise", "fy26", RevenueBasis.BOOKED, jul25, jun26, "1500000", "990000")
                        .setResearchComputeCost(usd("1700000")).setRemainingPerformanceObligation(usd("600000")),
                report(LAB, "consumers", "rr-may", RevenueBasis.RUN_RATE, may26, may26, "450000", "0"),
                report(LAB, "consumers", "rr-jun", RevenueBasis.RUN_RATE, jun26, jun26, "500000", "0"),
                invoice(LAB, "l-inv-1", "enterprise", "200000", LocalDate.of(2026, 6, 1), InvoiceStatus.OPEN),
                invoice(LAB, "l-inv-2", "consumers", "10000", LocalDate.of(2026, 3, 1),
                        InvoiceStatus.WRITTEN_OFF));
        List<SpecificRecord> events = new ArrayList<>();
        for (int i = 0; i < builders.size(); i++) {
            events.add(build(builders.get(i), minute(i + 1)));
        }
        return List.copyOf(events);
    }

    private static SpecificRecord build(Object builder, Instant eventTime) {
        if (builder instanceof Financing.Builder b) {
            return b.setEventTime(eventTime).build();
        } else if (builder instanceof GpuDelivery.Builder b) {
            return b.setEventTime(eventTime).build();
        } else if (builder instanceof RevenueReport.Builder b) {
            return b.setEventTime(eventTime).build();
        } else if (builder instanceof PaymentDelay.Builder b) {
            return b.setEventTime(eventTime).build();
        }
        throw new IllegalArgumentException("not an event builder: " + builder);
    }

    static String operatorOf(SpecificRecord event) {
        return event.get(event.getSchema().getField("operatorId").pos()).toString();
    }

    static String eventIdOf(SpecificRecord event) {
        return event.get(event.getSchema().getField("eventId").pos()).toString();
    }

    static Instant eventTimeOf(SpecificRecord event) {
        return (Instant) event.get(event.getSchema().getField("eventTime").pos());
    }
}
