package com.exposuremonitor.domain.alerts;

import com.exposuremonitor.avro.SubjectType;
import java.util.List;
import java.util.Set;

/** The rule names of DefaultRiskAlert.rule and the subject each rule is about. */
public final class RuleNames {

    public static final String DSCR_LOW = "DSCR_LOW";
    public static final String NET_MARGIN_NEGATIVE = "NET_MARGIN_NEGATIVE";
    public static final String CONCENTRATION = "CONCENTRATION";
    public static final String PAYMENT_DELINQUENT = "PAYMENT_DELINQUENT";
    public static final String REVENUE_AT_RISK = "REVENUE_AT_RISK";
    public static final String STRESS_BREACH = "STRESS_BREACH";
    public static final String RUN_RATE_GAP = "RUN_RATE_GAP";
    public static final String IDLE_CAPACITY = "IDLE_CAPACITY";
    public static final String SYSTEMIC_COUNTERPARTY = "SYSTEMIC_COUNTERPARTY";
    public static final String LENDER_INDIRECT_CONCENTRATION = "LENDER_INDIRECT_CONCENTRATION";
    public static final String COUNTERPARTY_CONTAGION = "COUNTERPARTY_CONTAGION";

    /** The eight operator rules of docs/domain.md, in name order. */
    public static final List<String> OPERATOR_RULES = List.of(CONCENTRATION, DSCR_LOW, IDLE_CAPACITY,
            NET_MARGIN_NEGATIVE, PAYMENT_DELINQUENT, REVENUE_AT_RISK, RUN_RATE_GAP, STRESS_BREACH);

    private static final Set<String> BELOW_RULES = Set.of(DSCR_LOW, NET_MARGIN_NEGATIVE);

    private RuleNames() {
    }

    public static boolean isKnown(String rule) {
        return OPERATOR_RULES.contains(rule) || SYSTEMIC_COUNTERPARTY.equals(rule)
                || COUNTERPARTY_CONTAGION.equals(rule) || LENDER_INDIRECT_CONCENTRATION.equals(rule);
    }

    public static Direction direction(String rule) {
        return BELOW_RULES.contains(rule) ? Direction.BELOW : Direction.ABOVE;
    }

    /** What a rule's alerts are about; unknown names count as operator rules. */
    public static SubjectType subjectType(String rule) {
        if (SYSTEMIC_COUNTERPARTY.equals(rule) || COUNTERPARTY_CONTAGION.equals(rule)) {
            return SubjectType.COUNTERPARTY;
        }
        return LENDER_INDIRECT_CONCENTRATION.equals(rule) ? SubjectType.LENDER : SubjectType.OPERATOR;
    }
}
