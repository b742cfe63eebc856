package com.exposuremonitor.reliability;

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
import com.exposuremonitor.domain.InputEvents;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;

/**
 * A deterministic, endless stream of valid input events over many operators: new facilities, GPU batches,
 * revenue reports and invoices and, more often, newer snapshots of existing ones (restatements, repayments,
 * batches going into service, invoices paid or growing overdue), so figures rise and fall and alerts are
 * raised, escalated and resolved. Every event is valid; event times only grow.
 */
public final class EventGenerator {
    /**
     * Recent, so that the record timestamps (the producer stamps each record with its eventTime) are neither
     * rejected as from the future nor old enough for the broker's 7-day retention to delete input segments
     * during a run: 5 s of event time per event, so 30,000 events span under two days.
     */
    private static final Instant START = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(3, ChronoUnit.DAYS);
    private static final Instrument[] INSTRUMENTS = {Instrument.BOND, Instrument.TERM_LOAN, Instrument.REVOLVER,
            Instrument.GPU_BACKED_LOAN, Instrument.FINANCE_LEASE, Instrument.OPERATING_LEASE,
            Instrument.VENDOR_FINANCING};

    private final Random random;
    private final int operators;
    private long sequence;

    public EventGenerator(long seed, int operators) {
        this.random = new Random(seed);
        this.operators = operators;
    }

    public static String operator(int i) {
        return "op-" + i;
    }

    /** The next {@code n} events. */
    public List<SpecificRecord> next(int n) {
        return Stream.generate(this::next).limit(n).toList();
    }

    public SpecificRecord next() {
        long n = sequence++;
        Instant time = START.plus(n * 5, ChronoUnit.SECONDS);
        String op = operator(random.nextInt(operators));
        SpecificRecord event = switch (random.nextInt(10)) {
            case 0, 1 -> financing(op, n, time);
            case 2, 3 -> gpu(op, n, time);
            case 4, 5, 6 -> revenue(op, n, time);
            default -> invoice(op, n, time);
        };
        if (InputEvents.validate(event).isPresent()) {
            throw new IllegalStateException("generated an invalid event " + event + ": " + InputEvents.validate(event));
        }
        return event;
    }

    private Financing financing(String op, long n, Instant time) {
        int facility = random.nextInt(4);
        Instrument instrument = INSTRUMENTS[Math.floorMod(op.hashCode() + facility, INSTRUMENTS.length)];
        boolean lease = instrument == Instrument.FINANCE_LEASE || instrument == Instrument.OPERATING_LEASE;
        return Financing.newBuilder()
                .setEventId("fin-" + op + "-" + n).setEventTime(time).setOperatorId(op)
                .setFacilityId("fac-" + facility).setLenderId("lender-" + (facility % 3))
                .setInstrument(instrument)
                .setOutstandingPrincipal(usd(random.nextInt(lease ? 50 : 5000) * 1_000_000L))
                .setAnnualRateBps(250 + random.nextInt(900))
                .setRateType(random.nextBoolean() ? RateType.FIXED : RateType.FLOATING)
                .setMaturityDate(LocalDate.of(2026 + random.nextInt(10), 1 + random.nextInt(12), 28))
                .setAmortization(random.nextBoolean() ? Amortization.BULLET : Amortization.LINEAR)
                .setAnnualLeasePayment(lease ? usd(10_000_000L + random.nextInt(400) * 1_000_000L) : null)
                .setStatus(random.nextInt(8) == 0 ? FacilityStatus.REPAID : FacilityStatus.ACTIVE)
                .build();
    }

    private GpuDelivery gpu(String op, long n, Instant time) {
        int units = 1000 + random.nextInt(40_000);
        BatchStatus[] statuses = BatchStatus.values();
        return GpuDelivery.newBuilder()
                .setEventId("gpu-" + op + "-" + n).setEventTime(time).setOperatorId(op)
                .setBatchId("batch-" + random.nextInt(5)).setSiteId("site-" + random.nextInt(2))
                .setGpuModel(random.nextBoolean() ? "GB200" : "H100").setUnits(units)
                .setTotalCost(usd(units * (25_000L + random.nextInt(20_000))))
                .setItLoadMw(new BigDecimal(units).multiply(new BigDecimal("0.0014")).setScale(3, RoundingMode.HALF_EVEN))
                .setStatus(statuses[random.nextInt(statuses.length)])
                .setUsefulLifeMonths(48 + random.nextInt(25))
                .setReservedForCounterpartyId(random.nextBoolean() ? "cp-" + random.nextInt(4) : null)
                .build();
    }

    private RevenueReport revenue(String op, long n, Instant time) {
        YearMonth end = YearMonth.from(time.atZone(ZoneOffset.UTC)).minusMonths(random.nextInt(3));
        YearMonth start = end.minusMonths(random.nextInt(3));
        long revenue = 5_000_000L + random.nextInt(400) * 1_000_000L;
        return RevenueReport.newBuilder()
                .setEventId("rev-" + op + "-" + n).setEventTime(time).setOperatorId(op)
                .setCounterpartyId("cp-" + random.nextInt(4)).setReportId("r-" + random.nextInt(6))
                .setPeriodStart(start.atDay(1)).setPeriodEnd(end.atEndOfMonth())
                .setBasis(random.nextInt(4) == 0 ? RevenueBasis.RUN_RATE : RevenueBasis.BOOKED)
                .setRevenue(usd(revenue))
                .setCashCostOfRevenue(usd(revenue * (20 + random.nextInt(90)) / 100))
                .setResearchComputeCost(random.nextInt(3) == 0 ? usd(revenue / 10) : null)
                .setRemainingPerformanceObligation(random.nextInt(3) == 0 ? usd(revenue * 4) : null)
                .build();
    }

    private PaymentDelay invoice(String op, long n, Instant time) {
        LocalDate today = LocalDate.ofInstant(time, ZoneOffset.UTC);
        InvoiceStatus[] statuses = {InvoiceStatus.OPEN, InvoiceStatus.OPEN, InvoiceStatus.PAID, InvoiceStatus.WRITTEN_OFF};
        return PaymentDelay.newBuilder()
                .setEventId("inv-" + op + "-" + n).setEventTime(time).setOperatorId(op)
                .setInvoiceId("inv-" + random.nextInt(5)).setCounterpartyId("cp-" + random.nextInt(4))
                .setAmountOutstanding(usd(random.nextInt(100) * 1_000_000L))
                .setDueDate(today.minusDays(random.nextInt(150) - 20))
                .setStatus(statuses[random.nextInt(statuses.length)])
                .build();
    }

    static BigDecimal usd(long dollars) {
        return BigDecimal.valueOf(dollars).setScale(2);
    }
}
