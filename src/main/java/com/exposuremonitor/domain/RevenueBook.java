package com.exposuremonitor.domain;

import static com.exposuremonitor.domain.OperatorMath.ZERO;
import static com.exposuremonitor.domain.OperatorMath.fixed;
import static com.exposuremonitor.domain.OperatorMath.sign;

import com.exposuremonitor.avro.RevenueBasis;
import com.exposuremonitor.avro.RevenueReport;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Revenue reports of one operator. BOOKED reports are kept in monthly buckets, keyed by the month's
 * index (year x 12 + month - 1, so they sort chronologically and compare cheaply) and grouped by the
 * report's length in months: a bucket holds the whole amounts (exact, as reported) of the reports of
 * that length covering the month. A window sum is then exact: per length M, the amounts of the months
 * inside the window divided by M, i.e. each report contributes amount x (its months inside) / M, with
 * a single division per length (exact for M = 1, at 20 decimals otherwise, so rounding to cents on
 * output is the only rounding a reader can see). RUN_RATE reports are only remembered to find the
 * latest claim. Zero buckets are dropped so the state stays canonical whatever the order of events.
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
final class RevenueBook {

    /** A booked report's backlog facts, to pick each counterparty's latest backlog. */
    record Booked(String reportId, LocalDate periodEnd, Instant eventTime, BigDecimal backlog) {
    }

    /** A RUN_RATE report's facts, to pick the latest claim. */
    record RunRate(String counterpartyId, String reportId, LocalDate periodEnd, Instant eventTime,
                   BigDecimal revenue, int months) {
    }

    /** Decimals of a window sum's one division: rounding to cents on output sees it as exact. */
    static final int WINDOW_SCALE = 20;

    static final Comparator<Booked> BOOKED_ORDER = Comparator.comparing(Booked::periodEnd)
            .thenComparing(Booked::eventTime).thenComparing(Booked::reportId);
    static final Comparator<RunRate> RUN_RATE_ORDER = Comparator.comparing(RunRate::periodEnd)
            .thenComparing(RunRate::eventTime).thenComparing(RunRate::counterpartyId)
            .thenComparing(RunRate::reportId);

    /** counterpartyId -> report length -> month -> booked revenue of the reports of that length. */
    private TreeMap<String, TreeMap<Integer, TreeMap<Integer, BigDecimal>>> revenue = new TreeMap<>();
    /** report length -> month -> booked cash cost of revenue. */
    private TreeMap<Integer, TreeMap<Integer, BigDecimal>> cashCost = new TreeMap<>();
    /** report length -> month -> booked research/training compute cost. */
    private TreeMap<Integer, TreeMap<Integer, BigDecimal>> researchCost = new TreeMap<>();
    /** month -> number of booked reports covering it; a count (not a flag) survives restatements. */
    private TreeMap<Integer, Integer> bookedReports = new TreeMap<>();
    /** counterpartyId -> reportId -> booked report facts. */
    private TreeMap<String, TreeMap<String, Booked>> booked = new TreeMap<>();
    /** "counterpartyId|reportId" -> run-rate claim. */
    private TreeMap<String, RunRate> runRates = new TreeMap<>();

    void apply(RevenueReport r, int sign) {
        int first = index(YearMonth.from(r.getPeriodStart()));
        int months = months(r);
        if (r.getBasis() == RevenueBasis.RUN_RATE) {
            applyRunRate(r, months, sign);
            return;
        }
        TreeMap<Integer, TreeMap<Integer, BigDecimal>> cpRevenue =
                revenue.computeIfAbsent(r.getCounterpartyId(), k -> new TreeMap<>());
        BigDecimal rev = signed(r.getRevenue(), sign);
        BigDecimal cash = signed(r.getCashCostOfRevenue(), sign);
        BigDecimal research = signed(r.getResearchComputeCost(), sign);
        for (int i = 0; i < months; i++) {
            Integer month = first + i;
            add(cpRevenue, months, month, rev);
            add(cashCost, months, month, cash);
            add(researchCost, months, month, research);
            bookedReports.merge(month, sign, (a, b) -> a + b == 0 ? null : a + b);
        }
        if (cpRevenue.isEmpty()) {
            revenue.remove(r.getCounterpartyId());
        }
        applyBooked(r, sign);
    }

    static int index(YearMonth month) {
        return month.getYear() * 12 + month.getMonthValue() - 1;
    }

    static YearMonth month(int index) {
        return YearMonth.of(Math.floorDiv(index, 12), Math.floorMod(index, 12) + 1);
    }

    static int months(RevenueReport r) {
        return (int) java.time.temporal.ChronoUnit.MONTHS.between(
                YearMonth.from(r.getPeriodStart()), YearMonth.from(r.getPeriodEnd())) + 1;
    }

    private static BigDecimal signed(BigDecimal amount, int sign) {
        return amount == null ? null : sign(amount, sign);
    }

    private static void add(TreeMap<Integer, TreeMap<Integer, BigDecimal>> byLength, int length, Integer month,
                            BigDecimal amount) {
        if (amount == null || amount.signum() == 0) {
            return;
        }
        TreeMap<Integer, BigDecimal> buckets = byLength.computeIfAbsent(length, k -> new TreeMap<>());
        BigDecimal was = buckets.get(month);
        BigDecimal sum = was == null ? amount : was.add(amount);
        if (sum.signum() == 0) {
            buckets.remove(month);
            if (buckets.isEmpty()) {
                byLength.remove(length);
            }
        } else {
            buckets.put(month, sum);
        }
    }

    private void applyBooked(RevenueReport r, int sign) {
        TreeMap<String, Booked> reports = booked.computeIfAbsent(r.getCounterpartyId(), k -> new TreeMap<>());
        if (sign > 0) {
            BigDecimal backlog = r.getRemainingPerformanceObligation();
            reports.put(r.getReportId(), new Booked(r.getReportId(), r.getPeriodEnd(), r.getEventTime(),
                    backlog == null ? null : fixed(backlog)));
        } else {
            reports.remove(r.getReportId());
        }
        if (reports.isEmpty()) {
            booked.remove(r.getCounterpartyId());
        }
    }

    private void applyRunRate(RevenueReport r, int months, int sign) {
        String key = r.getCounterpartyId() + "|" + r.getReportId();
        if (sign > 0) {
            runRates.put(key, new RunRate(r.getCounterpartyId(), r.getReportId(), r.getPeriodEnd(),
                    r.getEventTime(), fixed(r.getRevenue()), months));
        } else {
            runRates.remove(key);
        }
    }

    /** The latest month any booked report covers, or null before any booked report. */
    YearMonth latestBookedMonth() {
        return bookedReports.isEmpty() ? null : month(bookedReports.lastKey());
    }

    int coveredMonths(YearMonth from, YearMonth to) {
        return bookedReports.subMap(index(from), true, index(to), true).size();
    }

    BigDecimal cashCost(YearMonth from, YearMonth to) {
        return sum(cashCost, from, to);
    }

    BigDecimal researchCost(YearMonth from, YearMonth to) {
        return sum(researchCost, from, to);
    }

    /** counterpartyId -> booked revenue over the months, for counterparties with any. */
    Map<String, BigDecimal> revenueByCounterparty(YearMonth from, YearMonth to) {
        Map<String, BigDecimal> out = new TreeMap<>();
        revenue.forEach((cp, buckets) -> {
            BigDecimal sum = sum(buckets, from, to);
            if (sum.signum() != 0) {
                out.put(cp, sum);
            }
        });
        return out;
    }

    /** counterpartyId -> backlog of its booked report with the latest periodEnd (unknown counts as 0). */
    Map<String, BigDecimal> latestBacklogs() {
        Map<String, BigDecimal> out = new TreeMap<>();
        booked.forEach((cp, reports) -> {
            Booked latest = reports.values().stream().max(BOOKED_ORDER).orElseThrow();
            out.put(cp, latest.backlog() == null ? ZERO : latest.backlog());
        });
        return out;
    }

    /** The RUN_RATE report with the latest periodEnd (ties: newest eventTime), or null. */
    RunRate latestRunRate() {
        return runRates.values().stream().max(RUN_RATE_ORDER).orElse(null);
    }

    /** Each length's amounts over the months, divided once by the length (see the class comment). */
    private static BigDecimal sum(TreeMap<Integer, TreeMap<Integer, BigDecimal>> byLength, YearMonth from,
                                  YearMonth to) {
        BigDecimal total = ZERO;
        for (var length : byLength.entrySet()) {
            BigDecimal amounts = BigDecimal.ZERO;
            for (BigDecimal amount : length.getValue().subMap(index(from), true, index(to), true).values()) {
                amounts = amounts.add(amount);
            }
            int months = length.getKey();
            total = total.add(months == 1 ? amounts
                    : amounts.divide(BigDecimal.valueOf(months), WINDOW_SCALE, RoundingMode.HALF_EVEN));
        }
        return total;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RevenueBook b && revenue.equals(b.revenue) && cashCost.equals(b.cashCost)
                && researchCost.equals(b.researchCost) && bookedReports.equals(b.bookedReports)
                && booked.equals(b.booked) && runRates.equals(b.runRates);
    }

    @Override
    public int hashCode() {
        return Objects.hash(revenue, cashCost, researchCost, bookedReports, booked, runRates);
    }
}
