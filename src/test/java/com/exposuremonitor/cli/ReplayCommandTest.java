package com.exposuremonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.exposuremonitor.replay.JsonEvents;
import com.exposuremonitor.replay.Scenario;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The parts of replay that need no broker: validation, summary, progress, exit codes before sending. */
class ReplayCommandTest {
    /** Nothing listens on port 1: any attempt to reach Kafka would fail or time out. */
    private static final String NO_BROKER = "127.0.0.1:1";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void batchCountsEventsByKindAndNamesEachRejectionWithFileAndLine() throws Exception {
        Path a = write("a.jsonl", valid(0), "# comment", "{not json", "", valid(1));
        Path b = write("b.jsonl", "{\"kind\":\"loan\"}", valid(2));

        ReplayCommand.Batch batch = ReplayCommand.Batch.read(List.of(a, b));

        assertThat(batch.events()).hasSize(3);
        assertThat(batch.rejections()).hasSize(2);
        assertThat(batch.rejections().get(0)).startsWith(a + ":3: malformed JSON");
        assertThat(batch.rejections().get(1)).startsWith(b + ":1: unknown kind \"loan\"");
        assertThat(batch.summary("sent")).isEqualTo("sent 3 events (financing 3, gpu-delivery 0, "
                + "revenue-report 0, payment-delay 0), rejected 2");
    }

    @Test
    void dryRunValidatesWithoutContactingKafka() throws Exception {
        Path clean = write("clean.jsonl", valid(0), valid(1));
        Path dirty = write("dirty.jsonl", valid(0), "[]");

        assertThat(run("--dry-run", clean.toString())).isEqualTo(0);
        assertThat(run("--dry-run", dirty.toString())).isEqualTo(2);
        assertThat(out.toString())
                .contains("would send 2 events (financing 2, gpu-delivery 0, revenue-report 0, payment-delay 0), "
                        + "rejected 0; nothing sent (--dry-run)")
                .contains(dirty + ":2: expected a JSON object, got");
    }

    @Test
    void failOnRejectSendsNothingAndExitsOne() throws Exception {
        Path dirty = write("dirty.jsonl", valid(0), "{\"kind\":\"financing\"}");

        assertThat(run("--fail-on-reject", dirty.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("would send 1 events").contains("nothing sent (--fail-on-reject)")
                .contains(dirty + ":2: missing required field 'eventId'");
    }

    @Test
    void anUnreadableFileSendsNothing() throws Exception {
        Path clean = write("clean.jsonl", valid(0));

        assertThat(run(clean.toString(), dir.resolve("missing.jsonl").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("cannot read").contains("missing.jsonl").contains("nothing sent");
    }

    @Test
    void anUnreachableBrokerFailsWithinTheTimeoutWithAClearMessage() throws Exception {
        Path clean = write("clean.jsonl", valid(0));

        assertThat(run("--timeout", "PT2S", clean.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("cannot reach Kafka at " + NO_BROKER + " within 2 s; nothing sent");
    }

    @Test
    void anUnusableKafkaSettingFailsWithAMessageNotAStackTrace() throws Exception {
        Path clean = write("clean.jsonl", valid(0));

        assertThat(run("--kafka-config", "security.protocol=NOPE", clean.toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith("error: ").contains("security.protocol").doesNotContain("\tat ");
    }

    @Test
    void usageErrorsHaveTheirOwnExitCode() {
        assertThat(run()).isEqualTo(64);
        assertThat(run("--timeout", "soon", "x.jsonl")).isEqualTo(64);
    }

    @Test
    void shiftToNowMovesEveryFileByTheDemosShiftSoTheStoryEndsInTheMonthBeforeNow() throws Exception {
        Instant now = Instant.parse("2027-03-15T10:00:00Z");
        List<SpecificRecord> scenario = Scenario.aiDatacenters().records();
        int half = scenario.size() / 2;
        Path first = write("first.jsonl", lines(scenario.subList(0, half)));
        Path second = write("second.jsonl", lines(scenario.subList(half, scenario.size())));
        List<SpecificRecord> demo = Scenario.endingBy(scenario, now);
        Instant latest = demo.stream().map(Scenario::eventTime).max(Instant::compareTo).orElseThrow();

        ReplayCommand command = new ReplayCommand();
        command.clock = Clock.fixed(now, ZoneOffset.UTC);
        int code = new CommandLine(command).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute("--dry-run", "--shift-to-now", first.toString(), second.toString());

        assertThat(code).isEqualTo(0);
        assertThat(out.toString()).contains("dates moved by " + Scenario.monthsToEndBy(scenario, now)
                + " months; the latest event is now at " + latest);
        assertThat(latest).isBefore(now).isAfter(now.atZone(ZoneOffset.UTC).minusMonths(1).toInstant());
        assertThat(ReplayCommand.Batch.read(List.of(first, second)).endingBy(now).events())
                .as("what is sent is what the demo sends").isEqualTo(demo);
    }

    @Test
    void withoutShiftToNowTheDatesAreKept() throws Exception {
        Path clean = write("clean.jsonl", valid(0));

        assertThat(run("--dry-run", clean.toString())).isEqualTo(0);
        assertThat(out.toString()).doesNotContain("dates moved");
        assertThat(ReplayCommand.Batch.read(List.of(clean)).events()).isEqualTo(JsonEvents.readString(valid(0)).records());
    }

    @Test
    void helpPointsToTheFormatDocument() {
        StringWriter help = new StringWriter();
        new CommandLine(new Main()).getSubcommands().get("replay").usage(new PrintWriter(help, true));

        assertThat(help.toString().replaceAll("\\s+", " ")).contains("docs/events.md").contains("--shift-to-now")
                .doesNotContain("see README");
    }

    @Test
    void progressPrintsOneLinePerTenthWithoutATerminal() {
        StringWriter text = new StringWriter();
        ReplayCommand.Progress progress = new ReplayCommand.Progress(new PrintWriter(text), 25, false);
        for (int i = 1; i <= 25; i++) {
            progress.update(i);
        }
        List<String> lines = text.toString().lines().toList();
        assertThat(lines).hasSize(10).startsWith("acknowledged 3/25 (10%)").endsWith("acknowledged 25/25 (100%)");
    }

    @Test
    void progressRedrawsOneBarOnATerminal() {
        StringWriter text = new StringWriter();
        ReplayCommand.Progress progress = new ReplayCommand.Progress(new PrintWriter(text), 2, true);
        progress.update(1);
        progress.update(2);
        assertThat(text.toString()).startsWith("\r[###############               ] 50% 1/2")
                .endsWith("\r[##############################] 100% 2/2" + System.lineSeparator());
    }

    private int run(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "replay";
        all[1] = "--bootstrap-servers=" + NO_BROKER;
        System.arraycopy(args, 0, all, 2, args.length);
        return new CommandLine(new Main()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(all);
    }

    /** The n-th financing of the bundled scenario as one JSON line. */
    private static String valid(int n) {
        List<SpecificRecord> financings = Scenario.aiDatacenters().records().stream()
                .filter(r -> r instanceof com.exposuremonitor.avro.Financing).toList();
        return JsonEvents.write(financings.get(n));
    }

    private static String[] lines(List<SpecificRecord> events) {
        return events.stream().map(JsonEvents::write).toArray(String[]::new);
    }

    private Path write(String name, String... lines) throws Exception {
        return Files.write(dir.resolve(name), List.of(lines));
    }
}
