package com.exposuremonitor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.exposuremonitor.avro.OperatorExposure;
import com.exposuremonitor.confluent.SchemaRegistryClient;
import com.exposuremonitor.reliability.EventGenerator;
import com.exposuremonitor.reliability.Reliability;
import com.exposuremonitor.reliability.RestoreCounter;
import com.exposuremonitor.replay.EventPublisher;
import com.exposuremonitor.runtime.MonitorSettings;
import com.exposuremonitor.runtime.StreamsProperties;
import com.exposuremonitor.runtime.TopicProvisioner;
import com.exposuremonitor.testing.EmbeddedKafkaExtension;
import com.exposuremonitor.topology.ExposureTopology;
import com.exposuremonitor.topology.MonitorTopology;
import com.exposuremonitor.topology.TopicNames;
import com.exposuremonitor.topology.Topics;
import com.exposuremonitor.verify.Verifier;
import com.exposuremonitor.verify.VerifierReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import com.exposuremonitor.verify.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Local state across restarts. After a clean stop, a restart resumes from the local stores' checkpoints
 * and restores nothing from the changelogs into any persistent store (in-memory stores, such as the
 * suppression buffers of the daily analytics, are rebuilt from their changelogs on every start by design); after the state directory is deleted, every store is rebuilt
 * from its changelog and the rebuilt exposures equal the verifier's.
 *
 * <p>{@code Monitor} offers no hook to register a {@code StateRestoreListener} before it starts Kafka
 * Streams, so this test runs the monitor's own topology ({@link MonitorTopology}) with the monitor's own
 * Streams settings ({@link StreamsProperties}) in a KafkaStreams it builds itself.
 */
class RestartRestoreIT {
    private static final int OPERATORS = 30;

    @RegisterExtension
    static final EmbeddedKafkaExtension CLUSTER = new EmbeddedKafkaExtension();

    @TempDir
    Path stateDir;

    @Test
    void aCleanRestartRestoresNothingAndALostStateDirectoryIsRebuiltFromTheChangelogs() throws Exception {
        MonitorSettings s = Reliability.settings(CLUSTER.bootstrapServers(), CLUSTER.registryUrl(), stateDir,
                Reliability.runId(), 100, Map.of("consumer.session.timeout.ms", "6000"));
        TopicNames names = TopicNames.withPrefix(s.topicPrefix());
        Topics topics = new Topics(names, new SchemaRegistryClient(s.schemaRegistryUrl()));
        try (Admin admin = CLUSTER.kafka().admin()) {
            TopicProvisioner.ensure(admin, names, s.partitions(), s.replicationFactor());
        }
        Verifier verifier = Reliability.verifier(s);
        EventGenerator generator = new EventGenerator(17, OPERATORS);

        RestoreCounter first = new RestoreCounter();
        try (KafkaStreams streams = streams(s, topics, first)) {
            awaitRunning(streams, "first start");
            publish(topics, generator, 1500);
            Reliability.awaitVerified(verifier, Duration.ofMinutes(2), "first run caught up");
        }

        RestoreCounter afterCleanStop = new RestoreCounter();
        Map<String, Long> inMemoryRestored;
        try (KafkaStreams streams = streams(s, topics, afterCleanStop)) {
            awaitRunning(streams, "restart after a clean stop");
            Set<String> onDisk = persistentStores(stateDir.resolve(s.applicationId()));
            assertThat(onDisk).as("persistent stores on disk").contains(ExposureTopology.EXPOSURE_STORE,
                    ExposureTopology.SNAPSHOT_STORE);
            Map<String, Long> restoredPersistent = new TreeMap<>(afterCleanStop.byStore());
            restoredPersistent.keySet().retainAll(onDisk);
            assertThat(restoredPersistent).as("records restored into persistent stores after a clean stop")
                    .isNotEmpty().allSatisfy((store, n) -> assertThat(n).as(store).isZero());
            inMemoryRestored = new TreeMap<>(afterCleanStop.byStore());
            inMemoryRestored.keySet().removeAll(onDisk);
            inMemoryRestored.values().removeIf(n -> n == 0);
            publish(topics, generator, 500);
            Reliability.awaitVerified(verifier, Duration.ofMinutes(2), "second run caught up");
        }

        EmbeddedKafkaExtension.deleteRecursively(stateDir.resolve(s.applicationId()));
        RestoreCounter fromScratch = new RestoreCounter();
        try (KafkaStreams streams = streams(s, topics, fromScratch)) {
            awaitRunning(streams, "restart without local state");
            Map<String, Long> restored = fromScratch.byStore();
            System.out.println("RestartRestoreIT: restored after a clean stop: 0 records into persistent stores, "
                    + inMemoryRestored + " into in-memory ones (suppression buffers, rebuilt on every start by"
                    + " design); after deleting the state directory " + restored);
            assertThat(restored).as("every store of the exposure topology rebuilt from its changelog")
                    .containsKeys(ExposureTopology.EXPOSURE_STORE, ExposureTopology.SNAPSHOT_STORE);
            assertThat(restored.get(ExposureTopology.EXPOSURE_STORE)).isGreaterThanOrEqualTo(OPERATORS);
            Map<String, OperatorExposure> expected = verifier.expectedFinalExposures();
            assertThat(exposureStore(streams)).as("restored exposures equal the verifier's").isEqualTo(expected);
            VerifierReport report = verifier.verify();
            assertThat(report.ok()).as("%s", report).isTrue();
        }
        VerifierReport stopped = verifier.verifyStopped();
        System.out.println("RestartRestoreIT: " + stopped.summary());
        assertThat(stopped.ok()).as("%s", stopped).isTrue();

        // The oracle is not vacuous: a doubled exposure, a doubled alert and an unprocessed event are all caught.
        tamper(topics.operatorExposure.name());
        tamper(topics.alerts.name());
        publish(topics, generator, 1);
        VerifierReport tampered = verifier.verifyStopped();
        assertThat(tampered.mismatches()).as("%s", tampered)
                .anyMatch(m -> m.contains("published twice in a row"))
                .anyMatch(m -> m.contains("is a duplicate alertId"))
                .anyMatch(m -> m.contains("not consumed yet"))
                .anyMatch(m -> m.contains("final exposure of") || m.contains("no exposure for operator"));
    }

    /** Appends a copy of a topic's last record, as a non-atomic retry would. */
    private static void tamper(String topic) {
        ConsumerRecord<byte[], byte[]> last = new TopicReader(CLUSTER.bootstrapServers(), Map.of())
                .readAll(List.of(topic), Duration.ofMinutes(1)).values().stream().filter(p -> !p.isEmpty())
                .map(p -> p.get(p.size() - 1)).findFirst().orElseThrow();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, CLUSTER.bootstrapServers()), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, last.partition(), last.key(), last.value()));
        }
    }

    /** Names of the stores with files in the state directory (RocksDB), i.e. not in-memory ones. */
    private static Set<String> persistentStores(Path appDir) throws IOException {
        try (Stream<Path> files = Files.walk(appDir)) {
            return files.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static KafkaStreams streams(MonitorSettings s, Topics topics, RestoreCounter counter) {
        Map<String, String> passthrough = new HashMap<>(s.kafkaConfig());
        passthrough.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, s.processingGuarantee());
        passthrough.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, String.valueOf(s.commitIntervalMs()));
        passthrough.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, String.valueOf(s.replicationFactor()));
        Properties props = StreamsProperties.of(s.applicationId(), s.bootstrapServers(), s.schemaRegistryUrl(),
                s.stateDir(), topics.names(), passthrough);
        KafkaStreams streams = new KafkaStreams(MonitorTopology.buildMonitorTopology(topics, s.clockInterval()), props);
        streams.setGlobalStateRestoreListener(counter);
        streams.setUncaughtExceptionHandler(StreamsProperties.replaceThread());
        streams.start();
        return streams;
    }

    private static void awaitRunning(KafkaStreams streams, String what) {
        await(what + ": RUNNING").atMost(Duration.ofMinutes(2))
                .until(() -> streams.state() == KafkaStreams.State.RUNNING);
    }

    private static void publish(Topics topics, EventGenerator generator, int n) {
        try (EventPublisher publisher = new EventPublisher(CLUSTER.bootstrapServers(), Map.of(), topics)) {
            generator.next(n).forEach(publisher::send);
            publisher.flush();
        }
    }

    private static Map<String, OperatorExposure> exposureStore(KafkaStreams streams) {
        ReadOnlyKeyValueStore<String, OperatorExposure> store = await("exposure store queryable")
                .atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> streams.store(StoreQueryParameters.fromNameAndType(ExposureTopology.EXPOSURE_STORE,
                        QueryableStoreTypes.<String, OperatorExposure>keyValueStore())), st -> st != null);
        Map<String, OperatorExposure> out = new TreeMap<>();
        try (KeyValueIterator<String, OperatorExposure> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, OperatorExposure> kv = all.next();
                out.put(kv.key, kv.value);
            }
        }
        return out;
    }
}
