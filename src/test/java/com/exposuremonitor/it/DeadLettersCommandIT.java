package com.exposuremonitor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.exposuremonitor.cli.Main;
import com.exposuremonitor.reliability.Reliability;
import com.exposuremonitor.runtime.Monitor;
import com.exposuremonitor.runtime.MonitorSettings;
import com.exposuremonitor.testing.EmbeddedKafkaExtension;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * On a real broker with a running monitor: a bad record's dead letter is listed by errorType, shown with
 * its reason and original headers, and re-sent to its source topic as it arrived (there it is rejected
 * again, which shows the original bytes and headers went back).
 */
class DeadLettersCommandIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension CLUSTER = new EmbeddedKafkaExtension();
    private static final Pattern POSITION = Pattern.compile("^(\\d+@\\d+)  DESERIALIZATION", Pattern.MULTILINE);

    @TempDir
    Path state;

    @Test
    void listShowAndResendADeadLetter() throws Exception {
        String run = Reliability.runId();
        MonitorSettings settings = Reliability.settings(CLUSTER.bootstrapServers(), CLUSTER.registryUrl(), state, run,
                200, Map.of());
        try (Monitor monitor = Monitor.start(settings)) {
            await("monitor RUNNING").atMost(Duration.ofMinutes(1))
                    .until(() -> monitor.streams().state() == KafkaStreams.State.RUNNING);
            sendGarbage(monitor.topics().financings.name());
            await("the dead letter is listed").atMost(Duration.ofMinutes(1))
                    .until(() -> cli("list", settings).contains("1 dead letters {DESERIALIZATION=1}"));
            String listed = cli("list", settings);
            assertThat(listed).contains(monitor.topics().financings.name() + "-").contains("magic byte");
            assertThat(cli("list", settings, "--type", "VALIDATION")).contains("0 dead letters");

            Matcher at = POSITION.matcher(listed);
            assertThat(at.find()).as("a position in %s", listed).isTrue();
            String shown = cli("show", settings, at.group(1));
            assertThat(shown).contains("errorType: DESERIALIZATION").contains("reason:    ")
                    .contains("key:       op-1").contains("header:    trace-id = t-7");

            assertThat(cli("resend", settings, "--type", "DESERIALIZATION")).contains("re-sent 1 dead letters");
            await("the re-sent record is rejected again, from its new offset").atMost(Duration.ofMinutes(1))
                    .until(() -> cli("list", settings).contains("2 dead letters {DESERIALIZATION=2}"));
            List<String> positions = new ArrayList<>();
            Matcher again = POSITION.matcher(cli("list", settings));
            while (again.find()) {
                positions.add(again.group(1));
            }
            assertThat(cli("show", settings, positions.get(1))).contains("header:    trace-id = t-7")
                    .contains("key:       op-1");
            HttpResponse<String> metrics = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(monitor.url() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            // A letter without KIP-1034 headers (an old envelope) names no input topic: nothing is sent.
            sendRaw(monitor.topics().deadLetters.name(), "op-1", "old envelope");
            StringWriter err = new StringWriter();
            int code = new CommandLine(new Main()).setErr(new PrintWriter(err, true)).execute("dead-letters", "resend",
                    "--type", "UNKNOWN", "--bootstrap-servers", settings.bootstrapServers(), "--topic-prefix",
                    settings.topicPrefix());
            assertThat(code).isEqualTo(1);
            assertThat(err.toString()).contains("nothing sent").contains("did not come from an input topic");
            assertThat(metrics.body()).as("both dead letters counted")
                    .containsPattern("em_dead_letters_total\\{error_type=\"DESERIALIZATION\"[^}]*} 2.0");
        }
    }

    private static void sendRaw(String topic, String key, String value) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, CLUSTER.bootstrapServers());
        try (KafkaProducer<byte[], byte[]> producer =
                     new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8),
                    value.getBytes(StandardCharsets.UTF_8))).get();
        }
    }

    private static void sendGarbage(String topic) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, CLUSTER.bootstrapServers());
        try (KafkaProducer<byte[], byte[]> producer =
                     new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            ProducerRecord<byte[], byte[]> garbage = new ProducerRecord<>(topic,
                    "op-1".getBytes(StandardCharsets.UTF_8), "not avro".getBytes(StandardCharsets.UTF_8));
            garbage.headers().add("trace-id", "t-7".getBytes(StandardCharsets.UTF_8));
            producer.send(garbage).get();
        }
    }

    private static String cli(String command, MonitorSettings s, String... more) {
        StringWriter out = new StringWriter();
        List<String> args = new ArrayList<>(List.of("dead-letters", command, "--bootstrap-servers",
                s.bootstrapServers(), "--topic-prefix", s.topicPrefix()));
        args.addAll(List.of(more));
        int code = new CommandLine(new Main()).setOut(new PrintWriter(out, true))
                .execute(args.toArray(String[]::new));
        assertThat(code).as("exit code of %s: %s", args, out).isZero();
        return out.toString();
    }
}
