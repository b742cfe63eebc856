package com.exposuremonitor.domain;

import static com.exposuremonitor.domain.OperatorMath.MC;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Contagion, the operator side: what the operator's cover and net margin would be if one counterparty stopped
 * paying, i.e. without that counterparty's window revenue and with costs and charges unchanged (as in the stress
 * scenarios). Computed from the exact window sums, once per counterparty that has window revenue at the operator.
 */
public final class Contagion {

    /**
     * One counterparty's absence: {@code dscr} = (revenue - revenue_c - cashCost) / (debtService x coverage), null
     * when that divisor is 0; {@code netMargin} = (revenue - revenue_c - cashCost - (depreciation + interest +
     * leasePayments) x coverage) / (revenue - revenue_c), null when that divisor is 0.
     */
    public record Without(Double dscr, Double netMargin) {
    }

    private Contagion() {
    }

    /** By counterparty with positive window revenue at the operator, in counterparty order. */
    static Map<String, Without> byCounterparty(Pnl pnl, Map<String, BigDecimal> revenueByCp) {
        Map<String, Without> out = new TreeMap<>();
        revenueByCp.forEach((cp, revenue) -> {
            if (revenue.signum() > 0) {
                out.put(cp, without(pnl, revenue));
            }
        });
        return Collections.unmodifiableMap(out);
    }

    static Without without(Pnl pnl, BigDecimal counterpartyRevenue) {
        Pnl stressed = pnl.withRevenue(pnl.revenue().subtract(counterpartyRevenue, MC));
        return new Without(stressed.dscr(), stressed.netMargin());
    }
}
