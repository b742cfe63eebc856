package com.exposuremonitor.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import com.exposuremonitor.avro.CounterpartyDelinquency;
import com.exposuremonitor.avro.CounterpartyExposure;
import com.exposuremonitor.avro.CounterpartyShare;
import com.exposuremonitor.avro.OperatorExposure;
import com.exposuremonitor.avro.Severity;
import com.exposuremonitor.domain.SnapshotDecision;
import com.exposuremonitor.domain.alerts.Figures;
import com.exposuremonitor.domain.alerts.RuleDefinition;
import com.exposuremonitor.domain.alerts.RuleNames;
import com.exposuremonitor.domain.views.ContagionText;
import com.exposuremonitor.domain.views.CounterpartyStake;
import com.exposuremonitor.domain.views.CounterpartyView;
import com.exposuremonitor.domain.views.Stakes;
import com.exposuremonitor.domain.views.ViewFigures;
import java.math.MathContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The bundled story, replayed through the pure domain, ends with every operator rule firing. */
class BundledScenarioTest {

    private static ParsedEvents parsed;
    private static DomainReplay replay;
    private static Map<String, OperatorExposure> exposures;

    @BeforeAll
    static void replay() {
        parsed = Scenario.aiDatacenters();
        replay = new DomainReplay().acceptAll(parsed.records());
        exposures = replay.exposures();
    }

    @Test
    void readsWithoutRejections() {
        assertThat(parsed.rejections()).isEmpty();
        assertThat(parsed.events()).hasSizeBetween(50, 150);
        assertThat(exposures).containsOnlyKeys("campus-abilene", "neocloud-core", "lab-frontier", "colo-reno");
    }

    @Test
    void isDatedIn2026OnDaysThatSurviveMonthShifts() {
        List<Instant> times = parsed.records().stream().map(Scenario::eventTime).sorted().toList();
        assertThat(times.get(0)).isEqualTo(Instant.parse("2026-01-05T14:00:00Z"));
        assertThat(times.get(times.size() - 1)).isEqualTo(Instant.parse("2026-10-28T12:00:00Z"));
        assertThat(times).allSatisfy(t -> assertThat(t.atZone(ZoneOffset.UTC).getDayOfMonth()).isLessThanOrEqualTo(28));
        assertThat(parsed.records()).allSatisfy(r -> assertThat(JsonEvents.write(r)).doesNotContainPattern(
                "\"(operatorId|counterpartyId|lenderId|facilityId|batchId|reportId|invoiceId|eventId)\":\"[^\"]*[^A-Za-z0-9._\"-]"));
    }

    @Test
    void duplicateAndOlderSnapshotChangeNothing() {
        assertThat(replay.decided(SnapshotDecision.CONFLICT)).isEmpty();
        assertThat(replay.decided(SnapshotDecision.DUPLICATE)).hasSize(1);
        assertThat(replay.decided(SnapshotDecision.STALE)).hasSize(1);
    }

    @Test
    void everyOperatorRuleCrossesItsWarningThreshold() {
        assertThat(exposures.values()).as("DSCR_LOW").anyMatch(e -> e.getDscr() != null && e.getDscr() < 1.25);
        assertThat(exposures.values()).as("NET_MARGIN_NEGATIVE")
                .anyMatch(e -> e.getNetMargin() != null && e.getNetMargin() < 0);
        assertThat(exposures.values()).as("CONCENTRATION")
                .anyMatch(e -> e.getRevenueConcentration().getTop1Share() != null
                        && e.getRevenueConcentration().getTop1Share() >= 0.5);
        assertThat(exposures.values()).as("PAYMENT_DELINQUENT (90+ days: default)")
                .anyMatch(e -> e.getDelinquency().stream().anyMatch(d -> d.getOldestDaysPastDue() >= 90));
        assertThat(exposures.values()).as("REVENUE_AT_RISK")
                .anyMatch(e -> e.getRevenueAtRisk() != null && e.getRevenueAtRisk() >= 0.10);
        assertThat(exposures.values()).as("STRESS_BREACH")
                .anyMatch(e -> e.getStress().stream().anyMatch(s -> s.getDscr() != null && s.getDscr() < 1.0));
        assertThat(exposures.values()).as("RUN_RATE_GAP")
                .anyMatch(e -> e.getRunRateGap() != null && e.getRunRateGap() >= 1.5);
        assertThat(exposures.values()).as("IDLE_CAPACITY").anyMatch(e -> idleShare(e) >= 0.3);
    }

    /** The real rule thresholds (docs/domain.md defaults) give this table at the end of the story. */
    @Test
    void firesTheExpectedAlerts() {
        Map<String, Map<String, Severity>> fired = new TreeMap<>();
        exposures.forEach((op, e) -> Figures.all(e).forEach((rule, figure) -> {
            Severity severity = RuleDefinition.defaults().get(rule).target(figure, null);
            if (severity != null) {
                fired.computeIfAbsent(op, k -> new TreeMap<>()).put(rule, severity);
            }
        }));
        assertThat(fired.get("campus-abilene")).containsExactlyInAnyOrderEntriesOf(Map.of(
                RuleNames.CONCENTRATION, Severity.CRITICAL,
                RuleNames.PAYMENT_DELINQUENT, Severity.CRITICAL,
                RuleNames.REVENUE_AT_RISK, Severity.CRITICAL,
                RuleNames.STRESS_BREACH, Severity.WARNING));
        assertThat(fired.get("neocloud-core")).containsExactlyInAnyOrderEntriesOf(Map.of(
                RuleNames.CONCENTRATION, Severity.CRITICAL,
                RuleNames.DSCR_LOW, Severity.CRITICAL,
                RuleNames.IDLE_CAPACITY, Severity.CRITICAL,
                RuleNames.NET_MARGIN_NEGATIVE, Severity.CRITICAL,
                RuleNames.PAYMENT_DELINQUENT, Severity.WARNING,
                RuleNames.REVENUE_AT_RISK, Severity.WARNING,
                RuleNames.RUN_RATE_GAP, Severity.CRITICAL,
                RuleNames.STRESS_BREACH, Severity.CRITICAL));
        assertThat(fired.get("lab-frontier")).containsExactlyEntriesOf(Map.of(RuleNames.CONCENTRATION, Severity.WARNING));
        assertThat(fired).doesNotContainKey("colo-reno");
        assertThat(fired.values().stream().flatMap(m -> m.keySet().stream()).distinct())
                .containsExactlyInAnyOrderElementsOf(RuleNames.OPERATOR_RULES);
    }

    @Test
    void operatorsTellTheStory() {
        OperatorExposure campus = exposures.get("campus-abilene");
        assertThat(campus.getRevenueConcentration().getTop1Share()).isEqualTo(1.0);
        assertThat(campus.getDelinquency()).extracting(CounterpartyDelinquency::getCounterpartyId,
                CounterpartyDelinquency::getOldestDaysPastDue).containsExactly(tuple("lab-openai", 100));
        assertThat(campus.getRevenueAtRisk()).isEqualTo(1.0);
        assertThat(campus.getDscr()).as("healthy while the tenant pays").isGreaterThan(1.25);
        assertThat(campus.getStress()).filteredOn(s -> s.getDscr() < 1.0).hasSize(1);

        OperatorExposure neo = exposures.get("neocloud-core");
        assertThat(neo.getDscr()).isLessThan(1.0);
        assertThat(neo.getNetMargin()).isLessThan(-0.25);
        assertThat(neo.getRevenueConcentration().getTop1Share()).isBetween(0.75, 0.85);
        assertThat(neo.getRunRateGap()).isGreaterThan(2.5);
        assertThat(idleShare(neo)).isGreaterThanOrEqualTo(0.5);

        OperatorExposure reno = exposures.get("colo-reno");
        assertThat(reno.getDscr()).isGreaterThan(1.25);
        assertThat(reno.getNetMargin()).isPositive();
    }

    @Test
    void labTurnsToMinus53PercentWithTrainingCompute() {
        OperatorExposure lab = exposures.get("lab-frontier");
        assertThat(lab.getCoverage()).isEqualTo(1.0);
        assertThat(lab.getGrossMargin()).isCloseTo(0.38, within(1e-9));
        assertThat(lab.getGrossMarginFullCost()).isCloseTo(-0.53, within(0.01));
    }

    @Test
    void aCounterpartyIsSystemic() {
        Map<String, Long> operatorsWithQuarterShare = new TreeMap<>();
        exposures.values().forEach(e -> e.getRevenueConcentration().getBreakdown().stream()
                .filter(s -> s.getShare() != null && s.getShare() >= 0.25)
                .map(CounterpartyShare::getCounterpartyId)
                .forEach(cp -> operatorsWithQuarterShare.merge(cp, 1L, Long::sum)));
        assertThat(operatorsWithQuarterShare).containsEntry("lab-openai", 2L).containsEntry("lab-anthropic", 2L);
    }

    /** Counterparty views as the topology builds them: every operator's stakes, grouped by counterparty. */
    private static Map<String, CounterpartyExposure> counterpartyViews() {
        Map<String, List<CounterpartyStake>> byCounterparty = new TreeMap<>();
        exposures.values().forEach(e -> Stakes.byCounterparty(e).forEach((cp, stake) ->
                byCounterparty.computeIfAbsent(cp, k -> new java.util.ArrayList<>()).add(stake)));
        Map<String, CounterpartyExposure> views = new TreeMap<>();
        byCounterparty.forEach((cp, stakes) -> views.put(cp,
                CounterpartyView.build(cp, stakes, CounterpartyView.DEFAULT_SYSTEMIC_THRESHOLD)));
        return views;
    }

    @Test
    void contagionFiresForTheLabs() {
        Map<String, CounterpartyExposure> views = counterpartyViews();
        Map<String, Severity> fired = new TreeMap<>();
        views.forEach((cp, v) -> {
            Severity severity = RuleDefinition.defaults().get(RuleNames.COUNTERPARTY_CONTAGION)
                    .target(ViewFigures.contagionCount(v), null);
            if (severity != null) {
                fired.put(cp, severity);
            }
        });
        // lab-openai pays campus-abilene (DSCR 3.27 today) and colo-reno (1.82): both under 1.0 without it.
        assertThat(fired).containsExactlyEntriesOf(new TreeMap<>(Map.of(
                "consumer-subs", Severity.WARNING,
                "enterprise-api", Severity.WARNING,
                "lab-anthropic", Severity.WARNING,
                "lab-openai", Severity.CRITICAL)));
        CounterpartyExposure openai = views.get("lab-openai");
        assertThat(openai.getNewlyBreaching()).containsExactly("campus-abilene", "colo-reno");
        assertThat(openai.getDebtAtRisk()).isEqualByComparingTo("28160000000.00");
        assertThat(openai.getLendersAtRisk().get(0).getLenderId()).isEqualTo("bond-trustee");
        assertThat(ContagionText.detail(openai)).isEqualTo("if lab-openai stops paying, campus-abilene (DSCR 3.27 → "
                + "-1.91) and colo-reno (DSCR 1.82 → 0.65) breach; $28.2B of debt at risk, most with bond-trustee "
                + "($18.0B)");
        // neocloud-core already breaches: lab-anthropic's default would newly tip colo-reno only.
        assertThat(views.get("lab-anthropic").getBreachingWithout()).containsExactly("colo-reno", "neocloud-core");
        assertThat(views.get("lab-anthropic").getNewlyBreaching()).containsExactly("colo-reno");
    }

    @Test
    void lendersAreShared() {
        long jpmBorrowers = exposures.values().stream()
                .filter(e -> e.getLenders().stream().anyMatch(l -> l.getLenderId().equals("bank-jpm"))).count();
        assertThat(jpmBorrowers).isGreaterThanOrEqualTo(2);
    }

    private static double idleShare(OperatorExposure e) {
        return e.getBuiltMw().signum() == 0 ? 0 : e.getIdleMw().divide(e.getBuiltMw(), MathContext.DECIMAL64).doubleValue();
    }
}
