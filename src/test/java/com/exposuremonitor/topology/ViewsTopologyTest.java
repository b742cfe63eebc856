package com.exposuremonitor.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.exposuremonitor.avro.AlertTransition;
import com.exposuremonitor.avro.Concentration;
import com.exposuremonitor.avro.CounterpartyDelinquency;
import com.exposuremonitor.avro.CounterpartyExposure;
import com.exposuremonitor.avro.CounterpartyShare;
import com.exposuremonitor.avro.DefaultRiskAlert;
import com.exposuremonitor.avro.DependentOperator;
import com.exposuremonitor.avro.IndirectExposure;
import com.exposuremonitor.avro.Instrument;
import com.exposuremonitor.avro.LenderExposure;
import com.exposuremonitor.avro.LenderPosition;
import com.exposuremonitor.avro.OperatorExposure;
import com.exposuremonitor.avro.Severity;
import com.exposuremonitor.avro.SubjectType;
import com.exposuremonitor.domain.alerts.AlertFixtures;
import com.exposuremonitor.domain.alerts.RuleNames;
import com.exposuremonitor.testing.ExposureHarness;
import com.exposuremonitor.topology.views.ViewsTopology;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Counterparty and lender views on the production monitor topology, checked by hand. Three operators
 * share two counterparties (X, Y) and two lenders (L1, L2):
 * <pre>
 *  op-A revenue 100: X 60 (0.60), Y 40 (0.40); L1 TERM_LOAN 1000; X 45 days late on 10
 *  op-B revenue 200: X 50 (0.25), Y 150 (0.75); L1 BOND 500, L2 TERM_LOAN 300; top1 0.75 (CRITICAL)
 *  op-C revenue 100: Y 100 (1.00);              L2 REVOLVER 200; DSCR 0.5 (CRITICAL)
 * </pre>
 */
class ViewsTopologyTest {
    private static final Instant T0 = AlertFixtures.T0;
    private final ExposureHarness harness = ExposureHarness.monitor(Duration.ofDays(1), T0);
    private final TestInputTopic<String, OperatorExposure> exposures = harness.input(harness.topics.operatorExposure);
    private final TestOutputTopic<String, CounterpartyExposure> counterparties =
            harness.output(harness.topics.counterpartyExposure);
    private final TestOutputTopic<String, LenderExposure> lenders = harness.output(harness.topics.lenderExposure);
    private final TestOutputTopic<String, DefaultRiskAlert> alerts = harness.output(harness.topics.alerts);

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void aShareIsZeroNotNullWhereTheOperatorHasRevenueButNoneFromTheCounterparty() {
        // op-A earns only from X, and Z is 40 days late on an invoice there; op-D has no window revenue.
        send(operator("op-A", T0, shares(Map.of("X", "100")), List.of(lender("L1", Instrument.BOND, "500")),
                late("Z", "10", 40), 1.5));
        send(operator("op-D", T0, shares(Map.of()), List.of(lender("L1", Instrument.BOND, "500")),
                late("Z", "5", 35), 1.5));
        CounterpartyExposure z = counterparties.readKeyValuesToMap().get("Z");
        Map<String, DependentOperator> byOperator = new java.util.HashMap<>();
        z.getDependents().forEach(d -> byOperator.put(d.getOperatorId(), d));
        assertThat(byOperator.get("op-A").getRevenueShare()).as("revenue 100, none from Z").isEqualTo(0.0);
        assertThat(byOperator.get("op-A").getBacklogShare()).as("no backlog at all: no divisor").isNull();
        assertThat(byOperator.get("op-D").getRevenueShare()).as("no window revenue: no divisor").isNull();
    }

    @Test
    void counterpartyViewsByHand() {
        sendScenario();
        Map<String, CounterpartyExposure> views = counterparties.readKeyValuesToMap();

        CounterpartyExposure x = views.get("X");
        // X: op-A 60 (0.60), op-B 50 (0.25): both >= 0.25, so systemic; A also 45 days late on 10.
        assertThat(x.getDependents()).extracting(DependentOperator::getOperatorId).containsExactly("op-A", "op-B");
        assertThat(x.getTotalWindowRevenue()).isEqualByComparingTo("110");
        assertThat(x.getTotalOverdue()).isEqualByComparingTo("10");
        assertThat(x.getMaxDaysPastDue()).isEqualTo(45);
        assertThat(x.getSystemicOperatorCount()).isEqualTo(2);
        assertThat(x.getSystemic()).isTrue();
        // Y: op-C 100 (1.00), op-B 150 (0.75), op-A 40 (0.40): three operators >= 0.25.
        CounterpartyExposure y = views.get("Y");
        assertThat(y.getDependents()).extracting(DependentOperator::getOperatorId).containsExactly("op-C", "op-B", "op-A");
        assertThat(y.getDependents().get(1).getRevenueShare()).isCloseTo(0.75, within(1e-12));
        assertThat(y.getTotalWindowRevenue()).isEqualByComparingTo("290");
        assertThat(y.getSystemicOperatorCount()).isEqualTo(3);

        List<DefaultRiskAlert> systemic = alertsOf(RuleNames.SYSTEMIC_COUNTERPARTY);
        // X is systemic and 30+ days late somewhere: CRITICAL; Y is systemic, nobody late: WARNING.
        assertThat(last(systemic, "X").getSeverity()).isEqualTo(Severity.CRITICAL);
        assertThat(last(systemic, "Y").getSeverity()).isEqualTo(Severity.WARNING);
        assertThat(last(systemic, "X").getSubjectType()).isEqualTo(SubjectType.COUNTERPARTY);
    }

    @Test
    void lenderViewsByHand() {
        sendScenario();
        Map<String, LenderExposure> views = lenders.readKeyValuesToMap();

        LenderExposure l1 = views.get("L1");
        // L1: A 1000 + B 500 = 1500. Indirect X = 1000 x 0.60 + 500 x 0.25 = 725; Y = 1000 x 0.40 + 500 x 0.75 = 775.
        assertThat(l1.getTotalOutstanding()).isEqualByComparingTo("1500");
        assertThat(indirect(l1)).containsExactly(Map.entry("Y", new BigDecimal("775.00")),
                Map.entry("X", new BigDecimal("725.00")));
        assertThat(l1.getIndirect().get(0).getShare()).isCloseTo(775.0 / 1500, within(1e-9));
        // op-B's top customer is 0.75 of revenue (CONCENTRATION CRITICAL): L1's 500 there is with a critical operator.
        assertThat(l1.getOutstandingWithCriticalOperators()).isEqualByComparingTo("500");
        // L2: B 300 + C 200 = 500. X = 300 x 0.25 = 75; Y = 300 x 0.75 + 200 x 1.0 = 425; B and C both CRITICAL.
        LenderExposure l2 = views.get("L2");
        assertThat(l2.getTotalOutstanding()).isEqualByComparingTo("500");
        assertThat(indirect(l2)).containsExactly(Map.entry("Y", new BigDecimal("425.00")),
                Map.entry("X", new BigDecimal("75.00")));
        assertThat(l2.getOutstandingWithCriticalOperators()).isEqualByComparingTo("500");
        assertThat(l2.getPositions()).extracting(p -> p.getOperatorId() + ":" + p.getInstrument() + ":"
                + p.getOutstanding().toPlainString()).containsExactly("op-B:TERM_LOAN:300.00", "op-C:REVOLVER:200.00");

        List<DefaultRiskAlert> concentration = alertsOf(RuleNames.LENDER_INDIRECT_CONCENTRATION);
        // L1: Y is 775 / 1500 = 0.517 >= 0.5: WARNING. L2: Y is 425 / 500 = 0.85 >= 0.75: CRITICAL.
        assertThat(last(concentration, "L1").getSeverity()).isEqualTo(Severity.WARNING);
        assertThat(last(concentration, "L2").getSeverity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void aChangeToOneOperatorMovesBothViewsAndTheSystemicFlagTurnsOffAndOn() {
        sendScenario();
        counterparties.readKeyValuesToMap();
        lenders.readKeyValuesToMap();
        alerts.readValuesToList();

        // op-B now earns 20 from X (0.10) and 180 from Y (0.90): X is >= 0.25 only at op-A, no longer systemic.
        send(operator("op-B", T0.plusSeconds(60), shares(Map.of("X", "20", "Y", "180")),
                List.of(lender("L1", Instrument.BOND, "500"), lender("L2", Instrument.TERM_LOAN, "300")), null, 2.0));
        Map<String, CounterpartyExposure> cps = counterparties.readKeyValuesToMap();
        assertThat(cps.keySet()).as("only the counterparties op-B depends on").containsExactlyInAnyOrder("X", "Y");
        assertThat(cps.get("X").getSystemic()).isFalse();
        assertThat(cps.get("X").getTotalWindowRevenue()).isEqualByComparingTo("80");
        Map<String, LenderExposure> ls = lenders.readKeyValuesToMap();
        // L1: X = 600 + 500 x 0.10 = 650, Y = 400 + 500 x 0.90 = 850. L2: X = 30, Y = 270 + 200 = 470.
        assertThat(indirect(ls.get("L1"))).containsEntry("X", new BigDecimal("650.00")).containsEntry("Y", new BigDecimal("850.00"));
        assertThat(indirect(ls.get("L2"))).containsEntry("X", new BigDecimal("30.00")).containsEntry("Y", new BigDecimal("470.00"));
        DefaultRiskAlert resolved = last(alertsOf(alerts.readValuesToList(), RuleNames.SYSTEMIC_COUNTERPARTY), "X");
        assertThat(resolved.getTransition()).isEqualTo(AlertTransition.RESOLVED);

        // Back to X 0.30 at op-B: systemic again (and A still 45 days late): raised CRITICAL.
        send(operator("op-B", T0.plusSeconds(120), shares(Map.of("X", "60", "Y", "140")),
                List.of(lender("L1", Instrument.BOND, "500"), lender("L2", Instrument.TERM_LOAN, "300")), null, 2.0));
        assertThat(counterparties.readKeyValuesToMap().get("X").getSystemic()).isTrue();
        DefaultRiskAlert raised = last(alertsOf(alerts.readValuesToList(), RuleNames.SYSTEMIC_COUNTERPARTY), "X");
        assertThat(raised.getTransition()).isEqualTo(AlertTransition.RAISED);
        assertThat(raised.getSeverity()).isEqualTo(Severity.CRITICAL);
        assertThat(raised.getExplanation()).contains("op-A").contains("op-B").contains("45 days past due");
    }

    @Test
    void anOperatorThatDropsACounterpartyLeavesItsView() {
        sendScenario();
        send(operator("op-C", T0.plusSeconds(60), shares(Map.of("Z", "100")),
                List.of(lender("L2", Instrument.REVOLVER, "200")), null, 0.5));
        Map<String, CounterpartyExposure> cps = counterparties.readKeyValuesToMap();
        assertThat(cps.get("Y").getDependents()).extracting(DependentOperator::getOperatorId)
                .containsExactly("op-B", "op-A");
        assertThat(cps.get("Z").getDependents()).singleElement()
                .satisfies(d -> assertThat(d.getOperatorId()).isEqualTo("op-C"));
        assertThat(harness.driver.<String, CounterpartyExposure>getKeyValueStore("counterparty-exposure").get("Z"))
                .isEqualTo(cps.get("Z"));
    }

    @Test
    void viewsReadBackFromTheirBooksOnEveryChangeMatchTheCachedOnes() throws Exception {
        List<OperatorExposure> changes = List.of(
                operator("op-B", T0.plusSeconds(60), shares(Map.of("X", "20", "Y", "180")),
                        List.of(lender("L1", Instrument.BOND, "500")), null, 2.0),
                operator("op-C", T0.plusSeconds(90), shares(Map.of("Z", "100")),
                        List.of(lender("L2", Instrument.REVOLVER, "200")), null, 0.5),
                operator("op-A", T0.plusSeconds(120), shares(Map.of("Z", "70", "Y", "30")),
                        List.of(lender("L2", Instrument.TERM_LOAN, "900")), late("Z", "5", 31), 2.0));
        sendScenario();
        changes.forEach(this::send);
        try (ExposureHarness readBack = new ExposureHarness(topics -> ViewsTopology
                .buildViewsTopology(topics, ViewsTopology.defaultSystemicThreshold(), 1), T0)) {
            TestInputTopic<String, OperatorExposure> in = readBack.input(readBack.topics.operatorExposure);
            List<OperatorExposure> all = new ArrayList<>();
            scenarioInto(all);
            all.addAll(changes);
            all.forEach(e -> in.pipeInput(e.getOperatorId(), e, e.getAsOf()));
            List<KeyValue<String, CounterpartyExposure>> cps = counterparties.readKeyValuesToList();
            List<KeyValue<String, LenderExposure>> ls = lenders.readKeyValuesToList();
            assertThat(cps).as("counterparty views").hasSizeGreaterThan(5)
                    .isEqualTo(readBack.output(readBack.topics.counterpartyExposure).readKeyValuesToList());
            assertThat(ls).as("lender views").hasSizeGreaterThan(4)
                    .isEqualTo(readBack.output(readBack.topics.lenderExposure).readKeyValuesToList());
            assertThat(cps).as("op-A left X: X ends with op-B alone")
                    .filteredOn(kv -> kv.key.equals("X")).last()
                    .satisfies(kv -> assertThat(kv.value.getDependents()).extracting(DependentOperator::getOperatorId)
                            .containsExactly("op-B"));
        }
    }

    private void scenarioInto(List<OperatorExposure> out) {
        out.add(operator("op-A", T0, shares(Map.of("X", "60", "Y", "40")),
                List.of(lender("L1", Instrument.TERM_LOAN, "1000")), late("X", "10", 45), 2.0));
        out.add(operator("op-B", T0, shares(Map.of("X", "50", "Y", "150")),
                List.of(lender("L1", Instrument.BOND, "500"), lender("L2", Instrument.TERM_LOAN, "300")), null, 2.0));
        out.add(operator("op-C", T0, shares(Map.of("Y", "100")), List.of(lender("L2", Instrument.REVOLVER, "200")),
                null, 0.5));
    }

    private void sendScenario() {
        List<OperatorExposure> scenario = new ArrayList<>();
        scenarioInto(scenario);
        scenario.forEach(this::send);
    }

    private void send(OperatorExposure exposure) {
        exposures.pipeInput(exposure.getOperatorId(), exposure, exposure.getAsOf());
    }

    static OperatorExposure operator(String id, Instant asOf, Concentration revenue, List<LenderPosition> lenders,
                                     CounterpartyDelinquency late, double dscr) {
        return AlertFixtures.healthy().setOperatorId(id).setAsOf(asOf).setRevenue(revenue.getTotal())
                .setRevenueConcentration(revenue).setBacklogConcentration(shares(Map.of()))
                .setLenders(lenders).setDelinquency(late == null ? List.of() : List.of(late)).setDscr(dscr)
                .setRevenueAtRisk(0.0).build();
    }

    static Concentration shares(Map<String, String> amounts) {
        BigDecimal total = amounts.values().stream().map(BigDecimal::new).reduce(BigDecimal.ZERO, BigDecimal::add);
        List<CounterpartyShare> breakdown = new ArrayList<>();
        amounts.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> breakdown.add(new CounterpartyShare(
                e.getKey(), new BigDecimal(e.getValue()).setScale(2),
                total.signum() == 0 ? null : new BigDecimal(e.getValue()).doubleValue() / total.doubleValue())));
        double top1 = breakdown.stream().mapToDouble(s -> s.getShare() == null ? 0 : s.getShare()).max().orElse(0);
        return Concentration.newBuilder().setTop1Share(total.signum() == 0 ? null : top1).setTop3Share(null)
                .setHhi(null).setTotal(total.setScale(2)).setBreakdown(breakdown).build();
    }

    static LenderPosition lender(String id, Instrument instrument, String amount) {
        return new LenderPosition(id, instrument, new BigDecimal(amount).setScale(2), 1);
    }

    static CounterpartyDelinquency late(String cp, String amount, int days) {
        return new CounterpartyDelinquency(cp, new BigDecimal(amount).setScale(2), days, 1);
    }

    private static Map<String, BigDecimal> indirect(LenderExposure l) {
        Map<String, BigDecimal> out = new java.util.LinkedHashMap<>();
        for (IndirectExposure i : l.getIndirect()) {
            out.put(i.getCounterpartyId(), i.getExposure());
        }
        return out;
    }

    private List<DefaultRiskAlert> alertsOf(String rule) {
        return alertsOf(alerts.readValuesToList(), rule);
    }

    private static List<DefaultRiskAlert> alertsOf(List<DefaultRiskAlert> all, String rule) {
        return all.stream().filter(a -> a.getRule().equals(rule)).toList();
    }

    private static DefaultRiskAlert last(List<DefaultRiskAlert> alerts, String subject) {
        List<DefaultRiskAlert> of = alerts.stream().filter(a -> a.getSubjectId().equals(subject)).toList();
        assertThat(of).as("alerts of " + subject).isNotEmpty();
        return of.get(of.size() - 1);
    }
}
