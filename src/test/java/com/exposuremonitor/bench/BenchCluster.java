package com.exposuremonitor.bench;

import com.exposuremonitor.runtime.BoundedMemoryRocksDBConfig;
import com.exposuremonitor.confluent.SchemaRegistryClient;
import com.exposuremonitor.embedded.EmbeddedKafka;
import com.exposuremonitor.embedded.EmbeddedSchemaRegistry;
import com.exposuremonitor.runtime.MonitorSettings;
import com.exposuremonitor.runtime.TopicProvisioner;
import com.exposuremonitor.topology.TopicNames;
import com.exposuremonitor.topology.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The one embedded KRaft broker and schema registry every measurement of a run shares, and the
 * monitor settings used on it: one partition count, replication 1, the bounded RocksDB config.
 */
final class BenchCluster implements AutoCloseable {
    private final Path dir;
    private final EmbeddedKafka kafka;
    private final EmbeddedSchemaRegistry registry;
    private final Admin admin;
    private final int partitions;

    BenchCluster(Path dir, int partitions) {
        this.dir = dir;
        this.partitions = partitions;
        // Preloaded history carries event times (as record timestamps) far older than the 7 days default
        // retention, which would delete it within minutes: the bench broker keeps everything.
        this.kafka = EmbeddedKafka.start(dir.resolve("kafka"), Map.of("log.retention.ms", "-1"));
        this.registry = EmbeddedSchemaRegistry.start(kafka.bootstrapServers(), 0);
        this.admin = kafka.admin();
    }

    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    String registryUrl() {
        return registry.url();
    }

    Admin admin() {
        return admin;
    }

    int partitions() {
        return partitions;
    }

    Path dir() {
        return dir;
    }

    /** The monitor's topics under {@code prefix}, created with the run's partition count. */
    Topics provision(String prefix) {
        TopicNames names = TopicNames.withPrefix(prefix);
        TopicProvisioner.ensure(admin, names, partitions, (short) 1);
        return new Topics(names, new SchemaRegistryClient(registry.url()));
    }

    void createTopic(String name) {
        kafka.createTopic(name, partitions, Map.of());
    }

    static List<String> inputs(TopicNames names) {
        return List.of(names.financings(), names.gpuDeliveries(), names.revenueReports(), names.paymentDelays());
    }

    /** Monitor settings on this cluster: no HTTP port to pick, the bounded RocksDB config, 1 h clock. */
    MonitorSettings settings(String prefix, String applicationId, Path stateDir, String guarantee, long commitMs) {
        return settings(bootstrapServers(), registryUrl(), partitions, prefix, applicationId, stateDir, guarantee,
                commitMs);
    }

    static MonitorSettings settings(String bootstrap, String registryUrl, int partitions, String prefix,
                                    String applicationId, Path stateDir, String guarantee, long commitMs) {
        return new MonitorSettings(bootstrap, registryUrl, applicationId, stateDir, "127.0.0.1", 0,
                prefix, partitions, (short) 1, true, guarantee, commitMs, Duration.ofHours(1), 0,
                Integer.parseInt(System.getenv().getOrDefault("BENCH_STREAM_THREADS", "1")), null,
                Map.of(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG,
                        System.getenv("BENCH_NO_ROCKSDB_SETTER") != null ? RocksDBDefaults.class.getName()
                                : BoundedMemoryRocksDBConfig.class.getName()));
    }

    @Override
    public void close() {
        try {
            admin.close();
            registry.close();
        } finally {
            kafka.close();
        }
    }
}
