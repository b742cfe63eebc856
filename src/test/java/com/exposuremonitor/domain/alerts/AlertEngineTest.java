package com.exposuremonitor.domain.alerts;

import static com.exposuremonitor.domain.alerts.AlertFixtures.T0;
import static com.exposuremonitor.domain.alerts.AlertFixtures.healthy;
import static com.exposuremonitor.domain.alerts.AlertFixtures.with;
import static com.exposuremonitor.domain.alerts.OperatorRulesTest.at;
import static com.exposuremonitor.domain.alerts.OperatorRulesTest.only;
import static org.assertj.core.api.Assertions.assertThat;

import com.exposuremonitor.avro.AlertTransition;
import com.exposuremonitor.avro.DefaultRiskAlert;
import com.exposuremonitor.avro.OperatorExposure;
import com.exposuremonitor.avro.Severity;
import com.exposuremonitor.avro.SubjectType;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class AlertEngineTest {

    private static final String DSCR = RuleNames.DSCR_LOW;

    private static Map<String, RuleDefinition> rules(RuleDefinition... overrides) {
        Map<String, RuleDefinition> rules = new TreeMap<>(RuleDefinition.defaults());
        for (RuleDefinition r : overrides) {
            rules.put(r.rule(), r);
        }
        return rules;
    }

    private static List<DefaultRiskAlert> dscr(double figure, Map<String, RuleDefinition> rules, AlertBook book) {
        return AlertEngine.evaluate(with(DSCR, figure), rules, book);
    }

    @Test
    void identicalReEvaluationEmitsNothing() {
        AlertBook book = new AlertBook();
        OperatorExposure e = with(DSCR, 0.9);
        assertThat(AlertEngine.evaluate(e, rules(), book)).hasSize(1);
        AlertBook after = copyOf(book);
        assertThat(AlertEngine.evaluate(e, rules(), book)).isEmpty();
        assertThat(book).isEqualTo(after);
    }

    @Test
    void sameSeverityWithAnotherFigureEmitsNoEventButRestatesTheActiveAlert() {
        AlertBook book = new AlertBook();
        List<DefaultRiskAlert> raised = dscr(1.2, rules(), book);
        assertThat(raised).hasSize(1);
        AlertEngine.Changes changes = AlertEngine.changes(with(DSCR, 1.1), rules(), book);
        assertThat(changes.transitions()).as("no lifecycle event").isEmpty();
        assertThat(changes.refreshed()).singleElement().satisfies(a -> {
            assertThat(a.getAlertId()).as("the alert that is active").isEqualTo(raised.get(0).getAlertId());
            assertThat(a.getFigure()).isEqualTo(1.1);
            assertThat(a.getSeverity()).isEqualTo(Severity.WARNING);
            assertThat(a.getExplanation()).contains("1.10").doesNotContain("1.20");
        });
        assertThat(book.state(DSCR).lastFigure()).isEqualTo(1.1);
        assertThat(book.state(DSCR).sequence()).as("no event counted").isEqualTo(1);
        assertThat(AlertEngine.changes(with(DSCR, 1.1), rules(), book).isEmpty())
                .as("the same figure again changes nothing").isTrue();
    }

    @Test
    void withoutHysteresisAFigureOnTheThresholdFlaps() {
        AlertBook book = new AlertBook();
        assertThat(dscr(1.24, rules(), book)).hasSize(1);
        assertThat(dscr(1.25, rules(), book)).hasSize(1);
        assertThat(dscr(1.24, rules(), book)).hasSize(1);
    }

    @Test
    void hysteresisPreventsFlappingAroundAThreshold() {
        Map<String, RuleDefinition> rules = rules(new RuleDefinition(DSCR, 2, 1.25, 1.0, 0.1, true));
        AlertBook book = new AlertBook();
        assertThat(only(dscr(1.24, rules, book)).getTransition()).isEqualTo(AlertTransition.RAISED);
        assertThat(dscr(1.26, rules, book)).isEmpty();
        assertThat(dscr(1.34, rules, book)).isEmpty();
        assertThat(dscr(1.2, rules, book)).isEmpty();
        DefaultRiskAlert resolved = only(dscr(1.35, rules, book));
        assertThat(resolved.getTransition()).isEqualTo(AlertTransition.RESOLVED);
        assertThat(resolved.getRuleVersion()).isEqualTo(2);
        // Raising again needs no margin.
        assertThat(only(dscr(1.249, rules, book)).getTransition()).isEqualTo(AlertTransition.RAISED);
    }

    @Test
    void hysteresisHoldsCriticalUntilTheFigureIsBackPastItsThreshold() {
        Map<String, RuleDefinition> rules = rules(new RuleDefinition(DSCR, 2, 1.25, 1.0, 0.1, true));
        AlertBook book = new AlertBook();
        assertThat(only(dscr(0.99, rules, book)).getSeverity()).isEqualTo(Severity.CRITICAL);
        assertThat(dscr(1.05, rules, book)).isEmpty();
        DefaultRiskAlert down = only(dscr(1.1, rules, book));
        assertThat(down.getTransition()).isEqualTo(AlertTransition.DEESCALATED);
        assertThat(dscr(0.999, rules, book)).extracting(DefaultRiskAlert::getTransition)
                .containsExactly(AlertTransition.ESCALATED);
    }

    @Test
    void hysteresisWorksForAboveRules() {
        String rule = RuleNames.CONCENTRATION;
        Map<String, RuleDefinition> rules = rules(new RuleDefinition(rule, 3, 0.5, 0.75, 0.05, true));
        AlertBook book = new AlertBook();
        assertThat(AlertEngine.evaluate(with(rule, 0.5), rules, book)).hasSize(1);
        assertThat(AlertEngine.evaluate(with(rule, 0.46), rules, book)).isEmpty();
        assertThat(only(AlertEngine.evaluate(with(rule, 0.449), rules, book)).getTransition())
                .isEqualTo(AlertTransition.RESOLVED);
    }

    @Test
    void aNullFigureResolvesARaisedAlert() {
        AlertBook book = new AlertBook();
        dscr(0.9, rules(), book);
        DefaultRiskAlert resolved = only(AlertEngine.evaluate(healthy().setDscr(null).build(), rules(), book));
        assertThat(resolved.getTransition()).isEqualTo(AlertTransition.RESOLVED);
        assertThat(resolved.getFigure()).isNull();
        assertThat(resolved.getPreviousSeverity()).isEqualTo(Severity.CRITICAL);
        assertThat(resolved.getThreshold()).isEqualTo(1.25);
        assertThat(resolved.getExplanation()).isEqualTo("DSCR can no longer be computed: alert resolved");
        assertThat(AlertEngine.evaluate(healthy().setDscr(null).build(), rules(), book)).isEmpty();
    }

    @Test
    void aDisabledRuleResolvesAndStaysQuiet() {
        AlertBook book = new AlertBook();
        dscr(0.9, rules(), book);
        Map<String, RuleDefinition> off = rules(new RuleDefinition(DSCR, 2, 1.25, 1.0, 0, false));
        DefaultRiskAlert resolved = only(dscr(0.9, off, book));
        assertThat(resolved.getTransition()).isEqualTo(AlertTransition.RESOLVED);
        assertThat(resolved.getFigure()).isEqualTo(0.9);
        assertThat(resolved.getRuleVersion()).isEqualTo(2);
        assertThat(resolved.getExplanation()).contains("DSCR_LOW switched off by rule version 2");
        assertThat(dscr(0.8, off, book)).isEmpty();
    }

    @Test
    void aChangedThresholdTakesEffectOnTheNextEvaluation() {
        AlertBook book = new AlertBook();
        assertThat(dscr(1.3, rules(), book)).isEmpty();
        Map<String, RuleDefinition> stricter = rules(new RuleDefinition(DSCR, 2, 1.5, 1.0, 0, true));
        DefaultRiskAlert raised = only(dscr(1.3, stricter, book));
        assertThat(raised.getThreshold()).isEqualTo(1.5);
        assertThat(raised.getRuleVersion()).isEqualTo(2);
    }

    @Test
    void alertIdsAreDeterministicAndSequencesKeepIncreasingAcrossLifecycles() {
        double[] figures = {0.9, 1.5, 1.1, 1.5, 0.9};
        List<String> first = run(figures);
        assertThat(first).containsExactly("OPERATOR:op-1:DSCR_LOW:1", "OPERATOR:op-1:DSCR_LOW:2",
                "OPERATOR:op-1:DSCR_LOW:3", "OPERATOR:op-1:DSCR_LOW:4", "OPERATOR:op-1:DSCR_LOW:5");
        assertThat(run(figures)).isEqualTo(first);
    }

    private static List<String> run(double[] figures) {
        AlertBook book = new AlertBook();
        return Arrays.stream(figures).boxed()
                .flatMap(f -> dscr(f, rules(), book).stream()).map(DefaultRiskAlert::getAlertId).toList();
    }

    @Test
    void firstRaisedTimeIsKeptThroughEscalationAndResetAfterResolution() {
        AlertBook book = new AlertBook();
        AlertEngine.evaluate(with(DSCR, 1.1, at(1)), rules(), book);
        DefaultRiskAlert up = only(AlertEngine.evaluate(with(DSCR, 0.9, at(2)), rules(), book));
        assertThat(up.getFirstRaisedTime()).isEqualTo(at(1));
        assertThat(up.getCauseEventTime()).isEqualTo(at(2));
        AlertEngine.evaluate(with(DSCR, 2.0, at(3)), rules(), book);
        assertThat(book.state(DSCR).firstRaisedTime()).isNull();
        DefaultRiskAlert again = only(AlertEngine.evaluate(with(DSCR, 0.9, at(4)), rules(), book));
        assertThat(again.getFirstRaisedTime()).isEqualTo(at(4));
    }

    @Test
    void alertsOfOneEvaluationAreOrderedByRuleName() {
        OperatorExposure e = healthy().setDscr(0.5).setNetMargin(-0.5).setRunRateGap(3.0)
                .setRevenueConcentration(AlertFixtures.concentration(0.9)).build();
        assertThat(AlertEngine.evaluate(e, rules(), new AlertBook())).extracting(DefaultRiskAlert::getRule)
                .containsExactly("CONCENTRATION", "DSCR_LOW", "NET_MARGIN_NEGATIVE", "RUN_RATE_GAP");
    }

    @Test
    void viewRulesAreEvaluatedOnlyForTheirSubjectType() {
        Map<String, Double> figures = new HashMap<>();
        figures.put(RuleNames.SYSTEMIC_COUNTERPARTY, 2.0);
        figures.put(DSCR, 0.1);
        AlertBook book = new AlertBook();
        DefaultRiskAlert a = only(AlertEngine.evaluate(SubjectType.COUNTERPARTY, "lab-a", figures, rules(), book,
                T0, rule -> "op-1, op-2 and op-3 depend on it"));
        assertThat(a.getAlertId()).isEqualTo("COUNTERPARTY:lab-a:SYSTEMIC_COUNTERPARTY:1");
        assertThat(a.getOperatorId()).isNull();
        assertThat(a.getSeverity()).isEqualTo(Severity.CRITICAL);
        assertThat(a.getExplanation()).isEqualTo(
                "Systemic level 2 >= 2: op-1, op-2 and op-3 depend on it");
        figures.put(RuleNames.SYSTEMIC_COUNTERPARTY, null);
        assertThat(AlertEngine.evaluate(SubjectType.COUNTERPARTY, "lab-a", figures, rules(), book, T0, r -> null))
                .extracting(DefaultRiskAlert::getTransition).containsExactly(AlertTransition.RESOLVED);
    }

    @Test
    void lenderRuleExplanationUsesPercentages() {
        DefaultRiskAlert a = only(AlertEngine.evaluate(SubjectType.LENDER, "bank-a",
                Map.of(RuleNames.LENDER_INDIRECT_CONCENTRATION, 0.62), rules(), new AlertBook(), T0, r -> null));
        assertThat(a.getExplanation()).isEqualTo("Largest counterparty share of indirect exposure 62.0% >= 50.0%");
        assertThat(a.getOperatorId()).isNull();
    }

    @Test
    void rulesAbsentFromTheMapLeaveTheirAlertsUntouched() {
        AlertBook book = new AlertBook();
        dscr(0.9, rules(), book);
        Map<String, RuleDefinition> withoutDscr = rules();
        withoutDscr.remove(DSCR);
        assertThat(AlertEngine.evaluate(with(DSCR, 2.0), withoutDscr, book)).isEmpty();
        assertThat(book.state(DSCR).severity()).isEqualTo(Severity.CRITICAL);
    }

    private static AlertBook copyOf(AlertBook book) {
        AlertBook copy = new AlertBook();
        book.states().forEach(copy::put);
        return copy;
    }
}
