package com.exposuremonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.exposuremonitor.avro.AlertRule;
import com.exposuremonitor.domain.alerts.RuleDefinition;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The parts of {@code rules} that need no broker: building an update, the table, refusals before Kafka. */
class RulesCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void setKeepsWhatIsNotGivenAndGoesOneVersionUp() {
        RulesSetCommand set = new RulesSetCommand();
        new CommandLine(set).parseArgs("DSCR_LOW", "--warning", "1.4", "--updated-by", "alice");

        AlertRule update = set.next(RuleDefinition.defaults().get("DSCR_LOW"));

        assertThat(update.getVersion()).isEqualTo(2);
        assertThat(update.getWarningThreshold()).isEqualTo(1.4);
        assertThat(update.getCriticalThreshold()).as("kept").isEqualTo(1.0);
        assertThat(update.getHysteresis()).isEqualTo(0.0);
        assertThat(update.getEnabled()).isTrue();
        assertThat(update.getUpdatedBy()).isEqualTo("alice");
    }

    @Test
    void setTakesAnExplicitVersionAndCanSwitchARuleOff() {
        RulesSetCommand set = new RulesSetCommand();
        new CommandLine(set).parseArgs("IDLE_CAPACITY", "--version", "7", "--enabled", "false", "--hysteresis", "0.05");
        RuleDefinition inForce = new RuleDefinition("IDLE_CAPACITY", 4, 0.35, 0.6, 0.0, true);

        AlertRule update = set.next(inForce);

        assertThat(update.getVersion()).isEqualTo(7);
        assertThat(update.getEnabled()).isFalse();
        assertThat(update.getHysteresis()).isEqualTo(0.05);
        assertThat(update.getWarningThreshold()).isEqualTo(0.35);
    }

    @Test
    void listShowsEveryRuleAndMarksOverrides() {
        AlertRule override = AlertRule.newBuilder().setRule("DSCR_LOW").setVersion(3).setWarningThreshold(1.4)
                .setCriticalThreshold(1.1).setUpdatedBy("alice").build();

        List<String> table = RulesListCommand.table(Map.of("DSCR_LOW", override));

        assertThat(table).hasSize(1 + RuleDefinition.defaults().size());
        assertThat(table.get(0)).startsWith("RULE").contains("VERSION", "WARNING", "CRITICAL", "SOURCE");
        assertThat(row(table, "DSCR_LOW")).containsPattern("DSCR_LOW\\s+3\\s+<\\s+1.4\\s+1.1\\s+0\\s+yes\\s+override by alice");
        assertThat(row(table, "PAYMENT_DELINQUENT")).containsPattern("1\\s+>=\\s+30\\s+90\\s+0\\s+yes\\s+default");
    }

    @Test
    void anUnknownRuleIsRefusedBeforeKafkaIsAsked() {
        assertThat(rules("set", "DSCR_HIGH", "--warning", "1")).isEqualTo(64);
        assertThat(err.toString()).contains("unknown rule 'DSCR_HIGH'").contains("DSCR_LOW");
        assertThat(rules("unset", "NOPE")).isEqualTo(64);
    }

    @Test
    void rulesAloneAsksForASubcommand() {
        assertThat(rules()).isEqualTo(64);
        assertThat(err.toString()).contains("list, set or unset");
    }

    @Test
    void anUnreachableBrokerFailsWithinTheTimeoutWithAMessage() {
        assertThat(rules("list", "--timeout", "PT2S")).isEqualTo(1);
        assertThat(err.toString()).startsWith("error: ").contains("127.0.0.1:1").doesNotContain("\tat ");
    }

    private static String row(List<String> table, String rule) {
        return table.stream().filter(r -> r.startsWith(rule + " ")).findFirst().orElseThrow();
    }

    /** Nothing listens on port 1: a subcommand that reached for Kafka would fail there. */
    private int rules(String... args) {
        List<String> all = new ArrayList<>(List.of("rules"));
        all.addAll(List.of(args));
        if (args.length > 0) {
            all.add("--bootstrap-servers=127.0.0.1:1");
        }
        return new CommandLine(new Main()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(all.toArray(String[]::new));
    }
}
