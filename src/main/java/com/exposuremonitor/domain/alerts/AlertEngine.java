package com.exposuremonitor.domain.alerts;

import com.exposuremonitor.avro.AlertTransition;
import com.exposuremonitor.avro.DefaultRiskAlert;
import com.exposuremonitor.avro.OperatorExposure;
import com.exposuremonitor.avro.Severity;
import com.exposuremonitor.avro.SubjectType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns a subject's figures into alert lifecycle events. Pure: the only state is the
 * {@link AlertBook} passed in, which is updated in place exactly when events are returned, so the
 * same input evaluated twice emits nothing the second time.
 */
public final class AlertEngine {

    private AlertEngine() {
    }

    /** The operator rules for one exposure, caused at {@code e.getAsOf()}. */
    public static List<DefaultRiskAlert> evaluate(OperatorExposure e, Map<String, RuleDefinition> rules,
                                                  AlertBook book) {
        return evaluate(SubjectType.OPERATOR, e.getOperatorId(), Figures.all(e), rules, book, e.getAsOf(),
                rule -> Explanations.detail(rule, e));
    }

    /**
     * Evaluates every rule of {@code rules} that is about {@code type}, in rule-name order, and
     * returns one event per state change (empty when nothing changed).
     *
     * @param figures  figure by rule; a missing or null value makes the rule inactive
     * @param rules    rules in force by name; rules absent from it leave their alerts untouched
     * @param details  the rule-specific sentence of the explanation (may return null); called only
     *                 for events
     */
    public static List<DefaultRiskAlert> evaluate(SubjectType type, String subjectId, Map<String, Double> figures,
                                                  Map<String, RuleDefinition> rules, AlertBook book,
                                                  Instant causeEventTime, Function<String, String> details) {
        Objects.requireNonNull(subjectId, "subjectId");
        Objects.requireNonNull(causeEventTime, "causeEventTime");
        Subject subject = new Subject(type, subjectId, causeEventTime, details);
        List<DefaultRiskAlert> alerts = new ArrayList<>();
        rules.values().stream()
                .filter(def -> def.subjectType() == type)
                .sorted(Comparator.comparing(RuleDefinition::rule))
                .forEach(def -> step(subject, def, finite(figures.get(def.rule())), book).ifPresent(alerts::add));
        return alerts;
    }

    /** NaN or infinite figures are treated as absent, like the schema's null ratios. */
    private static Double finite(Double figure) {
        return figure == null || !Double.isFinite(figure) ? null : figure;
    }

    private record Subject(SubjectType type, String id, Instant cause, Function<String, String> details) {
    }

    private static Optional<DefaultRiskAlert> step(Subject s, RuleDefinition def, Double figure, AlertBook book) {
        AlertState before = book.state(def.rule());
        Severity target = def.target(figure, before.severity());
        if (target == before.severity()) {
            return Optional.empty();
        }
        AlertTransition transition = transition(before.severity(), target);
        Instant firstRaised = before.active() ? before.firstRaisedTime() : s.cause();
        AlertState after = new AlertState(target, target == null ? null : firstRaised, before.sequence() + 1, figure);
        book.put(def.rule(), after);
        return Optional.of(alert(s, def, transition, before, after, firstRaised));
    }

    static AlertTransition transition(Severity from, Severity to) {
        if (from == null) {
            return AlertTransition.RAISED;
        }
        if (to == null) {
            return AlertTransition.RESOLVED;
        }
        return to == Severity.CRITICAL ? AlertTransition.ESCALATED : AlertTransition.DEESCALATED;
    }

    /** The threshold crossed: the new severity's when rising, CRITICAL's when falling to WARNING. */
    static double threshold(RuleDefinition def, AlertTransition transition, Severity to) {
        return switch (transition) {
            case RAISED, ESCALATED -> def.threshold(to);
            case DEESCALATED -> def.critical();
            case RESOLVED -> def.warning();
        };
    }

    private static DefaultRiskAlert alert(Subject s, RuleDefinition def, AlertTransition transition,
                                          AlertState before, AlertState after, Instant firstRaised) {
        double threshold = threshold(def, transition, after.severity());
        Double figure = after.lastFigure();
        String detail = figure == null || !def.enabled() ? null : s.details().apply(def.rule());
        return DefaultRiskAlert.newBuilder()
                .setAlertId(s.type() + ":" + s.id() + ":" + def.rule() + ":" + after.sequence())
                .setSubjectType(s.type())
                .setSubjectId(s.id())
                .setOperatorId(s.type() == SubjectType.OPERATOR ? s.id() : null)
                .setRule(def.rule())
                .setTransition(transition)
                .setSeverity(after.severity())
                .setPreviousSeverity(before.severity())
                .setFigure(figure)
                .setThreshold(threshold)
                .setRuleVersion(def.version())
                .setFirstRaisedTime(firstRaised)
                .setCauseEventTime(s.cause())
                .setExplanation(AlertText.explain(def, transition, figure, threshold, detail))
                .build();
    }
}
