package com.exposuremonitor.domain;

import com.exposuremonitor.avro.Financing;
import com.exposuremonitor.avro.GpuDelivery;
import com.exposuremonitor.avro.Instrument;
import com.exposuremonitor.avro.PaymentDelay;
import com.exposuremonitor.avro.RevenueReport;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Pure validation of input snapshots. {@code problems(..)} lists every problem found (empty when
 * the record is usable); {@code validate(..)} joins them into one dead-letter reason. A record that
 * fails validation must not reach {@link OperatorAggregate}.
 */
public final class InputValidator {

    static final int MAX_PERIOD_MONTHS = 120;
    private static final LocalDate DATE_MIN = LocalDate.of(1990, 1, 1);
    private static final LocalDate DATE_MAX = LocalDate.of(2200, 1, 1);
    private static final BigDecimal MW_LIMIT = new BigDecimal("100000");

    private InputValidator() {
    }

    public static Optional<String> validate(Financing r) {
        return joined(problems(r));
    }

    public static Optional<String> validate(GpuDelivery r) {
        return joined(problems(r));
    }

    public static Optional<String> validate(RevenueReport r) {
        return joined(problems(r));
    }

    public static Optional<String> validate(PaymentDelay r) {
        return joined(problems(r));
    }

    public static List<String> problems(Financing r) {
        Checks c = common(r.getEventId(), r.getOperatorId());
        c.eventTime(r.getEventTime());
        c.id("facilityId", r.getFacilityId());
        c.id("lenderId", r.getLenderId());
        c.money("outstandingPrincipal", r.getOutstandingPrincipal(), false);
        c.range("annualRateBps", r.getAnnualRateBps(), 0, 10_000);
        c.present("rateType", r.getRateType());
        c.present("amortization", r.getAmortization());
        c.present("status", r.getStatus());
        c.dateBetween("maturityDate", r.getMaturityDate(), DATE_MIN, DATE_MAX);
        if (c.present("instrument", r.getInstrument())) {
            leasePayment(c, r.getInstrument(), r.getAnnualLeasePayment());
        }
        return c.problems();
    }

    public static List<String> problems(GpuDelivery r) {
        Checks c = common(r.getEventId(), r.getOperatorId());
        c.eventTime(r.getEventTime());
        c.id("batchId", r.getBatchId());
        c.id("siteId", r.getSiteId());
        c.text("gpuModel", r.getGpuModel(), 64);
        if (r.getUnits() <= 0) {
            c.fail("units must be > 0, got " + r.getUnits());
        }
        c.money("totalCost", r.getTotalCost(), true);
        BigDecimal mw = r.getItLoadMw();
        if (c.present("itLoadMw", mw) && (mw.signum() <= 0 || mw.compareTo(MW_LIMIT) >= 0)) {
            c.fail("itLoadMw must be > 0 and < 100000, got " + mw.toPlainString());
        }
        c.present("status", r.getStatus());
        c.range("usefulLifeMonths", r.getUsefulLifeMonths(), 1, 600);
        if (r.getReservedForCounterpartyId() != null) {
            c.id("reservedForCounterpartyId", r.getReservedForCounterpartyId());
        }
        return c.problems();
    }

    public static List<String> problems(RevenueReport r) {
        Checks c = common(r.getEventId(), r.getOperatorId());
        c.eventTime(r.getEventTime());
        c.id("counterpartyId", r.getCounterpartyId());
        c.id("reportId", r.getReportId());
        c.present("basis", r.getBasis());
        c.money("revenue", r.getRevenue(), false);
        c.money("cashCostOfRevenue", r.getCashCostOfRevenue(), false);
        if (r.getResearchComputeCost() != null) {
            c.money("researchComputeCost", r.getResearchComputeCost(), false);
        }
        if (r.getRemainingPerformanceObligation() != null) {
            c.money("remainingPerformanceObligation", r.getRemainingPerformanceObligation(), false);
        }
        period(c, r.getPeriodStart(), r.getPeriodEnd());
        return c.problems();
    }

    public static List<String> problems(PaymentDelay r) {
        Checks c = common(r.getEventId(), r.getOperatorId());
        c.eventTime(r.getEventTime());
        c.id("invoiceId", r.getInvoiceId());
        c.id("counterpartyId", r.getCounterpartyId());
        c.money("amountOutstanding", r.getAmountOutstanding(), false);
        c.present("status", r.getStatus());
        if (c.present("dueDate", r.getDueDate()) && r.getEventTime() != null) {
            LocalDate eventDate = LocalDate.ofInstant(r.getEventTime(), ZoneOffset.UTC);
            c.dateBetween("dueDate", r.getDueDate(), eventDate.minusYears(50), eventDate.plusYears(50));
        }
        return c.problems();
    }

    private static Checks common(String eventId, String operatorId) {
        Checks c = new Checks();
        c.eventId(eventId);
        c.id("operatorId", operatorId);
        return c;
    }

    private static void leasePayment(Checks c, Instrument instrument, BigDecimal payment) {
        if (OperatorMath.isLease(instrument) && payment == null) {
            c.fail("annualLeasePayment is required for " + instrument + " facilities");
        } else if (!OperatorMath.isLease(instrument) && payment != null) {
            c.fail("annualLeasePayment must be null for " + instrument + " facilities (only leases have one), got "
                    + payment.toPlainString());
        } else if (payment != null) {
            c.money("annualLeasePayment", payment, false);
        }
    }

    /** Reports cover whole calendar months; the dates are also kept in 1990..2200 so month keys sort. */
    private static void period(Checks c, LocalDate start, LocalDate end) {
        boolean both = c.present("periodStart", start) & c.present("periodEnd", end);
        if (!both) {
            return;
        }
        int before = c.problems().size();
        c.dateBetween("periodStart", start, DATE_MIN, DATE_MAX);
        c.dateBetween("periodEnd", end, DATE_MIN, DATE_MAX);
        if (start.getDayOfMonth() != 1) {
            c.fail("periodStart " + start + " is not the first day of a month");
        }
        if (!end.equals(end.withDayOfMonth(end.lengthOfMonth()))) {
            c.fail("periodEnd " + end + " is not the last day of a month");
        }
        if (end.isBefore(start)) {
            c.fail("periodEnd " + end + " is before periodStart " + start);
        } else if (c.problems().size() == before) {
            long months = ChronoUnit.MONTHS.between(start, end.plusDays(1));
            if (months > MAX_PERIOD_MONTHS) {
                c.fail("period " + start + ".." + end + " spans " + months + " months, at most "
                        + MAX_PERIOD_MONTHS + " allowed (periodStart/periodEnd)");
            }
        }
    }

    private static Optional<String> joined(List<String> problems) {
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }
}
