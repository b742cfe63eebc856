package com.exposuremonitor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.exposuremonitor.api.LiveFeed;
import com.exposuremonitor.confluent.SchemaRegistryClient;
import com.exposuremonitor.reliability.EventGenerator;
import com.exposuremonitor.reliability.Reliability;
import com.exposuremonitor.replay.EventPublisher;
import com.exposuremonitor.runtime.Monitor;
import com.exposuremonitor.runtime.MonitorSettings;
import com.exposuremonitor.runtime.StreamsProperties;
import com.exposuremonitor.testing.EmbeddedKafkaExtension;
import com.exposuremonitor.topology.MonitorTopology;
import com.exposuremonitor.topology.TopicNames;
import com.exposuremonitor.topology.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Security basics of a running monitor: the HTTP API refuses requests without the configured bearer token
 * and malformed ids, and no secret (the API token, a JAAS config's password) ever appears in a response, a
 * log line or the settings' toString; Kafka security settings pass through unchanged to the Streams
 * clients, the admin client and the live-feed consumer, and are masked in their logged configs.
 */
class SecurityIT {
    private static final String TOKEN = "tok-3f9a7c1e-never-shown";
    private static final String JAAS_PASSWORD = "jaas-pw-81d2-never-shown";
    private static final String JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required "
            + "username=\"monitor\" password=\"" + JAAS_PASSWORD + "\";";

    @RegisterExtension
    static final EmbeddedKafkaExtension CLUSTER = new EmbeddedKafkaExtension();

    @TempDir
    Path stateDir;

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final List<String> bodies = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private Level kafkaLevel;

    @BeforeEach
    void captureLogs() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        logs.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(logs);
        Logger kafka = context.getLogger("org.apache.kafka");
        kafkaLevel = kafka.getLevel();
        kafka.setLevel(Level.INFO); // so the clients' config dumps are captured too
    }

    @AfterEach
    void restoreLogs() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(logs);
        context.getLogger("org.apache.kafka").setLevel(kafkaLevel);
        logs.stop();
    }

    @Test
    void theApiNeedsTheTokenRejectsBadIdsAndNoSecretIsEverShown() throws Exception {
        MonitorSettings base = Reliability.settings(CLUSTER.bootstrapServers(), CLUSTER.registryUrl(), stateDir,
                Reliability.runId(), 100, Map.of("sasl.jaas.config", JAAS, "ssl.key.password", JAAS_PASSWORD));
        MonitorSettings settings = new MonitorSettings(base.bootstrapServers(), base.schemaRegistryUrl(),
                base.applicationId(), base.stateDir(), base.httpHost(), base.httpPort(), base.topicPrefix(),
                base.partitions(), base.replicationFactor(), base.createTopics(), base.processingGuarantee(),
                base.commitIntervalMs(), base.clockInterval(), base.standbyReplicas(), base.streamThreads(), TOKEN,
                base.kafkaConfig());
        assertThat(settings.toString()).doesNotContain(TOKEN).doesNotContain(JAAS_PASSWORD).contains("[hidden]");

        try (Monitor monitor = Monitor.start(settings)) {
            try (EventPublisher publisher = new EventPublisher(CLUSTER.bootstrapServers(), Map.of(), monitor.topics())) {
                new EventGenerator(1, 3).next(30).forEach(publisher::send);
                publisher.flush();
            }
            String url = monitor.url();
            await("an operator is served").atMost(Duration.ofMinutes(1))
                    .until(() -> get(url + "/operators/op-0", "Bearer " + TOKEN).statusCode() == 200);

            assertThat(get(url + "/health", null).statusCode()).as("/health needs no token").isEqualTo(200);
            for (String path : List.of("/operators", "/operators/op-0", "/alerts?state=active", "/metrics",
                    "/openapi.json", "/counterparties/cp-1", "/lenders/lender-1")) {
                assertThat(get(url + path, null).statusCode()).as("%s without a token", path).isEqualTo(401);
                assertThat(get(url + path, "Bearer wrong-" + TOKEN).statusCode()).as("%s, wrong token", path)
                        .isEqualTo(401);
                assertThat(get(url + path, "Bearer " + TOKEN.substring(0, TOKEN.length() - 1)).statusCode())
                        .as("%s, a prefix of the token", path).isEqualTo(401);
                assertThat(get(url + path, "Basic " + TOKEN).statusCode()).as("%s, not a bearer", path)
                        .isEqualTo(401);
                assertThat(get(url + path, TOKEN).statusCode()).as("%s, the bare token", path).isEqualTo(401);
                HttpResponse<String> ok = get(url + path, "Bearer " + TOKEN);
                assertThat(ok.statusCode()).as("%s with the token", path).isIn(200, 404);
                assertThat(ok.headers().map().toString()).doesNotContain(TOKEN);
            }
            String oversized = "o".repeat(65);
            for (String bad : List.of(oversized, "x".repeat(300), "bad%20id", "..%2F..%2Fetc%2Fpasswd", "op%00",
                    "%3Cscript%3E", "op%2C1", "%E2%82%AC")) {
                for (String kind : List.of("operators", "counterparties", "lenders")) {
                    HttpResponse<String> r = get(url + "/" + kind + "/" + bad, "Bearer " + TOKEN);
                    assertThat(r.statusCode()).as("/%s/%s", kind, bad).isEqualTo(400);
                    assertThat(r.body()).as("the id is not echoed whole").doesNotContain("x".repeat(65));
                }
            }
            assertThat(get(url + "/feed?operatorId=" + oversized, "Bearer " + TOKEN).statusCode()).isEqualTo(400);
        }
        assertThat(bodies).as("response bodies").isNotEmpty()
                .noneMatch(b -> b.contains(TOKEN))
                .noneMatch(b -> b.contains(JAAS_PASSWORD));
        assertNoSecretLogged();
    }

    /**
     * SASL_SSL settings reach every client unchanged. The Streams properties are built exactly as the monitor
     * builds them, and Kafka Streams derives its consumers', producer's and admin's configs from them; the
     * monitor's own admin (topic check) logs its config before it fails to reach the PLAINTEXT test broker.
     */
    @Test
    void saslSslSettingsPassThroughUnchangedAndAreMaskedInLogs() {
        Map<String, String> security = new LinkedHashMap<>();
        security.put("security.protocol", "SASL_SSL");
        security.put("sasl.mechanism", "PLAIN");
        security.put("sasl.jaas.config", JAAS);
        security.put("ssl.endpoint.identification.algorithm", "https");
        TopicNames names = TopicNames.withPrefix("sec.");
        Properties props = StreamsProperties.of("sec-app", CLUSTER.bootstrapServers(), CLUSTER.registryUrl(), stateDir,
                names, security);
        StreamsConfig config = new StreamsConfig(props);
        List<Map<String, Object>> clients = List.of(config.getMainConsumerConfigs("sec-app", "c", 0),
                config.getRestoreConsumerConfigs("c"), config.getGlobalConsumerConfigs("c"),
                config.getProducerConfigs("c"), config.getAdminConfigs("c"));
        for (Map<String, Object> client : clients) {
            security.forEach((k, v) -> assertThat(String.valueOf(client.get(k))).as(k).isEqualTo(v));
        }
        // The real clients are created (not connected) when KafkaStreams is constructed: their logged configs
        try (KafkaStreams streams = new KafkaStreams(MonitorTopology.buildMonitorTopology(
                new Topics(names, new SchemaRegistryClient(CLUSTER.registryUrl())), Reliability.NO_CLOCK_TICK), props)) {
            assertThat(streams.state()).isEqualTo(KafkaStreams.State.CREATED);
        }
        Topics topics = new Topics(names, new SchemaRegistryClient(CLUSTER.registryUrl()));
        int beforeFeed = logs.list.size();
        try (LiveFeed feed = new LiveFeed(CLUSTER.bootstrapServers(), security, topics)) {
            // Its consumer is created with the settings (then closed): its logged config says so, masked.
            assertThat(messages().subList(beforeFeed, messages().size()))
                    .filteredOn(m -> m.contains("client.id = exposure-monitor-live-feed"))
                    .as("the live feed's consumer config, logged as it was created").isNotEmpty()
                    .allSatisfy(m -> assertThat(m).contains("security.protocol = SASL_SSL")
                            .contains("sasl.jaas.config = [hidden]"));
        }
        Map<String, String> fast = new LinkedHashMap<>(security);
        fast.put("default.api.timeout.ms", "3000");
        fast.put("request.timeout.ms", "2000");
        MonitorSettings settings = Reliability.settings(CLUSTER.bootstrapServers(), CLUSTER.registryUrl(), stateDir,
                Reliability.runId(), 100, fast);
        int before = logs.list.size();
        assertThatThrownBy(() -> Monitor.start(settings).close()).as("no TLS on the test broker")
                .hasMessageNotContaining(JAAS_PASSWORD);
        List<String> monitorAdmin = messages().subList(before, messages().size()).stream()
                .filter(m -> m.contains("AdminClientConfig values")).toList();
        assertThat(monitorAdmin).as("the monitor's admin client config").isNotEmpty()
                .allSatisfy(m -> assertThat(m).contains("security.protocol = SASL_SSL")
                        .contains("sasl.jaas.config = [hidden]"));
        // Kafka Streams' clients (client.id sec-app-...) and the live feed's consumer
        List<String> configDumps = messages().stream().filter(m -> m.contains("security.protocol = "))
                .filter(m -> m.contains("client.id = sec-app") || m.contains("client.id = exposure-monitor-live-feed"))
                .toList();
        assertThat(configDumps).as("logged client configs").isNotEmpty()
                .allSatisfy(m -> assertThat(m).contains("security.protocol = SASL_SSL")
                        .contains("sasl.jaas.config = [hidden]"));
        assertThat(configDumps).as("the live feed's consumer")
                .anyMatch(m -> m.contains("client.id = exposure-monitor-live-feed"));
        assertThat(configDumps).anyMatch(m -> m.contains("AdminClientConfig"))
                .anyMatch(m -> m.contains("ConsumerConfig")).anyMatch(m -> m.contains("ProducerConfig"));
        assertThat(monitorAdmin).hasSizeGreaterThanOrEqualTo(1);
        assertNoSecretLogged();
    }

    private void assertNoSecretLogged() {
        List<String> all = messages();
        assertThat(all).as("log lines captured").isNotEmpty();
        assertThat(all).as("log lines").noneMatch(m -> m.contains(TOKEN)).noneMatch(m -> m.contains(JAAS_PASSWORD));
    }

    private List<String> messages() {
        List<String> out = new ArrayList<>();
        for (ILoggingEvent e : List.copyOf(logs.list)) {
            StringBuilder text = new StringBuilder(e.getLoggerName()).append(' ').append(e.getFormattedMessage());
            for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                text.append(' ').append(t.getMessage());
            }
            out.add(text.toString());
        }
        return out;
    }

    private HttpResponse<String> get(String url, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        bodies.add(response.body());
        return response;
    }
}
