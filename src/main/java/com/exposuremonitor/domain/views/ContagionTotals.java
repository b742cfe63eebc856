package com.exposuremonitor.domain.views;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Contagion, the counterparty side: over the operators a counterparty pays, those that would breach (DSCR below
 * 1.0) without it, those of them that do not breach today, their total outstanding debt (exact) and what each
 * lender has outstanding at them. Costs O(operators the counterparty pays).
 */
public record ContagionTotals(List<String> breachingWithout, List<String> newlyBreaching, BigDecimal debtAtRisk,
                              Map<String, BigDecimal> outstandingByLender) {

    public ContagionTotals {
        breachingWithout = List.copyOf(breachingWithout);
        newlyBreaching = List.copyOf(newlyBreaching);
        outstandingByLender = Map.copyOf(outstandingByLender);
    }

    /** Stakes without contagion figures (no revenue from the counterparty) count for nothing. */
    public static ContagionTotals of(Collection<CounterpartyStake> stakes) {
        List<CounterpartyStake> breaching = stakes.stream()
                .filter(s -> s.contagion() != null && s.contagion().breachesWithout())
                .sorted(Comparator.comparing(CounterpartyStake::operatorId)).toList();
        BigDecimal debt = BigDecimal.ZERO;
        Map<String, BigDecimal> byLender = new TreeMap<>();
        for (CounterpartyStake s : breaching) {
            debt = debt.add(s.contagion().outstanding());
            s.contagion().outstandingByLender().forEach((lender, amount) -> byLender.merge(lender, amount,
                    BigDecimal::add));
        }
        return new ContagionTotals(breaching.stream().map(CounterpartyStake::operatorId).toList(),
                breaching.stream().filter(s -> s.contagion().newlyBreaches()).map(CounterpartyStake::operatorId)
                        .toList(),
                debt, byLender);
    }
}
