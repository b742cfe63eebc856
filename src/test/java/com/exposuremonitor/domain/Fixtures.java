package com.exposuremonitor.domain;

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

/** Valid input records with plain defaults; tests change one field at a time. */
final class Fixtures {

    static final String OP = "op-1";
    static final Instant T0 = Instant.parse("2026-06-30T12:00:00Z");

    private Fixtures() {
    }

    static BigDecimal usd(String amount) {
        return new BigDecimal(amount).setScale(2);
    }

    static BigDecimal mw(String amount) {
        return new BigDecimal(amount).setScale(3);
    }

    static Instant at(String date) {
        return Instant.parse(date + "T12:00:00Z");
    }

    static Financing.Builder financing(String facilityId) {
        return Financing.newBuilder()
                .setEventId("fin-" + facilityId + "-1").setEventTime(T0)
                .setOperatorId(OP).setFacilityId(facilityId).setLenderId("bank-a")
                .setInstrument(Instrument.TERM_LOAN).setOutstandingPrincipal(usd("1000"))
                .setAnnualRateBps(500).setRateType(RateType.FIXED)
                .setMaturityDate(LocalDate.of(2036, 12, 31)).setAmortization(Amortization.BULLET)
                .setAnnualLeasePayment(null).setStatus(FacilityStatus.ACTIVE);
    }

    static Financing.Builder lease(String facilityId, String annualPayment) {
        return financing(facilityId).setInstrument(Instrument.OPERATING_LEASE)
                .setLenderId("lessor-a").setAnnualLeasePayment(usd(annualPayment));
    }

    static GpuDelivery.Builder batch(String batchId) {
        return GpuDelivery.newBuilder()
                .setEventId("gpu-" + batchId + "-1").setEventTime(T0)
                .setOperatorId(OP).setBatchId(batchId).setSiteId("site-1").setGpuModel("GB200")
                .setUnits(1000).setTotalCost(usd("72000000")).setItLoadMw(mw("10"))
                .setStatus(BatchStatus.IN_SERVICE).setUsefulLifeMonths(72)
                .setReservedForCounterpartyId(null);
    }

    /** A BOOKED report over whole months from..to. */
    static RevenueReport.Builder booked(String cp, String reportId, YearMonth from, YearMonth to,
                                        String revenue, String cashCost) {
        return RevenueReport.newBuilder()
                .setEventId("rev-" + cp + "-" + reportId + "-1").setEventTime(T0)
                .setOperatorId(OP).setCounterpartyId(cp).setReportId(reportId)
                .setPeriodStart(from.atDay(1)).setPeriodEnd(to.atEndOfMonth())
                .setBasis(RevenueBasis.BOOKED).setRevenue(usd(revenue)).setCashCostOfRevenue(usd(cashCost))
                .setResearchComputeCost(null).setRemainingPerformanceObligation(null);
    }

    static RevenueReport.Builder booked(String cp, String reportId, YearMonth month, String revenue, String cashCost) {
        return booked(cp, reportId, month, month, revenue, cashCost);
    }

    static PaymentDelay.Builder invoice(String invoiceId, String cp, String amount, LocalDate due) {
        return PaymentDelay.newBuilder()
                .setEventId("inv-" + invoiceId + "-1").setEventTime(T0)
                .setOperatorId(OP).setInvoiceId(invoiceId).setCounterpartyId(cp)
                .setAmountOutstanding(usd(amount)).setDueDate(due).setStatus(InvoiceStatus.OPEN);
    }
}
