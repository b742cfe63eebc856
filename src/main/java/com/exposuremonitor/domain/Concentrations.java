package com.exposuremonitor.domain;

import static com.exposuremonitor.domain.OperatorMath.MC;
import static com.exposuremonitor.domain.OperatorMath.ZERO;
import static com.exposuremonitor.domain.OperatorMath.money;

import com.exposuremonitor.avro.Concentration;
import com.exposuremonitor.avro.CounterpartyShare;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Concentration of amounts across counterparties: top1, top3, HHI and the breakdown. */
final class Concentrations {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final Comparator<Map.Entry<String, BigDecimal>> LARGEST_FIRST =
            Map.Entry.<String, BigDecimal>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey());

    private Concentrations() {
    }

    /** Ordering shared by every "largest first, ties by counterpartyId" list. */
    static List<Map.Entry<String, BigDecimal>> largestFirst(Map<String, BigDecimal> amounts) {
        List<Map.Entry<String, BigDecimal>> entries = new ArrayList<>(amounts.entrySet());
        entries.removeIf(e -> e.getValue().signum() == 0);
        entries.sort(LARGEST_FIRST);
        return entries;
    }

    static Concentration of(Map<String, BigDecimal> amounts) {
        List<Map.Entry<String, BigDecimal>> entries = largestFirst(amounts);
        BigDecimal total = entries.stream().map(Map.Entry::getValue).reduce(ZERO, BigDecimal::add);
        boolean none = total.signum() == 0;
        List<CounterpartyShare> breakdown = new ArrayList<>();
        BigDecimal top3 = ZERO;
        BigDecimal hhi = ZERO;
        for (int i = 0; i < entries.size(); i++) {
            Map.Entry<String, BigDecimal> e = entries.get(i);
            BigDecimal share = none ? null : e.getValue().divide(total, MC);
            if (!none) {
                top3 = i < 3 ? top3.add(share) : top3;
                hhi = hhi.add(share.multiply(HUNDRED).pow(2, MC));
            }
            breakdown.add(new CounterpartyShare(e.getKey(), money(e.getValue()),
                    share == null ? null : share.doubleValue()));
        }
        return Concentration.newBuilder()
                .setTop1Share(none ? null : breakdown.get(0).getShare())
                .setTop3Share(none ? null : top3.doubleValue())
                .setHhi(none ? null : hhi.doubleValue())
                .setTotal(money(total))
                .setBreakdown(breakdown)
                .build();
    }
}
