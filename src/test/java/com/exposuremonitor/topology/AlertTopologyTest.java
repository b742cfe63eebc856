package com.exposuremonitor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.exposuremonitor.avro.AlertRule;
import com.exposuremonitor.avro.AlertTransition;
import com.exposuremonitor.avro.DeadLetter;
import com.exposuremonitor.avro.DefaultRiskAlert;
import com.exposuremonitor.avro.InvoiceStatus;
import com.exposuremonitor.avro.OperatorExposure;
import com.exposuremonitor.avro.PaymentDelay;
import com.exposuremonitor.avro.RevenueBasis;
import com.exposuremonitor.avro.RevenueReport;
import com.exposuremonitor.avro.Severity;
import com.exposuremonitor.domain.alerts.AlertFixtures;
import com.exposuremonitor.domain.alerts.RuleNames;
import com.exposuremonitor.testing.ExposureHarness;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The alert part of the production monitor topology: lifecycle, replays, run-time rules, the clock. */
class AlertTopologyTest {
    private static final Instant T0 = AlertFixtures.T0;
    private ExposureHarness harness = ExposureHarness.monitor(Duration.ofHours(1), T0);
    private final TestInputTopic<String, OperatorExposure> exposures = harness.input(harness.topics.operatorExposure);
    private final TestInputTopic<String, AlertRule> ruleUpdates = harness.input(harness.topics.alertRuleUpdates);
    private final TestOutputTopic<String, DefaultRiskAlert> alerts = harness.output(harness.topics.alerts);
    private final TestOutputTopic<String, DefaultRiskAlert> active = harness.output(harness.topics.activeAlerts);

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    /** figures: warning, critical, back to warning, healthy. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "DSCR_LOW, 1.2, 0.9, 1.1, 2.0",
        "NET_MARGIN_NEGATIVE, -0.1, -0.3, -0.2, 0.1",
        "CONCENTRATION, 0.6, 0.8, 0.6, 0.3",
        "PAYMENT_DELINQUENT, 35, 95, 65, 0",
        "REVENUE_AT_RISK, 0.12, 0.3, 0.15, 0.0",
        "STRESS_BREACH, 1, 3, 1, 0",
        "RUN_RATE_GAP, 1.6, 2.6, 2.0, 1.0",
        "IDLE_CAPACITY, 0.35, 0.6, 0.4, 0.1"})
    void eachRuleRaisesEscalatesDeescalatesAndResolves(String rule, double warning, double critical,
                                                        double backToWarning, double healthy) {
        double[] figures = {warning, critical, backToWarning, healthy};
        for (int i = 0; i < figures.length; i++) {
            send(AlertFixtures.with(rule, figures[i], T0.plus(Duration.ofDays(i))));
        }
        List<DefaultRiskAlert> emitted = alerts.readValuesToList().stream().filter(a -> a.getRule().equals(rule))
                .toList();
        assertThat(emitted).extracting(DefaultRiskAlert::getTransition).containsExactly(AlertTransition.RAISED,
                AlertTransition.ESCALATED, AlertTransition.DEESCALATED, AlertTransition.RESOLVED);
        assertThat(emitted).extracting(DefaultRiskAlert::getSeverity)
                .containsExactly(Severity.WARNING, Severity.CRITICAL, Severity.WARNING, null);
        assertThat(emitted).allSatisfy(a -> {
            assertThat(a.getOperatorId()).isEqualTo(AlertFixtures.OP);
            assertThat(a.getFirstRaisedTime()).isEqualTo(T0);
            assertThat(a.getExplanation()).isNotBlank();
        });
        assertThat(emitted.get(0).getFigure()).isEqualTo(warning);
        List<TestRecord<String, DefaultRiskAlert>> activeRecords = active.readRecordsToList().stream()
                .filter(r -> r.key().equals(AlertFixtures.OP + "|" + rule)).toList();
        assertThat(activeRecords).hasSize(4);
        assertThat(activeRecords.get(3).value()).as("RESOLVED is a tombstone on active alerts").isNull();
    }

    @Test
    void theActiveAlertCarriesTheCurrentFigureWhileEventsStayOnePerStateChange() {
        String rule = RuleNames.CONCENTRATION;
        send(AlertFixtures.with(rule, 1.0, T0));
        send(AlertFixtures.with(rule, 0.75, T0.plus(Duration.ofDays(1))));
        send(AlertFixtures.with(rule, 0.75, T0.plus(Duration.ofDays(2))));

        List<DefaultRiskAlert> events = alerts.readValuesToList().stream().filter(a -> a.getRule().equals(rule))
                .toList();
        assertThat(events).as("one lifecycle event: still CRITICAL at 75%%").singleElement()
                .satisfies(a -> assertThat(a.getFigure()).isEqualTo(1.0));
        List<DefaultRiskAlert> activeValues = active.readRecordsToList().stream()
                .filter(r -> r.key().equals(AlertFixtures.OP + "|" + rule)).map(TestRecord::value).toList();
        assertThat(activeValues).as("raised, then restated once; the same figure again is not restated")
                .hasSize(2);
        DefaultRiskAlert now = activeValues.get(1);
        assertThat(now.getFigure()).isEqualTo(0.75);
        assertThat(now.getExplanation()).contains("share of revenue 75.0%").doesNotContain("100.0%");
        assertThat(now.getAlertId()).isEqualTo(events.get(0).getAlertId());
        assertThat(now.getTransition()).isEqualTo(AlertTransition.RAISED);
        assertThat(now.getSeverity()).isEqualTo(Severity.CRITICAL);
        assertThat(now.getCauseEventTime()).isEqualTo(T0.plus(Duration.ofDays(1)));
    }

    @Test
    void replayingTheSameInputEventsEmitsNoAlert() {
        List<org.apache.avro.specific.SpecificRecord> events = List.of(
                com.exposuremonitor.testing.SampleEvents.bond("op-r", 1),
                com.exposuremonitor.testing.SampleEvents.batch("op-r", 1),
                RevenueReport.newBuilder().setEventId("rev-r").setEventTime(T0).setOperatorId("op-r")
                        .setCounterpartyId("single-tenant").setReportId("r1").setPeriodStart(LocalDate.of(2026, 1, 1))
                        .setPeriodEnd(LocalDate.of(2026, 6, 30)).setBasis(RevenueBasis.BOOKED)
                        .setRevenue(new BigDecimal("600000000.00")).setCashCostOfRevenue(new BigDecimal("1.00"))
                        .setResearchComputeCost(null).setRemainingPerformanceObligation(null).build());
        events.forEach(harness::send);
        List<DefaultRiskAlert> first = alerts.readValuesToList();
        events.forEach(harness::send);
        assertThat(first).extracting(DefaultRiskAlert::getRule).contains(RuleNames.CONCENTRATION);
        assertThat(alerts.isEmpty()).as("replaying the same input emits nothing").isTrue();
    }

    @Test
    void reReadingOlderExposuresOfTheFeedEmitsNoAlert() {
        List<OperatorExposure> sequence = List.of(AlertFixtures.with(RuleNames.DSCR_LOW, 1.1, T0),
                AlertFixtures.with(RuleNames.DSCR_LOW, 0.9, T0.plusSeconds(60)));
        sequence.forEach(this::send);
        assertThat(alerts.readValuesToList()).hasSize(2);
        sequence.forEach(this::send);
        assertThat(alerts.isEmpty()).as("a replay emits nothing").isTrue();
    }

    @Test
    void aRuleChangeAppliesToTheNextExposureAndIsRecordedInTheAlert() {
        send(AlertFixtures.with(RuleNames.DSCR_LOW, 1.2, T0));
        assertThat(alerts.readValue().getRuleVersion()).isEqualTo(1);

        updateRule(rule(RuleNames.DSCR_LOW, 2, 1.1, 0.9));
        send(AlertFixtures.with(RuleNames.DSCR_LOW, 1.2, T0.plusSeconds(60)));
        DefaultRiskAlert resolved = alerts.readValue();
        assertThat(resolved.getTransition()).isEqualTo(AlertTransition.RESOLVED);
        assertThat(resolved.getRuleVersion()).isEqualTo(2);

        updateRule(rule(RuleNames.DSCR_LOW, 3, 1.5, 1.3));
        send(AlertFixtures.with(RuleNames.DSCR_LOW, 1.2, T0.plusSeconds(120)));
        DefaultRiskAlert raised = alerts.readValue();
        assertThat(raised.getTransition()).isEqualTo(AlertTransition.RAISED);
        assertThat(raised.getSeverity()).isEqualTo(Severity.CRITICAL);
        assertThat(raised.getRuleVersion()).isEqualTo(3);
        assertThat(raised.getThreshold()).isEqualTo(1.3);
    }

    @Test
    void aBadRuleUpdateLandsInTheDeadLettersAndTheRuleInForceStays() {
        updateRule(rule(RuleNames.DSCR_LOW, 2, 1.5, 1.3));
        updateRule(rule(RuleNames.DSCR_LOW, 3, 1.0, 1.2)); // critical less severe than warning
        updateRule(rule(RuleNames.DSCR_LOW, 2, 0.5, 0.4)); // stale version
        ruleUpdates.pipeInput("NO_SUCH_RULE", rule("NO_SUCH_RULE", 2, 1, 2));
        harness.raw(harness.topics.alertRuleUpdates.name())
                .pipeInput(RuleNames.DSCR_LOW.getBytes(StandardCharsets.UTF_8), new byte[] {0, 0, 0, 0, 1});

        List<DeadLetter> letters = harness.deadLetters.readValuesToList();
        assertThat(letters).extracting(DeadLetter::getErrorType).containsOnly("RULE");
        assertThat(letters).extracting(DeadLetter::getReason).satisfiesExactly(
                r -> assertThat(r).contains("DSCR_LOW").contains("critical"),
                r -> assertThat(r).contains("version 2 is not newer than version 2"),
                r -> assertThat(r).contains("unknown rule 'NO_SUCH_RULE'"),
                r -> assertThat(r).contains("not a valid AlertRule"));

        send(AlertFixtures.with(RuleNames.DSCR_LOW, 1.4, T0));
        DefaultRiskAlert alert = alerts.readValue();
        assertThat(alert.getRuleVersion()).as("version 2 stays in force").isEqualTo(2);
        assertThat(alert.getSeverity()).isEqualTo(Severity.WARNING);
    }

    @Test
    void theDelinquencyClockAloneRaisesPaymentDelinquentCriticalAtDay90() throws Exception {
        harness.close();
        LocalDate due = LocalDate.of(2026, 3, 10);
        Instant eventTime = Instant.parse("2026-03-01T00:00:00Z");
        harness = ExposureHarness.monitor(Duration.ofHours(1), eventTime);
        TestOutputTopic<String, DefaultRiskAlert> alertsOut = harness.output(harness.topics.alerts);
        harness.send(RevenueReport.newBuilder().setEventId("rev-1").setEventTime(eventTime).setOperatorId("op-9")
                .setCounterpartyId("lab-z").setReportId("r1").setPeriodStart(LocalDate.of(2026, 1, 1))
                .setPeriodEnd(LocalDate.of(2026, 2, 28)).setBasis(RevenueBasis.BOOKED)
                .setRevenue(new BigDecimal("1000000.00")).setCashCostOfRevenue(new BigDecimal("100000.00"))
                .setResearchComputeCost(null).setRemainingPerformanceObligation(null).build());
        harness.send(PaymentDelay.newBuilder().setEventId("inv-1").setEventTime(eventTime).setOperatorId("op-9")
                .setInvoiceId("i1").setCounterpartyId("lab-z").setAmountOutstanding(new BigDecimal("500000.00"))
                .setDueDate(due).setStatus(InvoiceStatus.OPEN).build());
        assertThat(alertsOut.readValuesToList()).extracting(DefaultRiskAlert::getRule)
                .doesNotContain(RuleNames.PAYMENT_DELINQUENT);

        advanceTo(due.plusDays(31).atTime(1, 0).toInstant(java.time.ZoneOffset.UTC), eventTime);
        assertThat(paymentAlerts(alertsOut)).singleElement().satisfies(a -> {
            assertThat(a.getTransition()).isEqualTo(AlertTransition.RAISED);
            assertThat(a.getSeverity()).isEqualTo(Severity.WARNING);
        });
        advanceTo(due.plusDays(89).atTime(1, 0).toInstant(java.time.ZoneOffset.UTC),
                due.plusDays(31).atTime(1, 0).toInstant(java.time.ZoneOffset.UTC));
        assertThat(paymentAlerts(alertsOut)).as("nothing new between day 31 and day 89").isEmpty();
        advanceTo(due.plusDays(90).atTime(1, 0).toInstant(java.time.ZoneOffset.UTC),
                due.plusDays(89).atTime(1, 0).toInstant(java.time.ZoneOffset.UTC));
        assertThat(paymentAlerts(alertsOut)).singleElement().satisfies(a -> {
            assertThat(a.getTransition()).isEqualTo(AlertTransition.ESCALATED);
            assertThat(a.getSeverity()).isEqualTo(Severity.CRITICAL);
            assertThat(a.getFigure()).isEqualTo(90.0);
            assertThat(a.getExplanation()).contains("90 days past due").contains("lab-z");
        });
    }

    private List<DefaultRiskAlert> paymentAlerts(TestOutputTopic<String, DefaultRiskAlert> out) {
        return out.readValuesToList().stream().filter(a -> a.getRule().equals(RuleNames.PAYMENT_DELINQUENT)).toList();
    }

    private void advanceTo(Instant target, Instant from) {
        harness.driver.advanceWallClockTime(Duration.between(from, target));
    }

    private void send(OperatorExposure exposure) {
        exposures.pipeInput(exposure.getOperatorId(), exposure, exposure.getAsOf());
    }

    private void updateRule(AlertRule rule) {
        ruleUpdates.pipeInput(rule.getRule(), rule);
    }

    private static AlertRule rule(String name, int version, double warning, double critical) {
        return AlertRule.newBuilder().setRule(name).setVersion(version).setWarningThreshold(warning)
                .setCriticalThreshold(critical).setHysteresis(0.0).setEnabled(true).setUpdatedBy("test").build();
    }
}
