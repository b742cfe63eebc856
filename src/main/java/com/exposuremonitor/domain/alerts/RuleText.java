package com.exposuremonitor.domain.alerts;

import com.exposuremonitor.domain.alerts.Formats.Unit;

/** How a rule's figure is named and shown: "label figure+suffix op threshold". */
record RuleText(String label, Unit unit, String figureSuffix) {

    static RuleText of(String rule) {
        return switch (rule) {
            case RuleNames.DSCR_LOW -> new RuleText("DSCR", Unit.RATIO, "");
            case RuleNames.NET_MARGIN_NEGATIVE -> new RuleText("Net margin", Unit.PERCENT, "");
            case RuleNames.CONCENTRATION -> new RuleText("Top counterparty share of revenue", Unit.PERCENT, "");
            case RuleNames.PAYMENT_DELINQUENT -> new RuleText("Payment", Unit.DAYS, " past due");
            case RuleNames.REVENUE_AT_RISK -> new RuleText("Revenue at risk", Unit.PERCENT, "");
            case RuleNames.STRESS_BREACH -> new RuleText("DSCR below 1.0 in", Unit.COUNT, " stress scenario(s)");
            case RuleNames.RUN_RATE_GAP -> new RuleText("Run-rate gap", Unit.MULTIPLE, "");
            case RuleNames.IDLE_CAPACITY -> new RuleText("Idle capacity", Unit.PERCENT, "");
            case RuleNames.SYSTEMIC_COUNTERPARTY ->
                    new RuleText("Systemic level", Unit.COUNT, "");
            case RuleNames.COUNTERPARTY_CONTAGION ->
                    new RuleText("Operators newly breaching without it", Unit.COUNT, "");
            case RuleNames.LENDER_INDIRECT_CONCENTRATION ->
                    new RuleText("Largest counterparty share of indirect exposure", Unit.PERCENT, "");
            default -> new RuleText(rule, Unit.RATIO, "");
        };
    }

    /** "DSCR 0.91 < 1.00", with the comparison that actually holds between the two numbers. */
    String compare(Direction direction, double figure, double threshold) {
        String[] shown = unit.pair(figure, threshold);
        boolean breach = direction.breaches(figure, threshold);
        String op = direction == Direction.BELOW ? (breach ? "<" : ">=") : (breach ? ">=" : "<");
        return label + " " + shown[0] + figureSuffix + " " + op + " " + shown[1];
    }
}
