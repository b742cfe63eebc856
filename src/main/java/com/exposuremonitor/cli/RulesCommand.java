package com.exposuremonitor.cli;

import com.exposuremonitor.avro.AlertRule;
import com.exposuremonitor.domain.alerts.Direction;
import com.exposuremonitor.domain.alerts.RuleDefinition;
import com.exposuremonitor.domain.alerts.RuleNames;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The alert rules at run time: what is in force, and changing it without writing an Avro producer. */
@Command(name = "rules", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = ReplayCommand.USAGE,
        description = {
            "Show or change the default-risk alert rules in force (README, \"Alerts\").",
            "A change is an AlertRule published to <prefix>alert-rule-updates; the monitor checks it and writes "
                    + "it to the compacted <prefix>alert-rules, or sends it to the dead letters (errorType RULE) "
                    + "and keeps the rule in force."},
        subcommands = {RulesListCommand.class, RulesSetCommand.class, RulesUnsetCommand.class})
final class RulesCommand implements Runnable {
    /** True for a rule the monitor knows; else says so, with the known ones. */
    static boolean known(String rule, PrintWriter err) {
        if (RuleNames.isKnown(rule)) {
            return true;
        }
        err.println("unknown rule '" + rule + "'; known rules: " + RuleDefinition.defaults().keySet());
        return false;
    }

    static final int NOT_CONFIRMED = 2;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a subcommand: list, set or unset");
    }

    /** One line per rule, e.g. {@code DSCR_LOW version 2: WARNING < 1.4, CRITICAL < 1.1, hysteresis 0, enabled}. */
    static String describe(RuleDefinition rule) {
        String fires = fires(rule.direction());
        return rule.rule() + " version " + rule.version() + ": WARNING " + fires + " " + number(rule.warning())
                + ", CRITICAL " + fires + " " + number(rule.critical()) + ", hysteresis " + number(rule.hysteresis())
                + (rule.enabled() ? ", enabled" : ", disabled");
    }

    static String fires(Direction direction) {
        return direction == Direction.BELOW ? "<" : ">=";
    }

    /** Thresholds as typed: 30 not 30.0, 0.1 not 0.1000. */
    static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /**
     * Publishes an update (null: back to the default) and, with {@code wait}, follows it until the monitor
     * has it in force or refused it. The outcome's offsets are taken before sending, so nothing is missed.
     */
    static int publish(RuleTopics topics, String rule, AlertRule update, boolean wait, Duration timeout,
                       PrintWriter out, PrintWriter err) {
        Map<TopicPartition, Long> from = wait ? topics.outcomeOffsets() : Map.of();
        RecordMetadata sent = topics.publish(rule, update);
        out.println("sent " + (update == null ? rule + " back to its default" : describe(RuleDefinition.from(update)))
                + " to " + sent.topic() + " (partition " + sent.partition() + ", offset " + sent.offset() + ")");
        if (!wait) {
            return ReplayCommand.OK;
        }
        return report(topics.await(rule, update == null ? null : update.getVersion(), sent, from), rule, timeout,
                out, err);
    }

    /** Prints what became of an update and gives the exit code: 0 in force, 1 rejected, 2 not seen in time. */
    static int report(RuleTopics.Outcome outcome, String rule, Duration timeout, PrintWriter out, PrintWriter err) {
        if (outcome instanceof RuleTopics.InForce inForce) {
            AlertRule now = inForce.rule();
            out.println("in force: " + (now == null ? rule + " is back to its default, "
                    + describe(RuleDefinition.defaults().get(rule)) : describe(RuleDefinition.from(now))));
            return ReplayCommand.OK;
        }
        if (outcome instanceof RuleTopics.Rejected rejected) {
            err.println("rejected by the monitor: " + rejected.reason() + " (the rule in force is unchanged)");
            return ReplayCommand.FAILED;
        }
        err.println("neither in force nor rejected within " + timeout.toSeconds() + " s: is the monitor running? "
                + "The update stays on the updates topic and is checked when the monitor reads it.");
        return NOT_CONFIRMED;
    }

    /** How every rules subcommand reaches Kafka: the same flags, variables and defaults as {@code run}. */
    static final class Connection {
        @Mixin
        ReplayCommand.ClientOptions client;

        @Option(names = "--schema-registry-url", defaultValue = "${env:EM_SCHEMA_REGISTRY_URL:-http://localhost:8081}",
                description = "Confluent-compatible Schema Registry URL (env EM_SCHEMA_REGISTRY_URL, default ${DEFAULT-VALUE}).")
        String schemaRegistryUrl;

        @Option(names = "--topic-prefix", defaultValue = "${env:EM_TOPIC_PREFIX:-em.}",
                description = "Prefix of every topic name (env EM_TOPIC_PREFIX, default ${DEFAULT-VALUE}).")
        String topicPrefix;

        @Option(names = "--timeout", defaultValue = "PT30S",
                description = "Longest wait for Kafka, and with --wait for the monitor's verdict, ISO-8601 "
                        + "(default ${DEFAULT-VALUE}).")
        Duration timeout;

        RuleTopics topics() {
            return new RuleTopics(client.bootstrapServers, client.passthrough(), schemaRegistryUrl, topicPrefix, timeout);
        }
    }
}
