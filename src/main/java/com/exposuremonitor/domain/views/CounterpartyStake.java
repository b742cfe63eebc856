package com.exposuremonitor.domain.views;

import java.math.BigDecimal;
import java.time.Instant;

/** One operator's dependence on one counterparty, as the counterparty's view keeps it. */
public record CounterpartyStake(String operatorId, Instant asOf, BigDecimal windowRevenue, Double revenueShare,
                                BigDecimal backlog, Double backlogShare, BigDecimal overdueAmount,
                                int oldestDaysPastDue) {
}
