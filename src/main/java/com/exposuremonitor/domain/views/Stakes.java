package com.exposuremonitor.domain.views;

import com.exposuremonitor.avro.ContagionCase;
import com.exposuremonitor.avro.CounterpartyDelinquency;
import com.exposuremonitor.avro.CounterpartyShare;
import com.exposuremonitor.avro.LenderPosition;
import com.exposuremonitor.avro.OperatorExposure;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** What one operator's exposure contributes to the counterparty and lender views. */
public final class Stakes {
    private Stakes() {
    }

    /**
     * Per counterparty with revenue, backlog or past-due invoices at the operator. A share is 0, not null,
     * where the operator has window revenue (backlog) but none of it from the counterparty: a figure is
     * null only when its divisor is zero or absent.
     */
    public static Map<String, CounterpartyStake> byCounterparty(OperatorExposure e) {
        Double noRevenueShare = e.getRevenueConcentration().getTotal().signum() > 0 ? 0.0 : null;
        Double noBacklogShare = e.getBacklogConcentration().getTotal().signum() > 0 ? 0.0 : null;
        Map<String, CounterpartyShare> revenue = shares(e.getRevenueConcentration().getBreakdown());
        Map<String, CounterpartyShare> backlog = shares(e.getBacklogConcentration().getBreakdown());
        Map<String, CounterpartyDelinquency> late = new HashMap<>();
        e.getDelinquency().forEach(d -> late.put(d.getCounterpartyId(), d));
        Map<String, CounterpartyStake> out = new TreeMap<>();
        java.util.Set<String> all = new java.util.TreeSet<>(revenue.keySet());
        all.addAll(backlog.keySet());
        all.addAll(late.keySet());
        Map<String, ContagionCase> contagion = new HashMap<>();
        e.getContagion().forEach(c -> contagion.put(c.getCounterpartyId(), c));
        all.addAll(contagion.keySet());
        Map<String, BigDecimal> byLender = outstandingByLender(e);
        for (String cp : all) {
            CounterpartyShare r = revenue.get(cp);
            CounterpartyShare b = backlog.get(cp);
            CounterpartyDelinquency d = late.get(cp);
            out.put(cp, new CounterpartyStake(e.getOperatorId(), e.getAsOf(),
                    r == null ? BigDecimal.ZERO : r.getAmount(), r == null ? noRevenueShare : r.getShare(),
                    b == null ? BigDecimal.ZERO : b.getAmount(), b == null ? noBacklogShare : b.getShare(),
                    d == null ? BigDecimal.ZERO : d.getOverdueAmount(), d == null ? 0 : d.getOldestDaysPastDue(),
                    contagion(e, contagion.get(cp), byLender)));
        }
        return out;
    }

    /** The counterparty's contagion at the operator, or null where it has no window revenue there. */
    private static ContagionStake contagion(OperatorExposure e, ContagionCase c, Map<String, BigDecimal> byLender) {
        return c == null ? null : new ContagionStake(e.getDscr(), c.getDscrWithout(), c.getNetMarginWithout(),
                e.getTotalOutstanding(), byLender);
    }

    /** Outstanding by lender over its instruments (facilities not REPAID). */
    static Map<String, BigDecimal> outstandingByLender(OperatorExposure e) {
        Map<String, BigDecimal> out = new TreeMap<>();
        e.getLenders().forEach(p -> out.merge(p.getLenderId(), p.getOutstanding(), BigDecimal::add));
        return out;
    }

    /** Per lender with outstanding at the operator. */
    public static Map<String, LenderStake> byLender(OperatorExposure e, boolean critical) {
        Map<String, Double> revenueShares = new TreeMap<>();
        e.getRevenueConcentration().getBreakdown().forEach(s -> {
            if (s.getShare() != null) {
                revenueShares.put(s.getCounterpartyId(), s.getShare());
            }
        });
        Map<String, Map<String, BigDecimal>> byLender = new TreeMap<>();
        for (LenderPosition p : e.getLenders()) {
            byLender.computeIfAbsent(p.getLenderId(), k -> new TreeMap<>())
                    .merge(p.getInstrument().name(), p.getOutstanding(), BigDecimal::add);
        }
        Map<String, LenderStake> out = new TreeMap<>();
        byLender.forEach((lender, positions) -> out.put(lender,
                new LenderStake(e.getOperatorId(), e.getAsOf(), positions, revenueShares, critical)));
        return out;
    }

    private static Map<String, CounterpartyShare> shares(java.util.List<CounterpartyShare> breakdown) {
        Map<String, CounterpartyShare> out = new HashMap<>();
        breakdown.forEach(s -> out.put(s.getCounterpartyId(), s));
        return out;
    }
}
