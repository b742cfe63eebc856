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
 * {@link AlertBook} passed in, which is updated in place exactly when something is returned, so the
 * same input evaluated twice returns nothing the second time.
 */
public final class AlertEngine {

    private AlertEngine() {
    }

    /**
     * What one evaluation changed: lifecycle events (a state changed), and active alerts whose figure
     * moved without a change of state, restated with the current figure and explanation (for the active
     * set only; they are not lifecycle events and keep the alertId of the event that set their state).
     */
    public record Changes(List<DefaultRiskAlert> transitions, List<DefaultRiskAlert> refreshed) {
        public boolean isEmpty() {
            return transitions.isEmpty() && refreshed.isEmpty();
        }
    }

    /** The operator rules for one exposure: events and refreshed active alerts. */
    public static Changes changes(OperatorExposure e, Map<String, RuleDefinition> rules, AlertBook book) {
        return changes(SubjectType.OPERATOR, e.getOperatorId(), Figures.all(e), rules, book, e.getAsOf(),
                rule -> Explanations.detail(rule, e));
    }

    /** The operator rules for one exposure, caused at {@code e.getAsOf()}. */
    public static List<DefaultRiskAlert> evaluate(OperatorExposure e, Map<String, RuleDefinition> rules,
                                                  AlertBook book) {
        return changes(e, rules, book).transitions();
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
        return changes(type, subjectId, figures, rules, book, causeEventTime, details).transitions();
    }

    /** As {@link #evaluate(SubjectType, String, Map, Map, AlertBook, Instant, Function)}, with refreshes. */
    public static Changes changes(SubjectType type, String subjectId, Map<String, Double> figures,
                                  Map<String, RuleDefinition> rules, AlertBook book, Instant causeEventTime,
                                  Function<String, String> details) {
        Objects.requireNonNull(subjectId, "subjectId");
        Objects.requireNonNull(causeEventTime, "causeEventTime");
        Subject subject = new Subject(type, subjectId, causeEventTime, details);
        Changes changes = new Changes(new ArrayList<>(), new ArrayList<>());
        rules.values().stream()
                .filter(def -> def.subjectType() == type)
                .sorted(Comparator.comparing(RuleDefinition::rule))
                .forEach(def -> step(subject, def, finite(figures.get(def.rule())), book, changes));
        return changes;
    }

    /** NaN or infinite figures are treated as absent, like the schema's null ratios. */
    private static Double finite(Double figure) {
        return figure == null || !Double.isFinite(figure) ? null : figure;
    }

    private record Subject(SubjectType type, String id, Instant cause, Function<String, String> details) {
    }

    private static void step(Subject s, RuleDefinition def, Double figure, AlertBook book, Changes changes) {
        AlertState before = book.state(def.rule());
        Severity target = def.target(figure, before.severity());
        if (target == before.severity()) {
            refresh(s, def, figure, before, book).ifPresent(changes.refreshed()::add);
            return;
        }
        AlertTransition transition = transition(before.severity(), target);
        Instant firstRaised = before.active() ? before.firstRaisedTime() : s.cause();
        AlertState after = new AlertState(target, target == null ? null : firstRaised, before.sequence() + 1, figure);
        book.put(def.rule(), after);
        changes.transitions().add(alert(s, def, transition, before, after, firstRaised));
    }

    /**
     * An active alert whose figure moved within its severity: stated again as it stands now, against the
     * threshold of its current severity, under the alertId of the event that set that severity.
     */
    private static Optional<DefaultRiskAlert> refresh(Subject s, RuleDefinition def, Double figure,
                                                      AlertState before, AlertBook book) {
        if (!before.active() || figure == null || figure.equals(before.lastFigure())) {
            return Optional.empty();
        }
        AlertState after = new AlertState(before.severity(), before.firstRaisedTime(), before.sequence(), figure);
        book.put(def.rule(), after);
        AlertTransition standing = before.severity() == Severity.CRITICAL ? AlertTransition.ESCALATED
                : AlertTransition.RAISED;
        return Optional.of(alert(s, def, standing, before, after, before.firstRaisedTime()));
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
