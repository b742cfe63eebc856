package com.exposuremonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.exposuremonitor.runtime.ApplicationReset;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.common.GroupType;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The parts of reset (and the shared options) that need no broker. */
class ResetCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void onlyAnExplicitYesConfirms() {
        assertThat(List.of("y", "Y", " yes ", "YES")).allMatch(ResetCommand::confirmed);
        assertThat(new String[] {null, "", "n", "no", "yep", "  "}).noneMatch(ResetCommand::confirmed);
    }

    @Test
    void internalTopicsAreTheApplicationsChangelogsAndRepartitionTopics() {
        assertThat(ApplicationReset.isInternalTopic("em", "em-operator-aggregates-changelog")).isTrue();
        assertThat(ApplicationReset.isInternalTopic("em", "em-KSTREAM-KEY-SELECT-0000000002-repartition")).isTrue();
        assertThat(ApplicationReset.isInternalTopic("em", "em.financings")).isFalse();
        assertThat(ApplicationReset.isInternalTopic("em", "emx-store-changelog")).isFalse();
        assertThat(ApplicationReset.isInternalTopic("em", "em-changelog-archive")).isFalse();
    }

    @Test
    void thePlanAndTheQuestionNameEverythingThatWillBeDeleted() {
        ApplicationReset.Plan plan = new ApplicationReset.Plan("em", Optional.of(GroupType.CLASSIC), List.of(),
                new TreeSet<>(List.of("em-b-changelog", "em-a-changelog")), new TreeSet<>(),
                Path.of("state", "em"), true);
        StringWriter text = new StringWriter();
        ResetCommand.printPlan(plan, new PrintWriter(text, true));

        assertThat(text.toString()).contains("delete consumer group 'em' (classic) and its committed offsets")
                .contains("delete 2 internal topics\n    em-a-changelog\n    em-b-changelog".replace("\n",
                        System.lineSeparator()))
                .contains("delete local state " + Path.of("state", "em"));
        assertThat(ResetCommand.question(plan))
                .isEqualTo("Reset application 'em' (2 internal topics, offsets, local state)? [y/N] ");
    }

    @Test
    void anApplicationIdThatIsNotATopicNamePrefixIsRefusedBeforeAnythingIsDeleted() {
        int code = run("--application-id", "../home", "--yes");
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("not a valid application id: '../home'");
    }

    @Test
    void anUnreachableBrokerFailsWithinTheTimeoutWithAClearMessage() {
        assertThat(run("--timeout", "PT2S", "--yes")).isEqualTo(1);
        assertThat(err.toString()).contains("no answer from Kafka within 2 s");
    }

    /** The options replay and reset share with run keep run's flags, env vars and defaults. */
    @Test
    void sharedOptionsHaveTheSameDefaultsAndHelpAsRun() {
        Map<String, OptionSpec> run = options(new CommandLine(new Main()).getSubcommands().get("run"));
        for (String name : List.of("replay", "reset")) {
            Map<String, OptionSpec> own = options(new CommandLine(new Main()).getSubcommands().get(name));
            own.keySet().stream().filter(run::containsKey).forEach(option -> {
                assertThat(own.get(option).defaultValue()).as(name + " " + option)
                        .isEqualTo(run.get(option).defaultValue());
                assertThat(own.get(option).description()).as(name + " " + option)
                        .isEqualTo(run.get(option).description());
            });
        }
        assertThat(options(new CommandLine(new Main()).getSubcommands().get("replay")).keySet())
                .contains("--bootstrap-servers", "--schema-registry-url", "--topic-prefix", "--config",
                        "--kafka-config");
        assertThat(options(new CommandLine(new Main()).getSubcommands().get("reset")).keySet())
                .contains("--bootstrap-servers", "--application-id", "--state-dir", "--config", "--kafka-config");
    }

    private static Map<String, OptionSpec> options(CommandLine command) {
        CommandSpec spec = command.getCommandSpec();
        return spec.options().stream().collect(Collectors.toMap(OptionSpec::longestName, Function.identity()));
    }

    private int run(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "reset";
        all[1] = "--bootstrap-servers=127.0.0.1:1";
        System.arraycopy(args, 0, all, 2, args.length);
        return new CommandLine(new Main()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(all);
    }
}
