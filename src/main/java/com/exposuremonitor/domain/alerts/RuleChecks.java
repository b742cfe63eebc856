package com.exposuremonitor.domain.alerts;

import com.exposuremonitor.avro.AlertRule;
import java.util.Optional;

/** Well-formedness of a run-time rule override (AlertRule.avsc); the first problem found wins. */
final class RuleChecks {

    private RuleChecks() {
    }

    static Optional<String> problems(AlertRule r) {
        if (r == null) {
            return Optional.of("rule update is null");
        }
        String rule = r.getRule();
        if (!RuleNames.isKnown(rule)) {
            return Optional.of("unknown rule '" + rule + "'");
        }
        if (r.getVersion() <= RuleDefinition.DEFAULT_VERSION) {
            return Optional.of(rule + ": version " + r.getVersion() + " must be greater than "
                    + RuleDefinition.DEFAULT_VERSION + " (the built-in default)");
        }
        if (!Double.isFinite(r.getWarningThreshold()) || !Double.isFinite(r.getCriticalThreshold())) {
            return Optional.of(rule + ": thresholds must be finite numbers, got warning "
                    + r.getWarningThreshold() + " and critical " + r.getCriticalThreshold());
        }
        if (!Double.isFinite(r.getHysteresis()) || r.getHysteresis() < 0) {
            return Optional.of(rule + ": hysteresis must be a finite number >= 0, got " + r.getHysteresis());
        }
        return severityOrder(rule, r.getWarningThreshold(), r.getCriticalThreshold());
    }

    private static Optional<String> severityOrder(String rule, double warning, double critical) {
        Direction d = RuleNames.direction(rule);
        if (d.atLeastAsSevere(critical, warning)) {
            return Optional.empty();
        }
        String need = d == Direction.BELOW ? "<=" : ">=";
        return Optional.of(rule + ": critical threshold " + critical + " is less severe than warning "
                + warning + " (critical must be " + need + " warning, the rule fires "
                + d.name().toLowerCase() + " its thresholds)");
    }
}
