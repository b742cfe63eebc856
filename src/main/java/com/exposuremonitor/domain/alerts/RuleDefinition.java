package com.exposuremonitor.domain.alerts;

import static com.exposuremonitor.domain.alerts.RuleNames.CONCENTRATION;
import static com.exposuremonitor.domain.alerts.RuleNames.DSCR_LOW;
import static com.exposuremonitor.domain.alerts.RuleNames.IDLE_CAPACITY;
import static com.exposuremonitor.domain.alerts.RuleNames.LENDER_INDIRECT_CONCENTRATION;
import static com.exposuremonitor.domain.alerts.RuleNames.NET_MARGIN_NEGATIVE;
import static com.exposuremonitor.domain.alerts.RuleNames.PAYMENT_DELINQUENT;
import static com.exposuremonitor.domain.alerts.RuleNames.REVENUE_AT_RISK;
import static com.exposuremonitor.domain.alerts.RuleNames.RUN_RATE_GAP;
import static com.exposuremonitor.domain.alerts.RuleNames.STRESS_BREACH;
import static com.exposuremonitor.domain.alerts.RuleNames.SYSTEMIC_COUNTERPARTY;

import com.exposuremonitor.avro.AlertRule;
import com.exposuremonitor.avro.Severity;
import com.exposuremonitor.avro.SubjectType;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** One default-risk rule in force: its thresholds, hysteresis and whether it is switched on. */
public record RuleDefinition(String rule, int version, double warning, double critical, double hysteresis,
                             boolean enabled) {

    /** Version of the built-in defaults; every override must be greater. */
    public static final int DEFAULT_VERSION = 1;

    public Direction direction() {
        return RuleNames.direction(rule);
    }

    public SubjectType subjectType() {
        return RuleNames.subjectType(rule);
    }

    /** The threshold of a severity. */
    public double threshold(Severity severity) {
        return severity == Severity.CRITICAL ? critical : warning;
    }

    /**
     * The severity the figure calls for, given the alert's current severity (null = none).
     * Raising or escalating needs no margin; a raised severity holds until the figure has moved
     * back past its threshold by {@code hysteresis}. Null figure or disabled rule: none.
     */
    public Severity target(Double figure, Severity current) {
        if (!enabled || figure == null || figure.isNaN()) {
            return null;
        }
        Direction d = direction();
        if (d.breaches(figure, critical) || current == Severity.CRITICAL && d.holds(figure, critical, hysteresis)) {
            return Severity.CRITICAL;
        }
        if (d.breaches(figure, warning) || current != null && d.holds(figure, warning, hysteresis)) {
            return Severity.WARNING;
        }
        return null;
    }

    private static final Map<String, RuleDefinition> DEFAULTS = buildDefaults();

    /**
     * docs/domain.md's thresholds (version 1, no hysteresis), keyed and ordered by rule name. Immutable and
     * shared: every evaluation asks for them, so they are built once.
     */
    public static Map<String, RuleDefinition> defaults() {
        return DEFAULTS;
    }

    private static Map<String, RuleDefinition> buildDefaults() {
        Map<String, RuleDefinition> rules = new TreeMap<>();
        put(rules, DSCR_LOW, 1.25, 1.0);
        put(rules, NET_MARGIN_NEGATIVE, 0.0, -0.25);
        put(rules, CONCENTRATION, 0.5, 0.75);
        put(rules, PAYMENT_DELINQUENT, 30, 90);
        put(rules, REVENUE_AT_RISK, 0.10, 0.25);
        put(rules, STRESS_BREACH, 1, 2);
        put(rules, RUN_RATE_GAP, 1.5, 2.5);
        put(rules, IDLE_CAPACITY, 0.3, 0.5);
        // figure: 1 systemic, 2 systemic and 30+ days past due somewhere (ViewFigures.systemicLevel)
        put(rules, SYSTEMIC_COUNTERPARTY, 1, 2);
        put(rules, LENDER_INDIRECT_CONCENTRATION, 0.5, 0.75);
        // figure: operators that would newly breach (DSCR < 1.0) if the counterparty stopped paying
        put(rules, RuleNames.COUNTERPARTY_CONTAGION, 1, 2);
        return java.util.Collections.unmodifiableMap(rules);
    }

    private static void put(Map<String, RuleDefinition> rules, String rule, double warning, double critical) {
        rules.put(rule, new RuleDefinition(rule, DEFAULT_VERSION, warning, critical, 0.0, true));
    }

    /** The override; throws IllegalArgumentException with the reason when it is malformed. */
    public static RuleDefinition from(AlertRule avro) {
        problems(avro).ifPresent(reason -> {
            throw new IllegalArgumentException(reason);
        });
        return new RuleDefinition(avro.getRule(), avro.getVersion(), avro.getWarningThreshold(),
                avro.getCriticalThreshold(), avro.getHysteresis(), avro.getEnabled());
    }

    /**
     * Why an override is malformed, or empty when it is well formed. Does not check the record key
     * or staleness against the version in force: that needs the caller's state.
     */
    public static Optional<String> problems(AlertRule avro) {
        return RuleChecks.problems(avro);
    }
}
