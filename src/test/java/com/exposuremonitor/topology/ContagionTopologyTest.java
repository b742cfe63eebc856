package com.exposuremonitor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.exposuremonitor.avro.AlertRule;
import com.exposuremonitor.avro.AlertTransition;
import com.exposuremonitor.avro.Amortization;
import com.exposuremonitor.avro.CounterpartyExposure;
import com.exposuremonitor.avro.DefaultRiskAlert;
import com.exposuremonitor.avro.DependentOperator;
import com.exposuremonitor.avro.FacilityStatus;
import com.exposuremonitor.avro.Financing;
import com.exposuremonitor.avro.Instrument;
import com.exposuremonitor.avro.LenderAtRisk;
import com.exposuremonitor.avro.RateType;
import com.exposuremonitor.avro.RevenueBasis;
import com.exposuremonitor.avro.RevenueReport;
import com.exposuremonitor.avro.Severity;
import com.exposuremonitor.avro.SubjectType;
import com.exposuremonitor.domain.alerts.RuleNames;
import com.exposuremonitor.testing.ExposureHarness;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Contagion on the production monitor topology, from input events. Window Jul 2025..Jun 2026 (coverage 1), every
 * loan BULLET in 2036 at 5% (no principal due), no depreciation or leases:
 * <pre>
 *  op-a: lab-x 150 (cash 0), lab-y 50 (cash 100); bank-y 1000 -> interest 50; DSCR (200 - 100) / 50 = 2.0;
 *        without lab-x (50 - 100) / 50 = -1.0: newly breaching; net margin without (50 - 100 - 50) / 50 = -2.0;
 *        without lab-y (150 - 100) / 50 = 1.0: not breaching
 *  op-c: lab-x 150 (cash 0), lab-y 50 (cash 180); bank-y 1000 -> interest 50; DSCR 20 / 50 = 0.4 already;
 *        without lab-x (50 - 180) / 50 = -2.6, without lab-y (150 - 180) / 50 = -0.6: breaching, not newly
 *  op-b: lab-x 150 (cash 0), lab-y 50 (cash 100); bank-z 2000 -> interest 100; DSCR 1.0; without lab-x -0.5: newly
 * </pre>
 */
class ContagionTopologyTest {
    static final Instant T0 = Instant.parse("2026-07-01T00:00:00Z");
    static final YearMonth FROM = YearMonth.of(2025, 7);
    static final YearMonth TO = YearMonth.of(2026, 6);

    final ExposureHarness harness = ExposureHarness.monitor(Duration.ofDays(1), T0);
    final TestOutputTopic<String, CounterpartyExposure> counterparties =
            harness.output(harness.topics.counterpartyExposure);
    final TestOutputTopic<String, DefaultRiskAlert> alerts = harness.output(harness.topics.alerts);
    private int seconds;

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void aRevenueRestatementMovesAnOperatorInAndOutOfNewlyBreaching() {
        operator("op-a", "bank-y", "1000", "100");
        operator("op-c", "bank-y", "1000", "180");
        Map<String, CounterpartyExposure> views = counterparties.readKeyValuesToMap();
        CounterpartyExposure x = views.get("lab-x");
        assertThat(x.getBreachingWithout()).containsExactly("op-a", "op-c");
        assertThat(x.getNewlyBreaching()).containsExactly("op-a");
        assertThat(x.getDebtAtRisk()).isEqualByComparingTo("2000.00");
        assertThat(x.getLendersAtRisk()).extracting(LenderAtRisk::getLenderId).containsExactly("bank-y");
        DependentOperator a = dependent(x, "op-a");
        assertThat(a.getDscr()).isEqualTo(2.0);
        assertThat(a.getDscrWithout()).isEqualTo(-1.0);
        assertThat(a.getNetMarginWithout()).isEqualTo(-2.0);
        assertThat(a.getOutstanding()).isEqualByComparingTo("1000.00");
        assertThat(dependent(x, "op-c").getDscr()).isEqualTo(0.4);
        assertThat(dependent(x, "op-c").getDscrWithout()).isEqualTo(-2.6);
        // Without lab-y op-a stays at 1.0 (not a breach); op-c already breaches.
        assertThat(views.get("lab-y").getBreachingWithout()).containsExactly("op-c");
        assertThat(views.get("lab-y").getNewlyBreaching()).isEmpty();
        assertThat(views.get("lab-y").getDebtAtRisk()).isEqualByComparingTo("1000.00");

        // op-d is paid by lab-z only.
        harness.send(report("op-d", "lab-z", "100", "0"));
        assertThat(counterparties.readKeyValuesToMap()).containsOnlyKeys("lab-z");

        // op-a's lab-y report restated to revenue 200: DSCR (350 - 100) / 50 = 5.0, without lab-x 2.0: out.
        restate("op-a", "200", "100");
        Map<String, CounterpartyExposure> changed = counterparties.readKeyValuesToMap();
        assertThat(changed).as("incremental: only the counterparties that pay op-a").containsOnlyKeys("lab-x", "lab-y");
        x = changed.get("lab-x");
        assertThat(x.getBreachingWithout()).containsExactly("op-c");
        assertThat(x.getNewlyBreaching()).isEmpty();
        assertThat(x.getDebtAtRisk()).isEqualByComparingTo("1000.00");
        assertThat(dependent(x, "op-a").getDscrWithout()).isEqualTo(2.0);

        // ... and back to 50: in again.
        restate("op-a", "50", "100");
        x = labX();
        assertThat(x.getNewlyBreaching()).containsExactly("op-a");
        assertThat(x.getDebtAtRisk()).isEqualByComparingTo("2000.00");
    }

    @Test
    void theContagionRuleRaisesEscalatesAndResolves() {
        operator("op-c", "bank-y", "1000", "180");
        operator("op-a", "bank-y", "1000", "100");
        DefaultRiskAlert raised = last(contagionAlerts());
        assertThat(raised.getTransition()).isEqualTo(AlertTransition.RAISED);
        assertThat(raised.getSeverity()).isEqualTo(Severity.WARNING);
        assertThat(raised.getSubjectType()).isEqualTo(SubjectType.COUNTERPARTY);
        assertThat(raised.getSubjectId()).isEqualTo("lab-x");
        assertThat(raised.getFigure()).isEqualTo(1.0);
        assertThat(raised.getExplanation()).contains(
                "if lab-x stops paying, op-a (DSCR 2.00 → -1.00) breaches (op-c already does); $2.0K of debt at risk, "
                        + "most with bank-y ($2.0K)");

        operator("op-b", "bank-z", "2000", "100");
        DefaultRiskAlert escalated = last(contagionAlerts());
        assertThat(escalated.getTransition()).isEqualTo(AlertTransition.ESCALATED);
        assertThat(escalated.getSeverity()).isEqualTo(Severity.CRITICAL);
        assertThat(escalated.getFigure()).isEqualTo(2.0);
        assertThat(escalated.getExplanation()).contains("op-a (DSCR 2.00 → -1.00) and op-b (DSCR 1.00 → -0.50) breach (op-c already does)")
                .contains("$4.0K of debt at risk, most with bank-y ($2.0K)");

        // op-b's lab-y restated to 300: DSCR (450 - 100) / 100 = 3.5, without lab-x 2.0: one left, WARNING again.
        restate("op-b", "300", "100");
        DefaultRiskAlert deescalated = last(contagionAlerts());
        assertThat(deescalated.getTransition()).isEqualTo(AlertTransition.DEESCALATED);
        assertThat(deescalated.getSeverity()).isEqualTo(Severity.WARNING);

        // op-a's too: nobody newly breaches (op-c already does): resolved.
        restate("op-a", "200", "100");
        DefaultRiskAlert resolved = last(contagionAlerts());
        assertThat(resolved.getTransition()).isEqualTo(AlertTransition.RESOLVED);
        assertThat(resolved.getSeverity()).isNull();
    }

    @Test
    void theContagionThresholdsAreSetAtRunTime() {
        harness.input(harness.topics.alertRuleUpdates).pipeInput(RuleNames.COUNTERPARTY_CONTAGION,
                AlertRule.newBuilder().setRule(RuleNames.COUNTERPARTY_CONTAGION).setVersion(2).setWarningThreshold(2)
                        .setCriticalThreshold(3).setHysteresis(0.0).setEnabled(true).setUpdatedBy("test").build(),
                T0);
        operator("op-a", "bank-y", "1000", "100");
        assertThat(contagionAlerts()).as("one newly breaching operator is below the new warning of 2").isEmpty();
        operator("op-b", "bank-z", "2000", "100");
        DefaultRiskAlert raised = last(contagionAlerts());
        assertThat(raised.getSeverity()).isEqualTo(Severity.WARNING);
        assertThat(raised.getThreshold()).isEqualTo(2.0);
        assertThat(raised.getRuleVersion()).isEqualTo(2);
    }

    List<DefaultRiskAlert> contagionAlerts() {
        return of(alerts.readValuesToList(), RuleNames.COUNTERPARTY_CONTAGION, "lab-x");
    }

    static DefaultRiskAlert last(List<DefaultRiskAlert> alerts) {
        assertThat(alerts).isNotEmpty();
        return alerts.get(alerts.size() - 1);
    }

    CounterpartyExposure labX() {
        CounterpartyExposure x = counterparties.readKeyValuesToMap().get("lab-x");
        assertThat(x).as("lab-x's view was published").isNotNull();
        return x;
    }

    static DependentOperator dependent(CounterpartyExposure c, String operatorId) {
        return c.getDependents().stream().filter(d -> d.getOperatorId().equals(operatorId)).findFirst().orElseThrow();
    }

    /** A loan from {@code lender}, lab-y 50 (cash {@code labYCash}), then lab-x 150 (cash 0) over the window. */
    void operator(String operatorId, String lender, String outstanding, String labYCash) {
        harness.send(Financing.newBuilder().setEventId(operatorId + ":fin").setEventTime(next())
                .setOperatorId(operatorId).setFacilityId(operatorId + "-loan").setLenderId(lender)
                .setInstrument(Instrument.TERM_LOAN).setOutstandingPrincipal(usd(outstanding))
                .setAnnualRateBps(500).setRateType(RateType.FIXED).setMaturityDate(LocalDate.of(2036, 12, 31))
                .setAmortization(Amortization.BULLET).setAnnualLeasePayment(null).setStatus(FacilityStatus.ACTIVE)
                .build());
        harness.send(report(operatorId, "lab-y", "50", labYCash));
        harness.send(report(operatorId, "lab-x", "150", "0"));
    }

    /** lab-y's report at the operator, restated (same reportId, newer event). */
    void restate(String operatorId, String revenue, String cashCost) {
        harness.send(report(operatorId, "lab-y", revenue, cashCost));
    }

    RevenueReport report(String operatorId, String counterpartyId, String revenue, String cashCost) {
        Instant at = next();
        return RevenueReport.newBuilder().setEventId(operatorId + ":" + counterpartyId + ":" + at)
                .setEventTime(at).setOperatorId(operatorId).setCounterpartyId(counterpartyId)
                .setReportId(counterpartyId + "-fy").setPeriodStart(FROM.atDay(1)).setPeriodEnd(TO.atEndOfMonth())
                .setBasis(RevenueBasis.BOOKED).setRevenue(usd(revenue)).setCashCostOfRevenue(usd(cashCost))
                .setResearchComputeCost(null).setRemainingPerformanceObligation(null).build();
    }

    Instant next() {
        return T0.plusSeconds(++seconds);
    }

    static BigDecimal usd(String amount) {
        return new BigDecimal(amount).setScale(2);
    }

    static List<DefaultRiskAlert> of(List<DefaultRiskAlert> alerts, String rule, String subject) {
        return alerts.stream().filter(a -> a.getRule().equals(rule) && a.getSubjectId().equals(subject)).toList();
    }
}
