package com.exposuremonitor.bench;

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
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import org.apache.avro.specific.SpecificRecord;

/**
 * A synthetic, deterministic stream of input events. Every operator has a fixed set of natural keys: 3
 * facilities (bond, floating term loan, finance lease), 4 GPU batches, and per counterparty and month a
 * revenue report and an invoice. Each event is a new snapshot of one of them (the first one creates
 * it): restated revenue, invoices going open, part-paid and paid, facilities amortizing, batches
 * moving ORDERED to IN_SERVICE. Operators are drawn Zipf-skewed; a share of the records is bad.
 */
public final class Workload {
    /** The knobs of the workload. {@code skew} is the Zipf exponent over operators (0 = uniform). */
    public record Spec(int operators, int counterparties, int lenders, double skew, double badShare,
                       int counterpartiesPerOperator, int reportMonths, long seed) {
        public Spec {
            if (operators < 1 || counterparties < 1 || lenders < 1 || counterpartiesPerOperator < 1
                    || reportMonths < 1 || badShare < 0 || badShare > 1) {
                throw new IllegalArgumentException("bad workload spec " + this);
            }
        }

        public Spec withOperators(int n) {
            return new Spec(n, counterparties, lenders, skew, badShare, counterpartiesPerOperator, reportMonths, seed);
        }

        public Spec withSeed(long s) {
            return new Spec(operators, counterparties, lenders, skew, badShare, counterpartiesPerOperator,
                    reportMonths, s);
        }

        public int naturalKeysPerOperator() {
            return FACILITIES + BATCHES + 2 * counterpartiesPerOperator * reportMonths;
        }
    }

    /** How a record is spoiled, if at all. */
    public enum Defect { NONE, GARBAGE_BYTES, TRUNCATED, INVALID_FIELD, KEY_MISMATCH }

    /** One input record: the Kafka key, the event, and its defect (applied when it is serialized). */
    public record Event(String key, SpecificRecord record, Defect defect) {
    }

    static final int FACILITIES = 3;
    static final int BATCHES = 4;
    private static final YearMonth FIRST_MONTH = YearMonth.of(2025, 1);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final Spec spec;
    private final SplittableRandom random;
    private final double[] cumulative;
    private final int[][] facilityVersions;
    private final int[][] batchVersions;
    private final int[][] reportVersions;
    private final int[][] invoiceVersions;
    private long sequence;

    public Workload(Spec spec) {
        this.spec = spec;
        this.random = new SplittableRandom(spec.seed());
        this.cumulative = zipf(spec.operators(), spec.skew());
        int perOp = spec.counterpartiesPerOperator() * spec.reportMonths();
        this.facilityVersions = new int[spec.operators()][FACILITIES];
        this.batchVersions = new int[spec.operators()][BATCHES];
        this.reportVersions = new int[spec.operators()][perOp];
        this.invoiceVersions = new int[spec.operators()][perOp];
    }

    public Spec spec() {
        return spec;
    }

    public static String operatorId(int op) {
        return "op-" + op;
    }

    /** The next event, stamped with {@code eventTime}; times must not go backwards for updates to apply. */
    public Event next(Instant eventTime) {
        int op = pickOperator();
        long seq = sequence++;
        String eventId = "ev-" + spec.seed() + "-" + String.format("%012d", seq);
        double kind = random.nextDouble();
        SpecificRecord record;
        if (kind < 0.40) {
            record = revenueReport(op, eventId, eventTime);
        } else if (kind < 0.70) {
            record = paymentDelay(op, eventId, eventTime);
        } else if (kind < 0.85) {
            record = financing(op, eventId, eventTime);
        } else {
            record = gpuDelivery(op, eventId, eventTime);
        }
        Defect defect = Defect.NONE;
        if (random.nextDouble() < spec.badShare()) {
            defect = Defect.values()[1 + random.nextInt(Defect.values().length - 1)];
        }
        String key = operatorId(op);
        if (defect == Defect.KEY_MISMATCH) {
            key = operatorId((op + 1) % Math.max(2, spec.operators()));
        } else if (defect == Defect.INVALID_FIELD) {
            spoil(record);
        }
        return new Event(key, record, defect);
    }

    private int pickOperator() {
        double u = random.nextDouble();
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] < u) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static double[] zipf(int n, double s) {
        double[] c = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += 1.0 / Math.pow(i + 1, s);
            c[i] = sum;
        }
        for (int i = 0; i < n; i++) {
            c[i] /= sum;
        }
        return c;
    }

    private String counterparty(int op, int j) {
        return "cp-" + Math.floorMod(op * 7 + j * 13, spec.counterparties());
    }

    /** Monthly revenue of an operator from one counterparty, in dollars: $5M..$45M. */
    private static long baseRevenue(int op, int j) {
        return 5_000_000L + Math.floorMod(op * 31L + j * 17L, 41) * 1_000_000L;
    }

    private RevenueReport revenueReport(int op, String eventId, Instant eventTime) {
        int k = random.nextInt(reportVersions[op].length);
        reportVersions[op][k]++;
        int j = k % spec.counterpartiesPerOperator();
        YearMonth month = FIRST_MONTH.plusMonths(k / spec.counterpartiesPerOperator());
        double noise = 0.75 + 0.5 * random.nextDouble();
        BigDecimal revenue = dollars(baseRevenue(op, j) * noise);
        return RevenueReport.newBuilder()
                .setEventId(eventId).setEventTime(eventTime).setOperatorId(operatorId(op))
                .setCounterpartyId(counterparty(op, j))
                .setReportId("rep-" + counterparty(op, j) + "-" + month)
                .setPeriodStart(month.atDay(1)).setPeriodEnd(month.atEndOfMonth())
                .setBasis(RevenueBasis.BOOKED)
                .setRevenue(revenue)
                .setCashCostOfRevenue(revenue.multiply(BigDecimal.valueOf(0.45 + 0.1 * random.nextDouble()))
                        .setScale(2, RoundingMode.HALF_EVEN))
                .setResearchComputeCost(j == 0 ? dollars(500_000 * noise) : null)
                .setRemainingPerformanceObligation(dollars(baseRevenue(op, j) * (36 - month.getMonthValue())))
                .build();
    }

    private PaymentDelay paymentDelay(int op, String eventId, Instant eventTime) {
        int k = random.nextInt(invoiceVersions[op].length);
        int version = invoiceVersions[op][k]++;
        int j = k % spec.counterpartiesPerOperator();
        YearMonth month = FIRST_MONTH.plusMonths(k / spec.counterpartiesPerOperator());
        LocalDate eventDate = LocalDate.ofInstant(eventTime, ZoneOffset.UTC);
        int stage = version % 3;
        long amount = baseRevenue(op, j) / (stage + 1);
        return PaymentDelay.newBuilder()
                .setEventId(eventId).setEventTime(eventTime).setOperatorId(operatorId(op))
                .setInvoiceId("inv-" + counterparty(op, j) + "-" + month)
                .setCounterpartyId(counterparty(op, j))
                .setAmountOutstanding(stage == 2 ? dollars(0) : dollars(amount))
                .setDueDate(eventDate.minusDays(random.nextInt(120)))
                .setStatus(stage == 2 ? InvoiceStatus.PAID : InvoiceStatus.OPEN)
                .build();
    }

    private Financing financing(int op, String eventId, Instant eventTime) {
        int f = random.nextInt(FACILITIES);
        int version = facilityVersions[op][f]++;
        long principal = 4_000_000_000L + Math.floorMod(op * 13L, 7) * 500_000_000L;
        double left = Math.max(0.5, 1.0 - 0.002 * version);
        Instrument instrument = f == 0 ? Instrument.BOND : f == 1 ? Instrument.TERM_LOAN : Instrument.FINANCE_LEASE;
        return Financing.newBuilder()
                .setEventId(eventId).setEventTime(eventTime).setOperatorId(operatorId(op))
                .setFacilityId("fac-" + f)
                .setLenderId("lender-" + Math.floorMod(op * 3 + f, spec.lenders()))
                .setInstrument(instrument)
                .setOutstandingPrincipal(dollars(principal * left))
                .setAnnualRateBps(500 + random.nextInt(300))
                .setRateType(f == 1 ? RateType.FLOATING : RateType.FIXED)
                .setMaturityDate(LocalDate.of(2031, 6, 30))
                .setAmortization(f == 1 ? Amortization.LINEAR : Amortization.BULLET)
                .setAnnualLeasePayment(instrument == Instrument.FINANCE_LEASE ? dollars(principal * 0.12) : null)
                .setStatus(FacilityStatus.ACTIVE)
                .build();
    }

    private GpuDelivery gpuDelivery(int op, String eventId, Instant eventTime) {
        int b = random.nextInt(BATCHES);
        int version = batchVersions[op][b]++;
        BatchStatus[] path = {BatchStatus.ORDERED, BatchStatus.DELIVERED, BatchStatus.INSTALLED,
                BatchStatus.ENERGIZED, BatchStatus.IN_SERVICE};
        int units = 8_000 + 2_000 * b;
        return GpuDelivery.newBuilder()
                .setEventId(eventId).setEventTime(eventTime).setOperatorId(operatorId(op))
                .setBatchId("batch-" + b)
                .setSiteId("site-" + Math.floorMod(op, 5))
                .setGpuModel("GB200")
                .setUnits(units)
                .setTotalCost(dollars(units * 40_000.0))
                .setItLoadMw(BigDecimal.valueOf(units * 14L, 4).setScale(3, RoundingMode.HALF_EVEN))
                .setStatus(path[Math.min(version, path.length - 1)])
                .setUsefulLifeMonths(60)
                .setReservedForCounterpartyId(counterparty(op, b % spec.counterpartiesPerOperator()))
                .build();
    }

    /** Breaks one domain rule while staying valid Avro: money below zero. */
    private static void spoil(SpecificRecord record) {
        BigDecimal negative = new BigDecimal("-1.00");
        if (record instanceof RevenueReport r) {
            r.setRevenue(negative);
        } else if (record instanceof PaymentDelay p) {
            p.setAmountOutstanding(negative);
        } else if (record instanceof Financing f) {
            f.setOutstandingPrincipal(negative);
        } else if (record instanceof GpuDelivery g) {
            g.setTotalCost(negative);
        }
    }

    private static BigDecimal dollars(double amount) {
        return BigDecimal.valueOf(Math.round(amount * 100), 2);
    }

    static BigDecimal dollars(long amount) {
        return BigDecimal.valueOf(amount).multiply(HUNDRED).movePointLeft(2).setScale(2, RoundingMode.UNNECESSARY);
    }
}
