package com.exposuremonitor.domain.views;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * What one lender has at one operator (outstanding by instrument), with the operator's revenue shares by
 * counterparty and whether the operator has an active CRITICAL alert: all the lender view needs.
 */
public record LenderStake(String operatorId, Instant asOf, Map<String, BigDecimal> outstandingByInstrument,
                          Map<String, Double> revenueShares, boolean critical) {
    public LenderStake {
        outstandingByInstrument = Map.copyOf(outstandingByInstrument);
        revenueShares = Map.copyOf(revenueShares);
    }

    /** Same figures, whatever the asOf: a stake that only moved in time is not a change of the view. */
    public boolean sameFigures(LenderStake other) {
        return other != null && equals(new LenderStake(other.operatorId, asOf, other.outstandingByInstrument,
                other.revenueShares, other.critical));
    }

    public BigDecimal outstanding() {
        return outstandingByInstrument.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
