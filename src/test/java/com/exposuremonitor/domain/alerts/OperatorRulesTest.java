package com.exposuremonitor.domain.alerts;

import static com.exposuremonitor.domain.alerts.AlertFixtures.T0;
import static com.exposuremonitor.domain.alerts.AlertFixtures.with;
import static org.assertj.core.api.Assertions.assertThat;

import com.exposuremonitor.avro.AlertTransition;
import com.exposuremonitor.avro.DefaultRiskAlert;
import com.exposuremonitor.avro.Severity;
import com.exposuremonitor.avro.SubjectType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The full lifecycle of each of the eight operator rules under the default thresholds. */
class OperatorRulesTest {

    private static final Map<String, RuleDefinition> RULES = RuleDefinition.defaults();

    /**
     * Only the rule under test, so that a fixture that moves other figures too (revenue at risk
     * needs a late payer) does not raise them.
     */
    static Map<String, RuleDefinition> only(String rule) {
        return Map.of(rule, RULES.get(rule));
    }

    /** rule, healthy, WARNING and CRITICAL figures, and the readable figure/threshold of the WARNING event. */
    static Stream<Arguments> rules() {
        return Stream.of(
                Arguments.of(RuleNames.DSCR_LOW, 1.5, 1.1, 0.9, "DSCR 1.10 < 1.25"),
                Arguments.of(RuleNames.NET_MARGIN_NEGATIVE, 0.1, -0.1, -0.3, "Net margin -10.0% < 0.0%"),
                Arguments.of(RuleNames.CONCENTRATION, 0.3, 0.6, 0.8, "revenue 60.0% >= 50.0%"),
                Arguments.of(RuleNames.PAYMENT_DELINQUENT, 10.0, 45.0, 97.0, "Payment 45 days past due >= 30 days"),
                Arguments.of(RuleNames.REVENUE_AT_RISK, 0.05, 0.15, 0.3, "Revenue at risk 15.0% >= 10.0%"),
                Arguments.of(RuleNames.STRESS_BREACH, 0.0, 1.0, 3.0, "in 1 stress scenario(s) >= 1"),
                Arguments.of(RuleNames.RUN_RATE_GAP, 1.2, 1.8, 3.0, "Run-rate gap 1.80x >= 1.50x"),
                Arguments.of(RuleNames.IDLE_CAPACITY, 0.1, 0.4, 0.6, "Idle capacity 40.0% >= 30.0%"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void raisesEscalatesDeescalatesAndResolves(String rule, double healthy, double warning, double critical,
                                               String warningText) {
        AlertBook book = new AlertBook();
        assertThat(AlertEngine.evaluate(with(rule, healthy), only(rule), book)).isEmpty();

        DefaultRiskAlert raised = only(AlertEngine.evaluate(with(rule, warning, at(1)), only(rule), book));
        assertEvent(raised, rule, AlertTransition.RAISED, null, Severity.WARNING, 1);
        assertThat(raised.getFigure()).isEqualTo(warning);
        assertThat(raised.getThreshold()).isEqualTo(RULES.get(rule).warning());
        assertThat(raised.getExplanation()).contains(warningText);

        DefaultRiskAlert escalated = only(AlertEngine.evaluate(with(rule, critical, at(2)), only(rule), book));
        assertEvent(escalated, rule, AlertTransition.ESCALATED, Severity.WARNING, Severity.CRITICAL, 2);
        assertThat(escalated.getThreshold()).isEqualTo(RULES.get(rule).critical());

        DefaultRiskAlert deescalated = only(AlertEngine.evaluate(with(rule, warning, at(3)), only(rule), book));
        assertEvent(deescalated, rule, AlertTransition.DEESCALATED, Severity.CRITICAL, Severity.WARNING, 3);
        assertThat(deescalated.getThreshold()).isEqualTo(RULES.get(rule).critical());

        DefaultRiskAlert resolved = only(AlertEngine.evaluate(with(rule, healthy, at(4)), only(rule), book));
        assertEvent(resolved, rule, AlertTransition.RESOLVED, Severity.WARNING, null, 4);
        assertThat(resolved.getFigure()).isEqualTo(healthy);
        assertThat(resolved.getThreshold()).isEqualTo(RULES.get(rule).warning());
        assertThat(book.state(rule)).isEqualTo(new AlertState(null, null, 4, healthy));
        assertThat(List.of(raised, escalated, deescalated, resolved))
                .allSatisfy(a -> assertThat(a.getFirstRaisedTime()).isEqualTo(at(1)))
                .extracting(DefaultRiskAlert::getCauseEventTime).containsExactly(at(1), at(2), at(3), at(4));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void raisesStraightToCriticalAndResolvesFromIt(String rule, double healthy, double warning, double critical,
                                                   String warningText) {
        AlertBook book = new AlertBook();
        DefaultRiskAlert raised = only(AlertEngine.evaluate(with(rule, critical), only(rule), book));
        assertEvent(raised, rule, AlertTransition.RAISED, null, Severity.CRITICAL, 1);
        assertThat(raised.getThreshold()).isEqualTo(RULES.get(rule).critical());

        DefaultRiskAlert resolved = only(AlertEngine.evaluate(with(rule, healthy, at(1)), only(rule), book));
        assertEvent(resolved, rule, AlertTransition.RESOLVED, Severity.CRITICAL, null, 2);
        assertThat(resolved.getThreshold()).isEqualTo(RULES.get(rule).warning());
        assertThat(resolved.getFirstRaisedTime()).isEqualTo(T0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void figureIsExtractedFromTheExposure(String rule, double healthy, double warning, double critical,
                                          String warningText) {
        assertThat(Figures.figure(rule, with(rule, warning)).getAsDouble()).isEqualTo(warning);
        assertThat(Figures.figure(rule, with(rule, critical)).getAsDouble()).isEqualTo(critical);
    }

    static Instant at(int hours) {
        return T0.plusSeconds(3600L * hours);
    }

    static DefaultRiskAlert only(List<DefaultRiskAlert> alerts) {
        assertThat(alerts).hasSize(1);
        return alerts.get(0);
    }

    private static void assertEvent(DefaultRiskAlert a, String rule, AlertTransition transition, Severity before,
                                    Severity after, long sequence) {
        assertThat(a.getRule()).isEqualTo(rule);
        assertThat(a.getTransition()).isEqualTo(transition);
        assertThat(a.getPreviousSeverity()).isEqualTo(before);
        assertThat(a.getSeverity()).isEqualTo(after);
        assertThat(a.getAlertId()).isEqualTo("OPERATOR:op-1:" + rule + ":" + sequence);
        assertThat(a.getSubjectType()).isEqualTo(SubjectType.OPERATOR);
        assertThat(a.getSubjectId()).isEqualTo("op-1");
        assertThat(a.getOperatorId()).isEqualTo("op-1");
        assertThat(a.getRuleVersion()).isEqualTo(1);
        assertThat(a.getExplanation()).doesNotContain("\n").isNotBlank();
    }
}
