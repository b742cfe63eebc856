package com.exposuremonitor.domain.views;

import java.math.BigDecimal;
import java.util.Map;

/**
 * What a counterparty's default would do to one operator that it pays: the operator's DSCR today, its DSCR and net
 * margin without the counterparty's revenue (null when their divisor is 0), and what the operator owes (facilities
 * not REPAID), in total and by lender.
 */
public record ContagionStake(Double dscr, Double dscrWithout, Double netMarginWithout, BigDecimal outstanding,
                             Map<String, BigDecimal> outstandingByLender) {
    /** The line a DSCR must not fall below: under 1.0 the operator's cash does not cover its debt service. */
    public static final double BREACH = 1.0;

    public ContagionStake {
        outstandingByLender = Map.copyOf(outstandingByLender);
    }

    /** Below 1.0 without the counterparty. */
    public boolean breachesWithout() {
        return dscrWithout != null && dscrWithout < BREACH;
    }

    /** Breaches without the counterparty but not today. */
    public boolean newlyBreaches() {
        return breachesWithout() && dscr != null && dscr >= BREACH;
    }
}
