package com.exposuremonitor.domain.alerts;

import com.exposuremonitor.avro.CounterpartyDelinquency;
import com.exposuremonitor.avro.OperatorExposure;
import com.exposuremonitor.avro.StressResult;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;

/** The figure each operator rule evaluates, taken from an OperatorExposure; empty = rule inactive. */
public final class Figures {

    /** A stressed DSCR below this counts as a STRESS_BREACH scenario (docs/domain.md). */
    public static final double STRESSED_DSCR_FLOOR = 1.0;

    private Figures() {
    }

    /** The rule's figure; empty when it is null or the rule is not an operator rule. */
    public static OptionalDouble figure(String rule, OperatorExposure e) {
        Double value = switch (rule) {
            case RuleNames.DSCR_LOW -> e.getDscr();
            case RuleNames.NET_MARGIN_NEGATIVE -> e.getNetMargin();
            case RuleNames.CONCENTRATION -> e.getRevenueConcentration().getTop1Share();
            case RuleNames.PAYMENT_DELINQUENT -> (double) oldestDaysPastDue(e);
            case RuleNames.REVENUE_AT_RISK -> e.getRevenueAtRisk();
            case RuleNames.STRESS_BREACH -> stressBreaches(e);
            case RuleNames.RUN_RATE_GAP -> e.getRunRateGap();
            case RuleNames.IDLE_CAPACITY -> idleShare(e);
            default -> null;
        };
        return value == null || value.isNaN() ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    /** Every operator rule's figure, null where inactive (a HashMap, as values may be null). */
    public static Map<String, Double> all(OperatorExposure e) {
        Map<String, Double> figures = new HashMap<>();
        for (String rule : RuleNames.OPERATOR_RULES) {
            OptionalDouble f = figure(rule, e);
            figures.put(rule, f.isPresent() ? f.getAsDouble() : null);
        }
        return figures;
    }

    /** 0 when nobody is past due: a real, healthy figure, not an absent one. */
    static int oldestDaysPastDue(OperatorExposure e) {
        return e.getDelinquency().stream().mapToInt(CounterpartyDelinquency::getOldestDaysPastDue).max().orElse(0);
    }

    /** Scenarios with a stressed DSCR below the floor; null when no scenario has a DSCR at all. */
    private static Double stressBreaches(OperatorExposure e) {
        if (e.getStress().stream().allMatch(s -> s.getDscr() == null)) {
            return null;
        }
        return (double) e.getStress().stream().filter(Figures::breachesFloor).count();
    }

    static boolean breachesFloor(StressResult s) {
        return s.getDscr() != null && s.getDscr() < STRESSED_DSCR_FLOOR;
    }

    private static Double idleShare(OperatorExposure e) {
        BigDecimal built = e.getBuiltMw();
        if (built == null || built.signum() == 0) {
            return null;
        }
        return e.getIdleMw().divide(built, MathContext.DECIMAL128).doubleValue();
    }
}
