package com.exposuremonitor.domain;

import static com.exposuremonitor.domain.OperatorMath.MC;
import static com.exposuremonitor.domain.OperatorMath.ZERO;
import static com.exposuremonitor.domain.OperatorMath.money;
import static com.exposuremonitor.domain.OperatorMath.mw;
import static com.exposuremonitor.domain.OperatorMath.ratio;

import com.exposuremonitor.avro.ContagionCase;
import com.exposuremonitor.avro.CounterpartyDelinquency;
import com.exposuremonitor.avro.DepreciationCase;
import com.exposuremonitor.avro.LenderPosition;
import com.exposuremonitor.avro.OperatorExposure;
import com.exposuremonitor.avro.StressResult;
import com.exposuremonitor.avro.StressScenario;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.avro.Schema;

/**
 * Computes an operator's exposure from its aggregate, as of the aggregate's asOf (docs/domain.md).
 * Arithmetic is exact or DECIMAL128; money is rounded half-even to cents and MW to 3 decimals
 * only here, on output. Costs O(size of the operator's current state).
 */
public final class ExposureCalculator {

    private static final BigDecimal DAYS_PER_YEAR = BigDecimal.valueOf(365);
    private static final Set<String> CLOCK_FIELDS = Set.of("asOf", "asOfDate", "lastEventTime", "lastEventId");

    private ExposureCalculator() {
    }

    /** The exposure as of {@code agg.asOf()}; the aggregate must have applied at least one event. */
    public static OperatorExposure compute(String operatorId, OperatorAggregate agg) {
        if (!agg.hasEvents()) {
            throw new IllegalStateException("operator " + operatorId + " has no applied event yet");
        }
        Instant asOf = agg.asOf();
        LocalDate asOfDate = LocalDate.ofInstant(asOf, ZoneOffset.UTC);
        RevenueBook rb = agg.revenue();
        YearMonth end = rb.latestBookedMonth();
        YearMonth start = end == null ? null : end.minusMonths(11);
        Map<String, BigDecimal> revenueByCp = end == null ? Map.of() : rb.revenueByCounterparty(start, end);
        Pnl pnl = pnl(agg, asOfDate, start, end, revenueByCp);
        Map<String, PastDue> pastDue = PastDue.byCounterparty(agg.invoices(), asOfDate);

        OperatorExposure.Builder b = OperatorExposure.newBuilder()
                .setOperatorId(operatorId)
                .setAsOf(asOf)
                .setAsOfDate(asOfDate)
                .setLastEventTime(agg.lastEventTime())
                .setLastEventId(agg.lastEventId())
                .setWindowStart(start == null ? null : start.atDay(1))
                .setWindowEnd(end == null ? null : end.atEndOfMonth())
                .setCoverage(pnl.coveredMonths() / 12.0)
                .setRevenueConcentration(Concentrations.of(revenueByCp))
                .setBacklogConcentration(Concentrations.of(rb.latestBacklogs()))
                .setDelinquency(delinquency(pastDue))
                .setRevenueAtRisk(revenueAtRisk(revenueByCp, pastDue, pnl.revenue()))
                .setStress(stress(pnl, agg.financing().repricingOutstanding(asOfDate), revenueByCp))
                .setLenders(lenders(agg.financing()))
                .setContagion(contagion(pnl, revenueByCp));
        pnlFields(b, pnl, agg.capacity().inServiceCost());
        b.setDepreciationSensitivity(depreciationSensitivity(pnl, agg.capacity().inServiceCost()));
        b.setTotalOutstanding(money(agg.financing().totalOutstanding()));
        runRate(b, rb.latestRunRate(), pnl);
        capacity(b, agg.capacity(), pnl);
        return b.build();
    }

    /**
     * True when two exposures differ at most in asOf, asOfDate, lastEventTime and lastEventId:
     * a clock tick that changed nothing else need not be published.
     */
    public static boolean sameFiguresIgnoringClock(OperatorExposure a, OperatorExposure b) {
        if (a == null || b == null) {
            return a == b;
        }
        // Field by field: newBuilder(b) would deep-copy enums, which Avro 1.12 refuses for
        // packages not declared trusted.
        for (Schema.Field field : OperatorExposure.getClassSchema().getFields()) {
            if (!CLOCK_FIELDS.contains(field.name()) && !Objects.equals(a.get(field.pos()), b.get(field.pos()))) {
                return false;
            }
        }
        return true;
    }

    private static Pnl pnl(OperatorAggregate agg, LocalDate asOfDate, YearMonth start, YearMonth end,
                           Map<String, BigDecimal> revenueByCp) {
        RevenueBook rb = agg.revenue();
        FinancingBook fb = agg.financing();
        boolean window = end != null;
        return new Pnl(
                revenueByCp.values().stream().reduce(ZERO, BigDecimal::add),
                window ? rb.cashCost(start, end) : ZERO,
                window ? rb.researchCost(start, end) : ZERO,
                agg.capacity().depreciation(),
                fb.interest(),
                fb.principalDue(asOfDate),
                fb.leasePayments(),
                window ? rb.coveredMonths(start, end) : 0);
    }

    private static void pnlFields(OperatorExposure.Builder b, Pnl p, BigDecimal inServiceCost) {
        b.setRevenue(money(p.revenue()))
                .setCashCost(money(p.cashCost()))
                .setResearchCost(money(p.researchCost()))
                .setEbitda(money(p.ebitda()))
                .setDepreciation(money(p.depreciation()))
                .setInterest(money(p.interest()))
                .setPrincipalDue(money(p.principalDue()))
                .setLeasePayments(money(p.leasePayments()))
                .setDebtService(money(p.debtService()))
                .setEbitdaMargin(p.ebitdaMargin())
                .setGrossMargin(p.grossMargin())
                .setGrossMarginFullCost(p.grossMarginFullCost())
                .setNetMargin(p.netMargin())
                .setDscr(p.dscr())
                .setPaybackYears(p.paybackYears(inServiceCost));
    }

    /** Useful lives in use across the industry: the margins with every IN_SERVICE batch at each of them. */
    static final List<Integer> SENSITIVITY_LIVES = List.of(4, 5, 6);

    private static List<DepreciationCase> depreciationSensitivity(Pnl p, BigDecimal inServiceCost) {
        return SENSITIVITY_LIVES.stream().map(years -> {
            Pnl at = p.withDepreciation(inServiceCost.divide(BigDecimal.valueOf(years), MC));
            return new DepreciationCase(years, money(at.depreciation()), at.grossMargin(), at.grossMarginFullCost(),
                    at.netMargin());
        }).toList();
    }

    private static void runRate(OperatorExposure.Builder b, RevenueBook.RunRate latest, Pnl p) {
        BigDecimal claimed = latest == null ? null
                : latest.revenue().multiply(OperatorMath.TWELVE).divide(BigDecimal.valueOf(latest.months()), MC);
        b.setClaimedRunRate(claimed == null ? null : money(claimed))
                .setRunRateGap(p.runRateGap(claimed));
    }

    private static void capacity(OperatorExposure.Builder b, CapacityBook c, Pnl p) {
        BigDecimal built = c.builtMw();
        BigDecimal idle = built.subtract(c.inServiceMw());
        BigDecimal burn = null;
        if (built.signum() != 0) {
            BigDecimal fixedCharges = p.interest().add(p.leasePayments());
            burn = money(fixedCharges.multiply(idle).divide(built, MC).divide(DAYS_PER_YEAR, MC));
        }
        b.setInServiceCost(money(c.inServiceCost()))
                .setBuiltMw(mw(built))
                .setInServiceMw(mw(c.inServiceMw()))
                .setIdleMw(mw(idle))
                .setUtilization(ratio(c.inServiceMw(), built))
                .setIdleBurnPerDay(burn);
    }

    /** Most days past due first; ties: larger overdue amount, then counterpartyId. */
    private static List<CounterpartyDelinquency> delinquency(Map<String, PastDue> pastDue) {
        return pastDue.values().stream()
                .sorted(Comparator.comparingInt(PastDue::oldestDaysPastDue).reversed()
                        .thenComparing(PastDue::overdue, Comparator.reverseOrder())
                        .thenComparing(PastDue::counterpartyId))
                .map(pd -> new CounterpartyDelinquency(pd.counterpartyId(), money(pd.overdue()),
                        pd.oldestDaysPastDue(), pd.openInvoices()))
                .toList();
    }

    private static Double revenueAtRisk(Map<String, BigDecimal> revenueByCp, Map<String, PastDue> pastDue,
                                        BigDecimal revenue) {
        BigDecimal atRisk = pastDue.values().stream()
                .filter(pd -> pd.oldestDaysPastDue() >= DelinquencyBucket.DPD_30.minDays())
                .map(pd -> revenueByCp.getOrDefault(pd.counterpartyId(), ZERO))
                .reduce(ZERO, BigDecimal::add);
        return ratio(atRisk, revenue);
    }

    /** The four scenarios in StressScenario order; only revenue or interest moves, costs stay. */
    private static List<StressResult> stress(Pnl p, BigDecimal repricing, Map<String, BigDecimal> revenueByCp) {
        BigDecimal top = revenueByCp.values().stream().max(Comparator.naturalOrder()).orElse(ZERO);
        return List.of(
                result(StressScenario.SPEND_DOWN_25, p.withRevenue(p.revenue().multiply(new BigDecimal("0.75")))),
                result(StressScenario.TOP_CUSTOMER_PAUSE_2Q,
                        p.withRevenue(p.revenue().subtract(top.multiply(new BigDecimal("0.5"))))),
                result(StressScenario.RATES_UP_200,
                        p.withInterest(p.interest().add(repricing.multiply(new BigDecimal("0.02"))))),
                result(StressScenario.UTILIZATION_DOWN_20, p.withRevenue(p.revenue().multiply(new BigDecimal("0.8")))));
    }

    /** Per counterparty with window revenue: DSCR and net margin without it (Contagion). */
    private static List<ContagionCase> contagion(Pnl p, Map<String, BigDecimal> revenueByCp) {
        return Contagion.byCounterparty(p, revenueByCp).entrySet().stream()
                .map(e -> new ContagionCase(e.getKey(), e.getValue().dscr(), e.getValue().netMargin()))
                .toList();
    }

    private static StressResult result(StressScenario scenario, Pnl stressed) {
        return new StressResult(scenario, stressed.dscr(), stressed.netMargin());
    }

    /** Largest outstanding first; ties by lenderId, then instrument. */
    private static List<LenderPosition> lenders(FinancingBook fb) {
        return fb.lenders().values().stream()
                .sorted(Comparator.comparing(FinancingBook.Lending::outstanding, Comparator.reverseOrder())
                        .thenComparing(FinancingBook.Lending::lenderId)
                        .thenComparing(l -> l.instrument().name()))
                .map(l -> new LenderPosition(l.lenderId(), l.instrument(), money(l.outstanding()), l.facilities()))
                .toList();
    }
}
