package com.exposuremonitor.cli;

import com.exposuremonitor.runtime.ApplicationReset;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Thin console front of {@link ApplicationReset}: shows the plan, asks, executes. */
@Command(name = "reset", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = ReplayCommand.USAGE,
        description = {
            "Reset the application so its next start recomputes every exposure from the input topics.",
            "Refuses while any instance is a member of the application's consumer group; otherwise deletes the "
                    + "group (committed offsets), the internal topics <application-id>-*-changelog and "
                    + "-repartition, and the local state directory <state-dir>/<application-id>.",
            "Input and output topics are kept. Shows the plan and asks first unless --yes."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:reset done (with --dry-run: the reset could proceed)",
            "1:not reset: instances still running, the answer was not yes, or a failure",
            "64:invalid command line"})
final class ResetCommand implements Callable<Integer> {
    @Mixin
    ReplayCommand.ClientOptions client;

    @Option(names = "--application-id", defaultValue = "${env:EM_APPLICATION_ID:-exposure-monitor}",
            description = "Kafka Streams application id (env EM_APPLICATION_ID, default ${DEFAULT-VALUE}).")
    String applicationId;

    @Option(names = "--state-dir", defaultValue = "${env:EM_STATE_DIR:-./state}",
            description = "Local state directory (env EM_STATE_DIR, default ${DEFAULT-VALUE}).")
    Path stateDir;

    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation.")
    boolean yes;

    @Option(names = "--dry-run", description = "Print the plan only; change nothing.")
    boolean dryRun;

    @Option(names = "--timeout", defaultValue = "PT30S",
            description = "Longest wait for each answer of Kafka, ISO-8601 (default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Admin admin = null;
        try {
            admin = Admin.create(adminConfig());
            ApplicationReset reset = new ApplicationReset(admin, applicationId, stateDir, timeout);
            ApplicationReset.Plan plan = reset.plan();
            printPlan(plan, out);
            if (plan.refusal().isPresent()) {
                err.println("refused: " + plan.refusal().get());
                return 1;
            }
            if (dryRun) {
                out.println("dry run: nothing changed");
                return 0;
            }
            if (!yes && !confirmed(ask(question(plan), out))) {
                out.println("aborted; nothing changed");
                return 1;
            }
            ApplicationReset.Result result = reset.execute(plan);
            out.println("reset application '" + applicationId + "': "
                    + (result.groupDeleted() ? "deleted its consumer group, " : "no consumer group, ")
                    + result.deletedTopics().size() + " internal topics deleted, "
                    + (result.localStateDeleted() ? "local state deleted" : "no local state")
                    + "; the next start recomputes everything from the input topics");
            return 0;
        } catch (ApplicationReset.ActiveMembersException e) {
            err.println("refused: " + e.getMessage());
            return 1;
        } catch (IllegalStateException | IllegalArgumentException | UncheckedIOException | KafkaException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } finally {
            if (admin != null) {
                admin.close(Duration.ZERO); // abandons a pending call instead of waiting out its own timeout
            }
        }
    }

    static String question(ApplicationReset.Plan plan) {
        return "Reset application '" + plan.applicationId() + "' (" + plan.internalTopics().size()
                + " internal topics, offsets, local state)? [y/N] ";
    }

    /** Only an explicit yes counts; no answer (end of input) is a no. */
    static boolean confirmed(String answer) {
        if (answer == null) {
            return false;
        }
        String a = answer.strip().toLowerCase(Locale.ROOT);
        return a.equals("y") || a.equals("yes");
    }

    private static String ask(String question, PrintWriter out) {
        out.print(question);
        out.flush();
        try {
            return new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset())).readLine();
        } catch (IOException e) {
            return null;
        }
    }

    static void printPlan(ApplicationReset.Plan plan, PrintWriter out) {
        out.println("Reset plan for application '" + plan.applicationId() + "':");
        out.println(plan.groupType()
                .map(t -> "  delete consumer group '" + plan.applicationId() + "' (" + t.toString().toLowerCase(Locale.ROOT)
                        + ") and its committed offsets: the next start reads every input from the beginning")
                .orElse("  consumer group '" + plan.applicationId() + "': none"));
        out.println("  delete " + plan.internalTopics().size() + " internal topics");
        plan.internalTopics().forEach(t -> out.println("    " + t));
        if (!plan.skippedTopics().isEmpty()) {
            out.println("  keep " + plan.skippedTopics().size() + " matching topics of other applications (their "
                    + "group id starts with '" + plan.applicationId() + "-'): " + plan.skippedTopics());
        }
        out.println(plan.localStateExists() ? "  delete local state " + plan.localState()
                : "  local state " + plan.localState() + ": none");
        out.println("  keep input and output topics; state on other hosts: run reset there too, or delete "
                + "<state-dir>/" + plan.applicationId() + " there");
    }

    private Map<String, Object> adminConfig() {
        Map<String, Object> config = new HashMap<>(client.passthrough());
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, client.bootstrapServers);
        return config;
    }
}
