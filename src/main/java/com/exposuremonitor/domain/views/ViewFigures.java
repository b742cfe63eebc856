package com.exposuremonitor.domain.views;

import com.exposuremonitor.avro.CounterpartyExposure;
import com.exposuremonitor.avro.IndirectExposure;
import com.exposuremonitor.avro.LenderExposure;
import com.exposuremonitor.domain.alerts.Formats;
import com.exposuremonitor.domain.alerts.RuleNames;
import java.util.HashMap;
import java.util.Map;
import java.util.Locale;
import java.util.stream.Collectors;

/** The figures and sentences of the view rules. */
public final class ViewFigures {
    /** A systemic counterparty 30+ days past due anywhere is the CRITICAL case of SYSTEMIC_COUNTERPARTY. */
    public static final int SYSTEMIC_LATE_DAYS = 30;

    private ViewFigures() {
    }

    /** The counterparty view's figures by rule. */
    public static Map<String, Double> counterpartyFigures(CounterpartyExposure c) {
        return Map.of(RuleNames.SYSTEMIC_COUNTERPARTY, systemicLevel(c),
                RuleNames.COUNTERPARTY_CONTAGION, contagionCount(c));
    }

    public static String counterpartyDetail(String rule, CounterpartyExposure c) {
        return RuleNames.COUNTERPARTY_CONTAGION.equals(rule) ? ContagionText.detail(c) : systemicDetail(c);
    }

    /** The lender view's figures by rule (null: no indirect exposure). */
    public static Map<String, Double> lenderFigures(LenderExposure l) {
        Map<String, Double> figures = new HashMap<>();
        figures.put(RuleNames.LENDER_INDIRECT_CONCENTRATION, indirectConcentration(l));
        return figures;
    }

    /** COUNTERPARTY_CONTAGION's figure: how many operators would newly breach if the counterparty stopped paying. */
    public static double contagionCount(CounterpartyExposure c) {
        return c.getNewlyBreaching().size();
    }

    /** 0 not systemic, 1 systemic, 2 systemic and 30+ days past due at some operator. */
    public static double systemicLevel(CounterpartyExposure c) {
        if (!c.getSystemic()) {
            return 0;
        }
        return c.getMaxDaysPastDue() >= SYSTEMIC_LATE_DAYS ? 2 : 1;
    }

    public static String systemicDetail(CounterpartyExposure c) {
        String operators = c.getDependents().stream()
                .filter(d -> d.getRevenueShare() != null && d.getRevenueShare() >= c.getSystemicThreshold())
                .map(d -> d.getOperatorId() + " " + Formats.percent(d.getRevenueShare()))
                .collect(Collectors.joining(", "));
        String late = c.getMaxDaysPastDue() > 0
                ? "; " + c.getMaxDaysPastDue() + " days past due, " + Formats.money(c.getTotalOverdue()) + " overdue"
                : "";
        return c.getCounterpartyId() + " is at least " + Formats.percent(c.getSystemicThreshold())
                + " of revenue at " + c.getSystemicOperatorCount() + " operators (" + operators + ")" + late;
    }

    /** The largest counterparty share of the lender's indirect exposure; null when it has none. */
    public static Double indirectConcentration(LenderExposure l) {
        return l.getIndirect().stream().map(IndirectExposure::getShare).filter(java.util.Objects::nonNull)
                .max(Double::compare).orElse(null);
    }

    public static String indirectDetail(LenderExposure l) {
        if (l.getIndirect().isEmpty()) {
            return l.getLenderId() + " has no indirect exposure";
        }
        IndirectExposure top = l.getIndirect().get(0);
        return String.format(Locale.ROOT, "%s's loans of %s depend for %s on %s (%s of indirect exposure)",
                l.getLenderId(), Formats.money(l.getTotalOutstanding()), Formats.money(top.getExposure()),
                top.getCounterpartyId(), top.getShare() == null ? "-" : Formats.percent(top.getShare()));
    }

}
