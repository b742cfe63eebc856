package com.exposuremonitor.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.exposuremonitor.avro.AlertTransition;
import com.exposuremonitor.avro.DefaultRiskAlert;
import com.exposuremonitor.avro.Severity;
import com.exposuremonitor.avro.SubjectType;
import com.exposuremonitor.confluent.SchemaRegistryClient;
import com.exposuremonitor.topology.MonitorTopology;
import com.exposuremonitor.topology.TopicNames;
import com.exposuremonitor.topology.Topics;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every metric examples/grafana-dashboard.json queries is one a monitor's /metrics serves. The meters are
 * registered as {@link Monitor}'s constructor registers them, over its topology not yet started: starting only
 * adds meters (tasks, stores). The monitor's counters of dead letters and alerts appear with the first of
 * each, so one of each is counted.
 */
class GrafanaDashboardTest {
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)");
    /** A name not inside another token and not a function call. */
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
                .contains("kafka_stream_thread_process_rate", "jvm_memory_used_bytes", "em_dead_letters_total");
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
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        MonitorMetrics own = new MonitorMetrics(registry).watchRegistry(topics.registry())
                .watchThreads(new StreamThreadFailures(ThreadRestarts.defaults()));
        MonitorSettings settings = new MonitorSettings("127.0.0.1:1", "http://127.0.0.1:1", "dashboard-test",
                stateDir, "127.0.0.1", 0, "em.", 3, (short) 1, true, "exactly_once_v2", 100, Duration.ofHours(1), 0, 1,
                null, Map.of());
        try (KafkaStreams streams = new KafkaStreams(MonitorTopology.buildMonitorTopology(topics,
                settings.topologyOptions().withCounters(own)), Monitor.streamsProperties(settings,
                new org.apache.kafka.streams.state.HostInfo("127.0.0.1", 8080)))) {
            own.watchLag(streams, List.of(topics.financings.name()));
            new KafkaStreamsMetrics(streams).bindTo(registry);
            own.deadLetter("VALIDATION");
            own.alert(alert());
            Set<String> names = new TreeSet<>();
            registry.scrape().lines().filter(l -> !l.startsWith("#") && !l.isBlank())
                    .forEach(l -> names.add(l.split("[{ ]", 2)[0]));
            streams.close(Duration.ofSeconds(10));
            return names;
        }
    }

    private static DefaultRiskAlert alert() {
        Instant t = Instant.parse("2026-06-01T00:00:00Z");
        return DefaultRiskAlert.newBuilder().setAlertId("OPERATOR:op-1:DSCR_LOW:1").setSubjectType(SubjectType.OPERATOR)
                .setSubjectId("op-1").setOperatorId("op-1").setRule("DSCR_LOW").setTransition(AlertTransition.RAISED)
                .setSeverity(Severity.CRITICAL).setPreviousSeverity(null).setFigure(0.9).setThreshold(1.0)
                .setRuleVersion(1).setFirstRaisedTime(t).setCauseEventTime(t).setExplanation("DSCR 0.90 < 1.00").build();
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
