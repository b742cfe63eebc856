package com.exposuremonitor.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rules unset}: a tombstone, which returns the rule to its built-in default. */
@Command(name = "unset", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = ReplayCommand.USAGE,
        description = "Return RULE to its built-in default (publishes a tombstone for it).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:sent (with --wait: the default is in force)",
            "1:not sent (Kafka unreachable), or with --wait rejected by the monitor, with its reason",
            "2:with --wait: sent, but not seen in force within --timeout",
            "64:invalid command line, or an unknown rule"})
final class RulesUnsetCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RULE", description = "Rule name, e.g. DSCR_LOW.")
    String rule;

    @Option(names = "--wait", description = "Wait until the monitor has the default back in force.")
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
            return RulesCommand.publish(connection.topics(), rule, null, await, connection.timeout, out, err);
        } catch (IllegalStateException | KafkaException e) {
            err.println("error: " + e.getMessage());
            return ReplayCommand.FAILED;
        }
    }
}
