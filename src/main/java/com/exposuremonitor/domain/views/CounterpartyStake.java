package com.exposuremonitor.domain.views;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One operator's dependence on one counterparty, as the counterparty's view keeps it; {@code contagion} is null
 * where the operator has no window revenue from the counterparty (or in a stake written before contagion).
 */
public record CounterpartyStake(String operatorId, Instant asOf, BigDecimal windowRevenue, Double revenueShare,
                                BigDecimal backlog, Double backlogShare, BigDecimal overdueAmount,
                                int oldestDaysPastDue, ContagionStake contagion) {

    public CounterpartyStake(String operatorId, Instant asOf, BigDecimal windowRevenue, Double revenueShare,
                             BigDecimal backlog, Double backlogShare, BigDecimal overdueAmount, int oldestDaysPastDue) {
        this(operatorId, asOf, windowRevenue, revenueShare, backlog, backlogShare, overdueAmount, oldestDaysPastDue,
                null);
    }

    /** Same figures, whatever the asOf: a stake that only moved in time is not a change of the view. */
    public boolean sameFigures(CounterpartyStake other) {
        return other != null && equals(new CounterpartyStake(other.operatorId, asOf, other.windowRevenue,
                other.revenueShare, other.backlog, other.backlogShare, other.overdueAmount, other.oldestDaysPastDue,
                other.contagion));
    }
}
