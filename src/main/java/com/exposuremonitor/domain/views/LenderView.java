package com.exposuremonitor.domain.views;

import com.exposuremonitor.avro.IndirectExposure;
import com.exposuremonitor.avro.Instrument;
import com.exposuremonitor.avro.LenderExposure;
import com.exposuremonitor.avro.LenderOperatorPosition;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A lender's chain of pain: what it lent to each operator, and its indirect exposure to each counterparty
 * = sum over operators of outstanding there x the counterparty's share of that operator's revenue.
 */
public final class LenderView {
    private LenderView() {
    }

    public static LenderExposure build(String lenderId, Collection<LenderStake> stakes) {
        List<LenderOperatorPosition> positions = new ArrayList<>();
        Map<String, BigDecimal> indirect = new TreeMap<>();
        BigDecimal critical = BigDecimal.ZERO;
        for (LenderStake stake : stakes) {
            stake.outstandingByInstrument().forEach((instrument, amount) -> positions.add(new LenderOperatorPosition(
                    stake.operatorId(), Instrument.valueOf(instrument), CounterpartyView.cents(amount))));
            BigDecimal outstanding = stake.outstanding();
            stake.revenueShares().forEach((cp, share) -> indirect.merge(cp,
                    outstanding.multiply(BigDecimal.valueOf(share), MathContext.DECIMAL128), BigDecimal::add));
            if (stake.critical()) {
                critical = critical.add(outstanding);
            }
        }
        positions.sort(Comparator.comparing(LenderOperatorPosition::getOutstanding).reversed()
                .thenComparing(LenderOperatorPosition::getOperatorId)
                .thenComparing(p -> p.getInstrument().name()));
        return LenderExposure.newBuilder()
                .setLenderId(lenderId)
                .setAsOf(stakes.stream().map(LenderStake::asOf).max(Instant::compareTo).orElse(Instant.EPOCH))
                .setPositions(positions)
                .setTotalOutstanding(CounterpartyView.cents(stakes.stream().map(LenderStake::outstanding)
                        .reduce(BigDecimal.ZERO, BigDecimal::add)))
                .setIndirect(indirect(indirect))
                .setOutstandingWithCriticalOperators(CounterpartyView.cents(critical))
                .build();
    }

    private static List<IndirectExposure> indirect(Map<String, BigDecimal> byCounterparty) {
        BigDecimal total = byCounterparty.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        return byCounterparty.entrySet().stream()
                .map(e -> new IndirectExposure(e.getKey(), CounterpartyView.cents(e.getValue()),
                        total.signum() == 0 ? null : e.getValue().divide(total, MathContext.DECIMAL64).doubleValue()))
                .sorted(Comparator.comparing(IndirectExposure::getExposure).reversed()
                        .thenComparing(IndirectExposure::getCounterpartyId))
                .toList();
    }
}
