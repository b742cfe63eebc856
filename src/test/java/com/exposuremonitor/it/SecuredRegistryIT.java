package com.exposuremonitor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.exposuremonitor.cli.Main;
import com.exposuremonitor.embedded.EmbeddedSchemaRegistry;
import com.exposuremonitor.embedded.RegistrySecurity;
import com.exposuremonitor.reliability.Reliability;
import com.exposuremonitor.replay.JsonEvents;
import com.exposuremonitor.runtime.Monitor;
import com.exposuremonitor.runtime.MonitorSettings;
import com.exposuremonitor.testing.EmbeddedKafkaExtension;
import com.exposuremonitor.testing.SampleEvents;
import com.exposuremonitor.testing.TestCertificates;
import com.exposuremonitor.verify.VerifierReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The whole monitor against a registry that demands basic credentials over HTTPS with its own certificate,
 * given only as Confluent's keys in the Kafka client settings: {@code replay --config} sends the events, the
 * monitor processes them and its live feed shows the exposure, and the verifier reads every output. Each of
 * these has its own registry client, so each one the keys did not reach would fail here with a 401 or an
 * untrusted certificate.
 */
class SecuredRegistryIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension CLUSTER = new EmbeddedKafkaExtension();
    private static final String PASSWORD = "monitor-pw";

    @TempDir
    Path work;

    @Test
    void theMonitorReplayAndVerifierUseTheRegistryCredentialsAndTrustStoreOfTheKafkaConfig() throws Exception {
        TestCertificates certs = TestCertificates.generate(Files.createDirectory(work.resolve("certs")));
        String run = Reliability.runId();
        Map<String, String> registryKeys = Map.of(
                "basic.auth.credentials.source", "USER_INFO",
                "basic.auth.user.info", "monitor:" + PASSWORD,
                "schema.registry.ssl.truststore.location", certs.serverTrustStore().toString(),
                "schema.registry.ssl.truststore.password", TestCertificates.PASSWORD,
                "schema.registry.ssl.truststore.type", "PKCS12");
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(CLUSTER.bootstrapServers(), "127.0.0.1",
                0, "_schemas_secured_" + run, RegistrySecurity.none().withBasicUser("monitor", PASSWORD)
                        .withTls(certs.serverKeyStore(), TestCertificates.PASSWORD));
             Monitor monitor = Monitor.start(Reliability.settings(CLUSTER.bootstrapServers(), registry.url(),
                     work.resolve("state"), run, 100, registryKeys))) {
            Set<String> onFeed = ConcurrentHashMap.newKeySet();
            monitor.feed().subscribeExposures(e -> onFeed.add(e.getOperatorId()));
            await("monitor RUNNING").atMost(Duration.ofMinutes(1))
                    .until(() -> monitor.streams().state() == KafkaStreams.State.RUNNING);
            Path events = work.resolve("events.jsonl");
            Files.write(events, List.of(JsonEvents.write(SampleEvents.bond("op-sec", 1)),
                    JsonEvents.write(SampleEvents.batch("op-sec", 1))));

            Replay withoutKeys = replay(monitor.settings(), registry.url(), null, events);
            assertThat(withoutKeys.code).as("replay without the registry keys; %s", withoutKeys.err).isEqualTo(1);
            assertThat(withoutKeys.err).contains("certificate is not trusted");

            Replay withKeys = replay(monitor.settings(), registry.url(), propertiesFile(registryKeys), events);
            assertThat(withKeys.code).as("replay --config with the registry keys; %s", withKeys.err).isZero();
            await("the exposure of op-sec on the live feed").atMost(Duration.ofMinutes(1))
                    .until(() -> onFeed.contains("op-sec"));
            VerifierReport report = Reliability.awaitVerified(Reliability.verifier(monitor.settings()),
                    Duration.ofMinutes(2), "the monitor's outputs, read by the verifier through the secured registry");
            assertThat(report.validEvents()).isEqualTo(2);
            assertThat(monitor.threadFailures().fatal()).isEmpty();
        }
    }

    private record Replay(int code, String err) {
    }

    private static Replay replay(MonitorSettings s, String registryUrl, Path config, Path events) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> args = new java.util.ArrayList<>(List.of("replay", "--bootstrap-servers", s.bootstrapServers(),
                "--schema-registry-url", registryUrl, "--topic-prefix", s.topicPrefix(), "--timeout", "PT20S"));
        if (config != null) {
            args.addAll(List.of("--config", config.toString()));
        }
        args.add(events.toString());
        int code = new CommandLine(new Main()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args.toArray(String[]::new));
        return new Replay(code, out + "\n" + err);
    }

    private Path propertiesFile(Map<String, String> settings) throws Exception {
        Properties props = new Properties();
        props.putAll(settings);
        Path file = work.resolve("client.properties");
        try (Writer writer = Files.newBufferedWriter(file)) {
            props.store(writer, "Kafka client settings, with the schema registry's");
        }
        return file;
    }
}
