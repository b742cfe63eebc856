package com.exposuremonitor.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.exposuremonitor.confluent.SchemaRegistryClient;
import com.exposuremonitor.runtime.MonitorMetrics;
import com.exposuremonitor.runtime.StreamsProperties;
import com.exposuremonitor.topology.MonitorTopology;
import com.exposuremonitor.topology.TopicNames;
import com.exposuremonitor.topology.Topics;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every metric the example dashboard queries is one a monitor's /metrics serves. The meters come from the
 * monitor's own wiring (MonitorMetrics) over its topology, not yet started: starting only adds meters
 * (tasks, stores), so a name found here is served by every running instance.
 */
class GrafanaDashboardTest {
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)");
    /** A name not inside another token, not a function call. */
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w$.\"])([a-zA-Z_:][a-zA-Z0-9_:]*)\\b(?!\\s*\\()");
    private static final Set<String> PROMQL_WORDS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right", "bool", "and", "or", "unless", "offset");

    @TempDir
    Path stateDir;

    @Test
    void everyMetricTheDashboardQueriesIsOneTheMonitorServes() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(Path.of("examples", "grafana-dashboard.json").toFile());
        Set<String> queried = queriedMetrics(dashboard);

        assertThat(queried).as("metrics found in the dashboard").hasSizeGreaterThanOrEqualTo(10)
                .contains("kafka_stream_thread_process_rate", "jvm_memory_used_bytes");
        assertThat(queried).isSubsetOf(servedMetrics());
    }

    @Test
    void theQueryReaderFindsMetricsAndNothingElse() {
        JsonNode dashboard = new ObjectMapper().createObjectNode().put("expr",
                "sum by (instance, area) (rate(foo_total{instance=~\"$instance\", area=\"heap\"}[5m])) / on (x) bar");

        assertThat(queriedMetrics(dashboard)).containsExactlyInAnyOrder("foo_total", "bar");
    }

    private Set<String> servedMetrics() {
        Topics topics = new Topics(TopicNames.defaults(), new SchemaRegistryClient("http://127.0.0.1:1"));
        PrometheusMeterRegistry registry = MonitorMetrics.registry();
        try (KafkaStreams streams = new KafkaStreams(
                MonitorTopology.buildMonitorTopology(topics, MonitorTopology.Options.defaults()),
                StreamsProperties.of("dashboard-test", "127.0.0.1:1", "http://127.0.0.1:1", stateDir,
                        TopicNames.defaults(), Map.of()))) {
            MonitorMetrics.bind(streams, registry);
            Set<String> names = new TreeSet<>();
            registry.scrape().lines().filter(l -> !l.startsWith("#") && !l.isBlank())
                    .forEach(l -> names.add(l.split("[{ ]", 2)[0]));
            streams.close(Duration.ofSeconds(10));
            return names;
        }
    }

    /** Metric names in every panel query and template query; labels, ranges, functions and keywords left out. */
    static Set<String> queriedMetrics(JsonNode dashboard) {
        Set<String> names = new TreeSet<>();
        dashboard.path("templating").path("list").forEach(v -> {
            Matcher m = LABEL_VALUES.matcher(v.path("query").asText());
            while (m.find()) {
                names.add(m.group(1));
            }
        });
        for (JsonNode expr : dashboard.findValues("expr")) {
            String bare = expr.asText().replaceAll("\\{[^}]*}", " ").replaceAll("\\[[^]]*]", " ")
                    .replaceAll("\\b(by|without|on|ignoring)\\s*\\([^)]*\\)", " ");
            Matcher m = IDENTIFIER.matcher(bare);
            while (m.find()) {
                if (!PROMQL_WORDS.contains(m.group(1))) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }
}
