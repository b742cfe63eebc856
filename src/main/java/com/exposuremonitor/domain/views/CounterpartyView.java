package com.exposuremonitor.domain.views;

import com.exposuremonitor.avro.CounterpartyExposure;
import com.exposuremonitor.avro.DependentOperator;
import com.exposuremonitor.avro.LenderAtRisk;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * A counterparty's view: every operator that depends on it, what it owes them, and whether it is systemic
 * (at least the threshold share of the revenue of two or more operators), and its contagion: which operators would
 * breach without its revenue, their debt and the lenders it reaches ({@link ContagionTotals}).
 */
public final class CounterpartyView {
    public static final double DEFAULT_SYSTEMIC_THRESHOLD = 0.25;
    public static final int SYSTEMIC_OPERATORS = 2;

    private CounterpartyView() {
    }

    public static CounterpartyExposure build(String counterpartyId, Collection<CounterpartyStake> stakes,
                                             double systemicThreshold) {
        List<DependentOperator> dependents = stakes.stream()
                .sorted(Comparator.comparing((CounterpartyStake s) -> s.revenueShare() == null ? -1 : s.revenueShare())
                        .reversed().thenComparing(CounterpartyStake::operatorId))
                .map(CounterpartyView::dependent).toList();
        int systemicCount = (int) stakes.stream()
                .filter(s -> s.revenueShare() != null && s.revenueShare() >= systemicThreshold).count();
        ContagionTotals contagion = ContagionTotals.of(stakes);
        return CounterpartyExposure.newBuilder()
                .setCounterpartyId(counterpartyId)
                .setAsOf(stakes.stream().map(CounterpartyStake::asOf).max(Instant::compareTo).orElse(Instant.EPOCH))
                .setDependents(dependents)
                .setTotalWindowRevenue(sum(stakes, CounterpartyStake::windowRevenue))
                .setTotalBacklog(sum(stakes, CounterpartyStake::backlog))
                .setTotalOverdue(sum(stakes, CounterpartyStake::overdueAmount))
                .setMaxDaysPastDue(stakes.stream().mapToInt(CounterpartyStake::oldestDaysPastDue).max().orElse(0))
                .setSystemicOperatorCount(systemicCount)
                .setSystemic(systemicCount >= SYSTEMIC_OPERATORS)
                .setSystemicThreshold(systemicThreshold)
                .setBreachingWithout(contagion.breachingWithout())
                .setNewlyBreaching(contagion.newlyBreaching())
                .setDebtAtRisk(cents(contagion.debtAtRisk()))
                .setLendersAtRisk(lendersAtRisk(contagion))
                .build();
    }

    /** Largest outstanding first; ties by lenderId. */
    private static List<LenderAtRisk> lendersAtRisk(ContagionTotals contagion) {
        return contagion.outstandingByLender().entrySet().stream()
                .map(e -> new LenderAtRisk(e.getKey(), cents(e.getValue())))
                .sorted(Comparator.comparing(LenderAtRisk::getOutstanding).reversed()
                        .thenComparing(LenderAtRisk::getLenderId))
                .toList();
    }

    private static DependentOperator dependent(CounterpartyStake s) {
        ContagionStake c = s.contagion();
        return DependentOperator.newBuilder().setOperatorId(s.operatorId()).setWindowRevenue(cents(s.windowRevenue()))
                .setRevenueShare(s.revenueShare()).setBacklog(cents(s.backlog())).setBacklogShare(s.backlogShare())
                .setOverdueAmount(cents(s.overdueAmount())).setOldestDaysPastDue(s.oldestDaysPastDue())
                .setDscr(c == null ? null : c.dscr()).setDscrWithout(c == null ? null : c.dscrWithout())
                .setNetMarginWithout(c == null ? null : c.netMarginWithout())
                .setOutstanding(c == null ? null : cents(c.outstanding())).build();
    }

    private static BigDecimal sum(Collection<CounterpartyStake> stakes,
                                  java.util.function.Function<CounterpartyStake, BigDecimal> amount) {
        return cents(stakes.stream().map(amount).reduce(BigDecimal.ZERO, BigDecimal::add));
    }

    static BigDecimal cents(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_EVEN);
    }
}
