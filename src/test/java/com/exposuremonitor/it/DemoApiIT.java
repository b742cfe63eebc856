package com.exposuremonitor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.exposuremonitor.api.AvroJson;
import com.exposuremonitor.avro.DefaultRiskAlert;
import com.exposuremonitor.avro.OperatorExposure;
import com.exposuremonitor.replay.EventPublisher;
import com.exposuremonitor.replay.Scenario;
import com.exposuremonitor.runtime.Monitor;
import com.exposuremonitor.testing.EmbeddedKafkaExtension;
import com.exposuremonitor.testing.MonitorSettingsFixture;
import com.exposuremonitor.verify.ExpectedOutputs;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's wiring (broker, registry, monitor, HTTP API) with the bundled scenario: the API and the SSE
 * streams give exactly the figures and alert changes the pure domain computes for that scenario.
 */
class DemoApiIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension CLUSTER = new EmbeddedKafkaExtension();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path stateDir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theApiAndLiveStreamsShowTheScenariosFiguresAndAlertChanges() throws Exception {
        List<SpecificRecord> events = Scenario.aiDatacenters().records();
        ExpectedOutputs expected = ExpectedOutputs.of(events);
        try (Monitor monitor = Monitor.start(MonitorSettingsFixture.onCluster(CLUSTER, stateDir, 0))) {
            String base = monitor.url();
            await("the HTTP API reports UP").atMost(Duration.ofSeconds(60)).until(() -> get(base + "/health").statusCode() == 200);
            List<String> alertFrames = Collections.synchronizedList(new ArrayList<>());
            Thread sse = streamAlerts(base + "/alerts/stream", alertFrames);
            await("the SSE alert stream is subscribed").atMost(Duration.ofSeconds(10))
                    .until(() -> alertFrames.contains(":connected"));
            try (EventPublisher publisher = new EventPublisher(CLUSTER.bootstrapServers(), Map.of(), monitor.topics())) {
                events.forEach(publisher::send);
                publisher.flush();
            }
            Map<String, OperatorExposure> finals = expected.finalExposures();
            await("every operator's figures served as the domain computes them").atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> {
                        for (OperatorExposure e : finals.values()) {
                            HttpResponse<String> response = get(base + "/operators/" + e.getOperatorId());
                            assertThat(response.statusCode()).isEqualTo(200);
                            assertThat(JSON.readTree(response.body())).isEqualTo(AvroJson.toTree(e));
                        }
                    });
            JsonNode all = JSON.readTree(get(base + "/operators").body());
            assertThat(all).hasSize(finals.size());

            Set<String> expectedActive = activeKeys(expected);
            await("active alerts served").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode active = JSON.readTree(get(base + "/alerts?state=active").body());
                Set<String> keys = new TreeSet<>();
                Set<String> viewRules = new TreeSet<>();
                active.forEach(a -> {
                    if ("OPERATOR".equals(a.get("subjectType").asText())) {
                        keys.add(a.get("subjectId").asText() + "|" + a.get("rule").asText());
                    } else {
                        viewRules.add(a.get("rule").asText());
                    }
                });
                assertThat(keys).isEqualTo(expectedActive);
                assertThat(viewRules).containsExactly("COUNTERPARTY_CONTAGION", "LENDER_INDIRECT_CONCENTRATION",
                        "SYSTEMIC_COUNTERPARTY");
            });
            // The views: lab-openai is 25%+ of revenue at campus-abilene and colo-reno, and 100 days late.
            await("the counterparty view caught up (one repartition behind the feed)").atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> {
                        JsonNode openai = JSON.readTree(get(base + "/counterparties/lab-openai").body());
                        assertThat(openai.get("systemic").asBoolean()).isTrue();
                        assertThat(openai.get("maxDaysPastDue").asInt()).isGreaterThanOrEqualTo(90);
                    });
            JsonNode jpm = JSON.readTree(get(base + "/lenders/bank-jpm").body());
            assertThat(jpm.get("positions").size()).as("bank-jpm lends to three operators").isGreaterThanOrEqualTo(3);
            // Intermediate alerts depend on how the four input topics interleave; the final state does not.
            Map<String, String> expectedSeverities = finalSeverities(expected.alerts().values().stream()
                    .flatMap(List::stream).map(a -> (JsonNode) AvroJson.toTree(a)).toList());
            await("the SSE alert stream ends in the expected state").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(finalSeverities(frames(alertFrames))).isEqualTo(expectedSeverities));

            // History and point in time, through the versioned store and interactive queries v2.
            OperatorExposure last = finals.values().iterator().next();
            String id = last.getOperatorId();
            JsonNode history = JSON.readTree(get(base + "/operators/" + id + "/history?fields=dscr,revenue").body());
            assertThat(history.get("points").size()).as("published versions of %s", id).isPositive();
            JsonNode newest = history.get("points").get(history.get("points").size() - 1);
            assertThat(newest.get("asOf").asText()).isEqualTo(last.getAsOf().toString());
            assertThat(JSON.readTree(get(base + "/operators/" + id + "?asOf=" + last.getAsOf()).body()))
                    .isEqualTo(AvroJson.toTree(last));
            JsonNode first = history.get("points").get(0);
            java.time.Instant afterFirst = java.time.Instant.parse(first.get("asOf").asText()).plusMillis(1);
            JsonNode later = JSON.readTree(get(base + "/operators/" + id + "/history?fields=dscr&from=" + afterFirst)
                    .body());
            assertThat(later.get("points").size()).as("points from just after the first").isEqualTo(
                    history.get("points").size() - 1);
            later.get("points").forEach(p -> assertThat(java.time.Instant.parse(p.get("asOf").asText()))
                    .isAfterOrEqualTo(afterFirst));
            assertThat(get(base + "/operators/" + id + "?asOf="
                    + java.time.Instant.parse(first.get("asOf").asText()).minusMillis(1)).statusCode())
                    .as("before the first published exposure").isEqualTo(404);
            assertThat(get(base + "/operators/no-such-operator").statusCode()).isEqualTo(404);
            assertThat(get(base + "/operators/bad%20id!").statusCode()).isEqualTo(400);
            String metrics = get(base + "/metrics").body();
            assertThat(metrics).contains("kafka_stream")
                    .containsPattern("em_alerts_total\\{rule=\"[A-Z_]+\",severity=\"(WARNING|CRITICAL)\",transition=\"RAISED\"")
                    .contains("em_registry_retries_total").contains("em_registry_failures_total{kind=\"unavailable\"")
                    .contains("em_stream_thread_replacements_total")
                    .contains("em_input_lag{topic=\"" + monitor.topics().financings.name() + "\"} 0.0");
            sse.interrupt();
        }
    }

    /** operator|rule -> severity of its last operator alert change (RESOLVED ones dropped). */
    private static Map<String, String> finalSeverities(List<JsonNode> alerts) {
        Map<String, String> last = new java.util.TreeMap<>();
        alerts.stream().filter(a -> "OPERATOR".equals(a.get("subjectType").asText())).forEach(a -> last.put(a.get("subjectId").asText() + "|" + a.get("rule").asText(),
                a.get("severity").isNull() ? "" : a.get("severity").asText()));
        last.values().removeIf(String::isEmpty);
        return last;
    }

    private static List<JsonNode> frames(List<String> lines) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : List.copyOf(lines)) {
            if (line.startsWith("data:")) {
                out.add(JSON.readTree(line.substring(5).trim()));
            }
        }
        return out;
    }

    private static Set<String> activeKeys(ExpectedOutputs expected) {
        Map<String, DefaultRiskAlert> last = new java.util.TreeMap<>();
        expected.alerts().values().forEach(list -> list.forEach(a -> last.put(a.getSubjectId() + "|" + a.getRule(), a)));
        return last.entrySet().stream().filter(e -> e.getValue().getSeverity() != null).map(Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Collects SSE lines; ":connected" is added once the response headers arrived. */
    private Thread streamAlerts(String url, List<String> frames) {
        Thread thread = new Thread(() -> {
            try {
                HttpResponse<java.io.InputStream> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                frames.add(":connected");
                try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        frames.add(line);
                    }
                }
            } catch (Exception e) {
                frames.add(":closed " + e);
            }
        }, "sse-reader");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
