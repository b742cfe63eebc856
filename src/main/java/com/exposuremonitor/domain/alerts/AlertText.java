package com.exposuremonitor.domain.alerts;

import com.exposuremonitor.avro.AlertTransition;

/** The one-line explanation of an alert event: the comparison, then the rule's detail. */
final class AlertText {

    private AlertText() {
    }

    static String explain(RuleDefinition def, AlertTransition transition, Double figure, double threshold,
                          String detail) {
        RuleText text = RuleText.of(def.rule());
        if (!def.enabled()) {
            return def.rule() + " switched off by rule version " + def.version() + ": alert resolved";
        }
        if (figure == null) {
            return text.label() + " can no longer be computed: alert resolved";
        }
        String head = text.compare(def.direction(), figure, threshold) + switch (transition) {
            case DEESCALATED -> ", down to WARNING";
            case RESOLVED -> ", resolved";
            default -> "";
        };
        return detail == null || detail.isBlank() ? head : head + ": " + detail;
    }
}
