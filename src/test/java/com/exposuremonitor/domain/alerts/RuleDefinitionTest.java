package com.exposuremonitor.domain.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.exposuremonitor.avro.AlertRule;
import com.exposuremonitor.avro.Severity;
import com.exposuremonitor.avro.SubjectType;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleDefinitionTest {

    private static AlertRule.Builder update(String rule, double warning, double critical) {
        return AlertRule.newBuilder().setRule(rule).setVersion(2).setWarningThreshold(warning)
                .setCriticalThreshold(critical).setHysteresis(0.05).setEnabled(true).setUpdatedBy("risk-desk");
    }

    @Test
    void defaultsAreDomainThresholdsAtVersionOne() {
        Map<String, RuleDefinition> d = RuleDefinition.defaults();
        assertThat(d).hasSize(11);
        assertThat(d.keySet()).containsAll(RuleNames.OPERATOR_RULES);
        assertThat(d.values()).allSatisfy(r -> {
            assertThat(r.version()).isEqualTo(1);
            assertThat(r.hysteresis()).isZero();
            assertThat(r.enabled()).isTrue();
        });
        assertThat(d.get("DSCR_LOW")).isEqualTo(new RuleDefinition("DSCR_LOW", 1, 1.25, 1.0, 0, true));
        assertThat(d.get("NET_MARGIN_NEGATIVE").critical()).isEqualTo(-0.25);
        assertThat(d.get("PAYMENT_DELINQUENT").critical()).isEqualTo(90);
        assertThat(d.get("STRESS_BREACH").warning()).isEqualTo(1);
        assertThat(d.get("SYSTEMIC_COUNTERPARTY").subjectType()).isEqualTo(SubjectType.COUNTERPARTY);
        assertThat(d.get("LENDER_INDIRECT_CONCENTRATION").subjectType()).isEqualTo(SubjectType.LENDER);
        assertThat(d.get("COUNTERPARTY_CONTAGION")).isEqualTo(new RuleDefinition("COUNTERPARTY_CONTAGION", 1, 1, 2, 0,
                true));
        assertThat(d.get("COUNTERPARTY_CONTAGION").subjectType()).isEqualTo(SubjectType.COUNTERPARTY);
    }

    @Test
    void onlyDscrAndNetMarginFireBelow() {
        RuleDefinition.defaults().values().forEach(r -> assertThat(r.direction()).isEqualTo(
                r.rule().equals("DSCR_LOW") || r.rule().equals("NET_MARGIN_NEGATIVE")
                        ? Direction.BELOW : Direction.ABOVE));
    }

    @Test
    void thresholdsAreExclusiveBelowAndInclusiveAbove() {
        RuleDefinition dscr = RuleDefinition.defaults().get("DSCR_LOW");
        assertThat(dscr.target(1.25, null)).isNull();
        assertThat(dscr.target(1.0, null)).isEqualTo(Severity.WARNING);
        RuleDefinition conc = RuleDefinition.defaults().get("CONCENTRATION");
        assertThat(conc.target(0.5, null)).isEqualTo(Severity.WARNING);
        assertThat(conc.target(0.75, null)).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void fromCopiesAWellFormedOverride() {
        assertThat(RuleDefinition.problems(update("DSCR_LOW", 1.5, 1.1).build())).isEmpty();
        assertThat(RuleDefinition.from(update("DSCR_LOW", 1.5, 1.1).setEnabled(false).build()))
                .isEqualTo(new RuleDefinition("DSCR_LOW", 2, 1.5, 1.1, 0.05, false));
        assertThat(RuleDefinition.problems(update("CONCENTRATION", 0.6, 0.6).setHysteresis(0).build())).isEmpty();
    }

    @Test
    void problemsRejectEachMalformedKind() {
        assertThat(RuleDefinition.problems(update("DSCR_HIGH", 1, 2).build())).hasValueSatisfying(
                p -> assertThat(p).contains("unknown rule 'DSCR_HIGH'"));
        assertThat(RuleDefinition.problems(update("DSCR_LOW", Double.NaN, 1).build()))
                .hasValueSatisfying(p -> assertThat(p).contains("finite"));
        assertThat(RuleDefinition.problems(update("DSCR_LOW", 1.25, Double.NEGATIVE_INFINITY).build()))
                .hasValueSatisfying(p -> assertThat(p).contains("finite"));
        assertThat(RuleDefinition.problems(update("CONCENTRATION", 0.5, Double.POSITIVE_INFINITY).build()))
                .isPresent();
        assertThat(RuleDefinition.problems(update("DSCR_LOW", 1.25, 1.0).setHysteresis(-0.1).build()))
                .hasValueSatisfying(p -> assertThat(p).contains("hysteresis"));
        assertThat(RuleDefinition.problems(update("DSCR_LOW", 1.25, 1.0).setHysteresis(Double.NaN).build()))
                .hasValueSatisfying(p -> assertThat(p).contains("hysteresis"));
        assertThat(RuleDefinition.problems(update("DSCR_LOW", 1.25, 1.0).setVersion(1).build()))
                .hasValueSatisfying(p -> assertThat(p).contains("version 1"));
        assertThat(RuleDefinition.problems(update("DSCR_LOW", 1.25, 1.0).setVersion(0).build())).isPresent();
        assertThat(RuleDefinition.problems(update("DSCR_LOW", 1.0, 1.25).build()))
                .hasValueSatisfying(p -> assertThat(p).contains("less severe"));
        assertThat(RuleDefinition.problems(update("IDLE_CAPACITY", 0.5, 0.3).build()))
                .hasValueSatisfying(p -> assertThat(p).contains("less severe"));
        assertThat(RuleDefinition.problems(null)).isPresent();
    }

    @Test
    void fromRejectsAMalformedOverride() {
        assertThatThrownBy(() -> RuleDefinition.from(update("NOPE", 1, 2).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown rule 'NOPE'");
    }
}
