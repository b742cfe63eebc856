package com.exposuremonitor.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;

/**
 * The highest days-past-due threshold an OPEN invoice has crossed. A clock tick only matters to
 * the alert rules when it moves some counterparty to another bucket, so a caller can compare
 * {@link #byCounterparty} before and after {@link OperatorAggregate#advanceClock}.
 */
public enum DelinquencyBucket {
    /** Nothing past due. */
    CURRENT(0),
    /** 1 to 29 days past due. */
    PAST_DUE(1),
    DPD_30(30),
    DPD_60(60),
    /** 90+ days past due: a default (Basel). */
    DPD_90(90);

    private final int minDays;

    DelinquencyBucket(int minDays) {
        this.minDays = minDays;
    }

    public int minDays() {
        return minDays;
    }

    public static DelinquencyBucket ofDays(long daysPastDue) {
        DelinquencyBucket bucket = CURRENT;
        for (DelinquencyBucket b : values()) {
            if (daysPastDue >= b.minDays && b != CURRENT) {
                bucket = b;
            }
        }
        return bucket;
    }

    /** Highest bucket over every counterparty of the operator at {@code asOf}. */
    public static DelinquencyBucket highest(OperatorAggregate agg, Instant asOf) {
        return byCounterparty(agg, asOf).values().stream().max(Enum::compareTo).orElse(CURRENT);
    }

    /** counterpartyId -> bucket, for counterparties with something past due at {@code asOf}. */
    public static Map<String, DelinquencyBucket> byCounterparty(OperatorAggregate agg, Instant asOf) {
        Map<String, DelinquencyBucket> out = new TreeMap<>();
        PastDue.byCounterparty(agg.invoices(), LocalDate.ofInstant(asOf, ZoneOffset.UTC))
                .forEach((cp, pd) -> out.put(cp, ofDays(pd.oldestDaysPastDue())));
        return out;
    }
}
