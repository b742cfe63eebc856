package com.exposuremonitor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.exposuremonitor.avro.OperatorExposure;
import com.exposuremonitor.cli.Main;
import com.exposuremonitor.confluent.ConfluentAvroDeserializer;
import com.exposuremonitor.confluent.SchemaRegistryClient;
import com.exposuremonitor.replay.EventPublisher;
import com.exposuremonitor.replay.Scenario;
import com.exposuremonitor.runtime.ApplicationReset;
import com.exposuremonitor.runtime.Monitor;
import com.exposuremonitor.runtime.MonitorSettings;
import com.exposuremonitor.testing.EmbeddedKafkaExtension;
import com.exposuremonitor.testing.MonitorSettingsFixture;
import com.exposuremonitor.topology.TopicNames;
import com.exposuremonitor.verify.ExpectedOutputs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code reset} on a real broker: refused while the monitor runs; once stopped, the group, the internal
 * topics and the local state are gone, and the next start rebuilds the same exposures from the inputs.
 */
class ApplicationResetIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension CLUSTER = new EmbeddedKafkaExtension();

    @TempDir
    Path stateDir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void resetIsRefusedWhileRunningAndAfterwardsTheMonitorRebuildsTheSameExposures() throws Exception {
        MonitorSettings settings = withShortSession(MonitorSettingsFixture.onCluster(CLUSTER, stateDir, 0));
        String app = settings.applicationId();
        List<SpecificRecord> events = Scenario.aiDatacenters().records().subList(0, 12);
        Map<String, OperatorExposure> expected = ExpectedOutputs.of(events).finalExposures();
        assertThat(expected).as("the first events touch several operators").hasSizeGreaterThan(1);

        try (Admin admin = CLUSTER.kafka().admin()) {
            try (Monitor monitor = Monitor.start(settings);
                 EventPublisher publisher = new EventPublisher(CLUSTER.bootstrapServers(), Map.of(), monitor.topics());
                 KafkaConsumer<String, OperatorExposure> feed = feed(settings)) {
                events.forEach(publisher::send);
                publisher.flush();
                awaitFeed(feed, expected, "exposures computed before the reset");

                assertThat(reset(settings, "--yes")).as("refused while running").isEqualTo(1);
                assertThat(err.toString()).contains("refused: application '" + app + "' has ")
                        .contains("stop every instance first");
            }
            assertThat(internalTopics(admin, app)).as("nothing deleted by the refused reset").isNotEmpty();
            assertThat(stateDir.resolve(app)).exists();

            // Kafka Streams does not leave the group on close: its member stays until the session times out
            await("the stopped instance has left group " + app).atMost(Duration.ofSeconds(60))
                    .until(() -> admin.describeConsumerGroups(List.of(app)).all().get().get(app).members().isEmpty());
            out.getBuffer().setLength(0);
            assertThat(reset(settings, "--yes")).as(err.toString()).isEqualTo(0);

            assertThat(out.toString()).contains("Reset plan for application '" + app + "'")
                    .contains("reset application '" + app + "': deleted its consumer group");
            assertThat(admin.listGroups().all().get().stream().map(GroupListing::groupId)).doesNotContain(app);
            assertThat(internalTopics(admin, app)).as("internal topics deleted").isEmpty();
            assertThat(stateDir.resolve(app)).doesNotExist();
            assertThat(admin.listTopics().names().get()).as("inputs and outputs kept")
                    .contains(settings.topicPrefix() + "financings", settings.topicPrefix() + "operator-exposure");
        }

        try (KafkaConsumer<String, OperatorExposure> feed = feed(settings)) {
            feed.seekToEnd(feed.assignment()); // only what the restarted monitor publishes counts
            feed.assignment().forEach(feed::position);
            try (Monitor monitor = Monitor.start(settings)) {
                awaitFeed(feed, expected, "exposures rebuilt from the inputs after the reset");
            }
        }
    }

    private int reset(MonitorSettings s, String... extra) {
        List<String> args = new ArrayList<>(List.of("reset", "--bootstrap-servers", s.bootstrapServers(),
                "--application-id", s.applicationId(), "--state-dir", s.stateDir().toString()));
        args.addAll(List.of(extra));
        return new CommandLine(new Main()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args.toArray(String[]::new));
    }

    /** The latest exposure of every operator equals what the pure domain computes for the events. */
    private static void awaitFeed(KafkaConsumer<String, OperatorExposure> feed, Map<String, OperatorExposure> expected,
                                  String what) {
        Map<String, OperatorExposure> latest = new TreeMap<>();
        await(what).atMost(Duration.ofSeconds(60)).until(() -> {
            feed.poll(Duration.ofMillis(100)).forEach(r -> latest.put(r.key(), r.value()));
            return latest.equals(expected);
        });
    }

    private static Set<String> internalTopics(Admin admin, String app) throws Exception {
        return admin.listTopics().names().get().stream().filter(t -> ApplicationReset.isInternalTopic(app, t))
                .collect(Collectors.toSet());
    }

    /** Assigned to every partition of the feed, from the beginning, read_committed (the monitor is exactly-once). */
    private static KafkaConsumer<String, OperatorExposure> feed(MonitorSettings settings) {
        String topic = TopicNames.withPrefix(settings.topicPrefix()).operatorExposure();
        KafkaConsumer<String, OperatorExposure> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, CLUSTER.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "feed-" + UUID.randomUUID(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new ConfluentAvroDeserializer<>(new SchemaRegistryClient(settings.schemaRegistryUrl()), OperatorExposure.class));
        consumer.assign(consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList());
        return consumer;
    }

    /** A 6 s session (the broker's minimum) so a stopped instance leaves its group quickly. */
    private static MonitorSettings withShortSession(MonitorSettings s) {
        return new MonitorSettings(s.bootstrapServers(), s.schemaRegistryUrl(), s.applicationId(), s.stateDir(),
                s.httpHost(), s.httpPort(), s.topicPrefix(), s.partitions(), s.replicationFactor(), s.createTopics(),
                s.processingGuarantee(), s.commitIntervalMs(), s.clockInterval(), s.standbyReplicas(),
                s.streamThreads(), s.apiToken(), Map.of("consumer.session.timeout.ms", "6000"));
    }
}
