package com.exposuremonitor.cli;

import com.exposuremonitor.avro.AlertRule;
import com.exposuremonitor.domain.alerts.RuleDefinition;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code rules list}: the built-in defaults overlaid by the overrides on the compacted rules topic. */
@Command(name = "list", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = ReplayCommand.USAGE,
        description = "Print every rule in force: its version, thresholds, hysteresis, whether it is on, and "
                + "whether it is the built-in default or an override (and who made it).")
final class RulesListCommand implements Callable<Integer> {
    private static final String ROW = "%-30s %7s %5s %9s %9s %10s %7s  %s";

    @Mixin
    RulesCommand.Connection connection;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try {
            table(connection.topics().overrides()).forEach(spec.commandLine().getOut()::println);
            return ReplayCommand.OK;
        } catch (IllegalStateException | KafkaException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return ReplayCommand.FAILED;
        }
    }

    /** A header and one row per known rule, by name. */
    static List<String> table(Map<String, AlertRule> overrides) {
        List<String> rows = new ArrayList<>();
        rows.add(String.format(ROW, "RULE", "VERSION", "FIRES", "WARNING", "CRITICAL", "HYSTERESIS", "ENABLED",
                "SOURCE"));
        Map<String, RuleDefinition> rules = new TreeMap<>(RuleDefinition.defaults());
        overrides.forEach((name, override) -> rules.put(name, RuleDefinition.from(override)));
        rules.values().forEach(r -> rows.add(String.format(ROW, r.rule(), r.version(), RulesCommand.fires(r.direction()),
                RulesCommand.number(r.warning()), RulesCommand.number(r.critical()),
                RulesCommand.number(r.hysteresis()), r.enabled() ? "yes" : "no", source(overrides.get(r.rule())))));
        return rows;
    }

    private static String source(AlertRule override) {
        if (override == null) {
            return "default";
        }
        return override.getUpdatedBy() == null ? "override" : "override by " + override.getUpdatedBy();
    }
}
