package com.exposuremonitor.domain.views;

import com.exposuremonitor.avro.CounterpartyExposure;
import com.exposuremonitor.avro.DependentOperator;
import com.exposuremonitor.avro.LenderAtRisk;
import com.exposuremonitor.domain.alerts.Formats;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * COUNTERPARTY_CONTAGION's sentence, one a person can act on: "if lab-x stops paying, op-a (DSCR 2.00 → 0.00) and
 * op-b (DSCR 1.00 → 0.00) breach (op-c already does); $3.0B of debt at risk, most with bank-y ($2.0B)".
 */
public final class ContagionText {
    private ContagionText() {
    }

    public static String detail(CounterpartyExposure c) {
        Set<String> newly = Set.copyOf(c.getNewlyBreaching());
        List<String> pushed = c.getDependents().stream().filter(d -> newly.contains(d.getOperatorId()))
                .sorted(java.util.Comparator.comparing(DependentOperator::getOperatorId))
                .map(ContagionText::move).toList();
        List<String> already = c.getBreachingWithout().stream().filter(o -> !newly.contains(o)).toList();
        StringBuilder s = new StringBuilder("if ").append(c.getCounterpartyId()).append(" stops paying, ");
        s.append(pushed.isEmpty() ? "no operator newly" : join(pushed)).append(pushed.size() <= 1 ? " breaches" : " breach");
        if (!already.isEmpty()) {
            s.append(" (").append(join(already)).append(already.size() == 1 ? " already does)" : " already do)");
        }
        BigDecimal debt = c.getDebtAtRisk() == null ? BigDecimal.ZERO : c.getDebtAtRisk();
        s.append("; ").append(Formats.money(debt)).append(" of debt at risk");
        if (!c.getLendersAtRisk().isEmpty()) {
            LenderAtRisk top = c.getLendersAtRisk().get(0);
            s.append(", most with ").append(top.getLenderId()).append(" (").append(Formats.money(top.getOutstanding()))
                    .append(")");
        }
        return s.toString();
    }

    private static String move(DependentOperator d) {
        return String.format(Locale.ROOT, "%s (DSCR %s → %s)", d.getOperatorId(), ratio(d.getDscr()),
                ratio(d.getDscrWithout()));
    }

    private static String ratio(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String join(List<String> items) {
        if (items.size() <= 1) {
            return String.join("", items);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }
}
