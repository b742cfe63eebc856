package com.exposuremonitor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.exposuremonitor.avro.AlertRule;
import com.exposuremonitor.cli.Main;
import com.exposuremonitor.runtime.Monitor;
import com.exposuremonitor.runtime.TopicProvisioner;
import com.exposuremonitor.testing.EmbeddedKafkaExtension;
import com.exposuremonitor.testing.MonitorSettingsFixture;
import com.exposuremonitor.topology.AlertTopology;
import com.exposuremonitor.topology.TopicNames;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code rules} against a running monitor on a real broker: a change put in force, and refusals with their reason. */
class RulesCommandIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension CLUSTER = new EmbeddedKafkaExtension();

    /** Generous: the first update waits for the monitor's first assignment on two busy cores. */
    private static final String WAIT = "PT90S";

    @TempDir
    static Path stateDir;

    private static Monitor monitor;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void startMonitor() {
        monitor = Monitor.start(MonitorSettingsFixture.onCluster(CLUSTER, stateDir, 0));
    }

    @AfterAll
    static void stopMonitor() {
        if (monitor != null) {
            monitor.close();
        }
    }

    @Test
    void setWithWaitReturnsOnceTheNewThresholdsAreInForce() {
        int code = rules(prefix(), "set", "DSCR_LOW", "--warning", "1.4", "--critical", "1.1", "--updated-by", "it",
                "--wait", "--timeout", WAIT);

        assertThat(code).as(err.toString()).isEqualTo(0);
        assertThat(out.toString()).contains("sent DSCR_LOW version 2: WARNING < 1.4, CRITICAL < 1.1")
                .contains("in force: DSCR_LOW version 2: WARNING < 1.4, CRITICAL < 1.1, hysteresis 0, enabled");
        assertThat(awaitRuleInMonitor("DSCR_LOW", 2).getWarningThreshold()).isEqualTo(1.4);

        assertThat(rules(prefix(), "list")).isEqualTo(0);
        assertThat(out.toString()).containsPattern("DSCR_LOW\\s+2\\s+<\\s+1.4\\s+1.1\\s+0\\s+yes\\s+override by it")
                .containsPattern("CONCENTRATION\\s+1\\s+>=\\s+0.5\\s+0.75\\s+0\\s+yes\\s+default");
    }

    @Test
    void aStaleVersionIsRejectedByTheMonitorWithItsReason() {
        assertThat(rules(prefix(), "set", "CONCENTRATION", "--warning", "0.55", "--version", "3", "--wait",
                "--timeout", WAIT)).as(err.toString()).isEqualTo(0);

        int code = rules(prefix(), "set", "CONCENTRATION", "--warning", "0.6", "--version", "2", "--wait",
                "--timeout", WAIT);

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("rejected by the monitor: rule CONCENTRATION not changed: version 2 is "
                + "not newer than version 3 in force").contains("the rule in force is unchanged");
        assertThat(awaitRuleInMonitor("CONCENTRATION", 3).getWarningThreshold()).as("still in force").isEqualTo(0.55);
    }

    @Test
    void aMalformedChangeIsRefusedWithTheMonitorsReasonAndNotSent() throws Exception {
        long before = endOffset(TopicNames.withPrefix(prefixValue()).alertRuleUpdates());

        int code = rules(prefix(), "set", "IDLE_CAPACITY", "--warning", "0.6", "--critical", "0.4", "--wait");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("not sent: IDLE_CAPACITY: critical threshold 0.4 is less severe than "
                + "warning 0.6");
        assertThat(endOffset(TopicNames.withPrefix(prefixValue()).alertRuleUpdates())).isEqualTo(before);
    }

    @Test
    void unsetReturnsARuleToItsDefault() {
        assertThat(rules(prefix(), "set", "RUN_RATE_GAP", "--warning", "2", "--critical", "3", "--wait",
                "--timeout", WAIT)).as(err.toString()).isEqualTo(0);

        assertThat(rules(prefix(), "unset", "RUN_RATE_GAP", "--wait", "--timeout", WAIT)).as(err.toString())
                .isEqualTo(0);
        assertThat(out.toString()).contains("in force: RUN_RATE_GAP is back to its default, RUN_RATE_GAP version 1: "
                + "WARNING >= 1.5, CRITICAL >= 2.5");
        assertThat(rules(prefix(), "list")).isEqualTo(0);
        assertThat(out.toString()).containsPattern("RUN_RATE_GAP\\s+1\\s+>=\\s+1.5\\s+2.5\\s+0\\s+yes\\s+default");
    }

    @Test
    void withoutAMonitorTheWaitEndsAtTheTimeoutSayingSo() throws Exception {
        String idle = "idle" + UUID.randomUUID().toString().substring(0, 6) + ".";
        try (Admin admin = CLUSTER.kafka().admin()) {
            TopicProvisioner.ensure(admin, TopicNames.withPrefix(idle), 1, (short) 1);
        }

        int code = rules("--topic-prefix=" + idle, "set", "DSCR_LOW", "--warning", "1.3", "--wait", "--timeout", "PT3S");

        assertThat(code).isEqualTo(2);
        assertThat(out.toString()).contains("sent DSCR_LOW version 2");
        assertThat(err.toString()).contains("neither in force nor rejected within 3 s: is the monitor running?");
    }

    private static String prefixValue() {
        return monitor.settings().topicPrefix();
    }

    private static String prefix() {
        return "--topic-prefix=" + prefixValue();
    }

    /** The rule as the monitor's evaluations read it: its global rules store, caught up with the topic. */
    private static AlertRule awaitRuleInMonitor(String rule, int version) {
        await("the monitor's rules store has " + rule + " version " + version).atMost(Duration.ofSeconds(30))
                .ignoreExceptions().until(() -> ruleInMonitor(rule) != null && ruleInMonitor(rule).getVersion() == version);
        return ruleInMonitor(rule);
    }

    private static AlertRule ruleInMonitor(String rule) {
        ReadOnlyKeyValueStore<String, ValueAndTimestamp<AlertRule>> store = monitor.streams().store(
                StoreQueryParameters.fromNameAndType(AlertTopology.RULES_STORE,
                        QueryableStoreTypes.<String, AlertRule>timestampedKeyValueStore()));
        ValueAndTimestamp<AlertRule> value = store.get(rule);
        return value == null ? null : value.value();
    }

    private static long endOffset(String topic) throws Exception {
        try (Admin admin = CLUSTER.kafka().admin()) {
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            return admin.listOffsets(latest).all().get().values().stream().mapToLong(i -> i.offset()).sum();
        }
    }

    /** Runs {@code rules <subcommand> ...} with the connection settings placed after the subcommand. */
    private int rules(String prefixOption, String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        List<String> all = new ArrayList<>(List.of("rules"));
        all.addAll(List.of(args));
        all.addAll(List.of("--bootstrap-servers", CLUSTER.bootstrapServers(), "--schema-registry-url",
                CLUSTER.registryUrl(), prefixOption));
        return new CommandLine(new Main()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(all.toArray(String[]::new));
    }
}
