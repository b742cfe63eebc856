package com.exposuremonitor.cli;

import com.exposuremonitor.avro.AlertRule;
import com.exposuremonitor.domain.alerts.RuleDefinition;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rules set}: a new version of one rule, checked here with the monitor's own checks before it is sent. */
@Command(name = "set", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = ReplayCommand.USAGE,
        description = {
            "Publish a new version of RULE. What is not given is kept from the rule in force; the version is the one "
                    + "in force plus 1 unless --version says otherwise.",
            "The update is checked as the monitor checks it (known rule, critical at least as severe as warning, "
                    + "hysteresis >= 0) and not sent when it would be refused."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:sent (with --wait: in force)",
            "1:not sent (malformed, or Kafka unreachable), or with --wait rejected by the monitor, with its reason",
            "2:with --wait: sent, but neither in force nor rejected within --timeout",
            "64:invalid command line, or an unknown rule"})
final class RulesSetCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RULE", description = "Rule name, e.g. DSCR_LOW (see rules list).")
    String rule;

    @Option(names = "--warning", description = "WARNING threshold (rules firing below it: DSCR_LOW, NET_MARGIN_NEGATIVE).")
    Double warning;

    @Option(names = "--critical", description = "CRITICAL threshold; at least as severe as --warning.")
    Double critical;

    @Option(names = "--hysteresis", description = "How far back past a threshold a figure must move before the "
            + "alert eases, in the figure's units, >= 0.")
    Double hysteresis;

    @Option(names = "--enabled", arity = "1", paramLabel = "true|false",
            description = "false switches the rule off (its alerts resolve at the next evaluation).")
    Boolean enabled;

    @Option(names = "--version", description = "Version to publish; must be newer than the one in force.")
    Integer version;

    @Option(names = "--updated-by", defaultValue = "${sys:user.name}",
            description = "Who made the change, for the audit trail (default: the user name, ${DEFAULT-VALUE}).")
    String updatedBy;

    @Option(names = "--wait", description = "Wait until the monitor has the update in force, or print why it refused it.")
    boolean await;

    @Mixin
    RulesCommand.Connection connection;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!RulesCommand.known(rule, err)) {
            return ReplayCommand.USAGE;
        }
        try {
            RuleTopics topics = connection.topics();
            AlertRule current = topics.overrides().get(rule);
            AlertRule update = next(current == null ? RuleDefinition.defaults().get(rule) : RuleDefinition.from(current));
            Optional<String> problem = RuleDefinition.problems(update);
            if (problem.isPresent()) {
                err.println("not sent: " + problem.get());
                return ReplayCommand.FAILED;
            }
            return RulesCommand.publish(topics, rule, update, await, connection.timeout, out, err);
        } catch (IllegalStateException | KafkaException e) {
            err.println("error: " + e.getMessage());
            return ReplayCommand.FAILED;
        }
    }

    /** The rule in force with the given changes, one version up unless --version says otherwise. */
    AlertRule next(RuleDefinition inForce) {
        return AlertRule.newBuilder().setRule(rule)
                .setVersion(version != null ? version : inForce.version() + 1)
                .setWarningThreshold(warning != null ? warning : inForce.warning())
                .setCriticalThreshold(critical != null ? critical : inForce.critical())
                .setHysteresis(hysteresis != null ? hysteresis : inForce.hysteresis())
                .setEnabled(enabled != null ? enabled : inForce.enabled())
                .setUpdatedBy(updatedBy == null || updatedBy.isBlank() ? null : updatedBy)
                .build();
    }
}
