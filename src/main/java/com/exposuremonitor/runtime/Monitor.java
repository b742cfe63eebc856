package com.exposuremonitor.runtime;

import com.exposuremonitor.confluent.SchemaRegistryClient;
import com.exposuremonitor.topology.MonitorTopology;
import com.exposuremonitor.topology.TopicNames;
import com.exposuremonitor.topology.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running monitor: its topics checked or created, and the monitor topology running in Kafka Streams. */
public final class Monitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Monitor.class);

    private final MonitorSettings settings;
    private final Topics topics;
    private final KafkaStreams streams;
    private final ExposureQueries queries;

    private Monitor(MonitorSettings settings, Topics topics, KafkaStreams streams, ExposureQueries queries) {
        this.settings = settings;
        this.topics = topics;
        this.streams = streams;
        this.queries = queries;
    }

    public static Monitor start(MonitorSettings settings) {
        LOG.info("starting with {}", settings);
        Topics topics = new Topics(TopicNames.withPrefix(settings.topicPrefix()),
                new SchemaRegistryClient(settings.schemaRegistryUrl()));
        prepareTopics(settings, topics.names());
        HostInfo self = new HostInfo(advertisedHost(settings), settings.httpPort());
        KafkaStreams streams = new KafkaStreams(
                MonitorTopology.buildMonitorTopology(topics, settings.clockInterval()), streamsProperties(settings, self));
        streams.setUncaughtExceptionHandler(StreamsProperties.replaceThread());
        streams.setStateListener((now, before) -> LOG.info("streams state {} -> {}", before, now));
        streams.start();
        return new Monitor(settings, topics, streams, new ExposureQueries(streams, self));
    }

    static Properties streamsProperties(MonitorSettings s, HostInfo self) {
        Map<String, String> passthrough = new HashMap<>();
        passthrough.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, s.processingGuarantee());
        passthrough.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, String.valueOf(s.commitIntervalMs()));
        passthrough.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, String.valueOf(s.standbyReplicas()));
        passthrough.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, String.valueOf(s.streamThreads()));
        passthrough.put(StreamsConfig.APPLICATION_SERVER_CONFIG, self.host() + ":" + self.port());
        if (s.replicationFactor() > 0) {
            passthrough.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, String.valueOf(s.replicationFactor()));
        }
        passthrough.putAll(s.kafkaConfig());
        return StreamsProperties.of(s.applicationId(), s.bootstrapServers(), s.schemaRegistryUrl(), s.stateDir(),
                TopicNames.withPrefix(s.topicPrefix()), passthrough);
    }

    private static String advertisedHost(MonitorSettings s) {
        return "0.0.0.0".equals(s.httpHost()) ? "localhost" : s.httpHost();
    }

    /** Creates missing topics, or, when told not to, fails with the list of those missing. */
    static void prepareTopics(MonitorSettings s, TopicNames names) {
        Map<String, Object> adminConfig = new HashMap<>(s.kafkaConfig());
        adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers());
        try (Admin admin = Admin.create(adminConfig)) {
            if (s.createTopics()) {
                Set<String> created = TopicProvisioner.ensure(admin, names, s.partitions(), s.replicationFactor());
                if (!created.isEmpty()) {
                    LOG.info("created topics {}", created);
                }
                return;
            }
            Set<String> existing = admin.listTopics().names().get();
            List<String> missing = TopicProvisioner.plan(names, s.partitions(), s.replicationFactor()).stream()
                    .map(NewTopic::name).filter(n -> !existing.contains(n)).toList();
            if (!missing.isEmpty()) {
                throw new IllegalStateException("missing topics " + missing
                        + "; create them or run with --create-topics=true");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted checking topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot list topics: " + e.getCause(), e);
        }
    }

    public MonitorSettings settings() {
        return settings;
    }

    public Topics topics() {
        return topics;
    }

    public KafkaStreams streams() {
        return streams;
    }

    public ExposureQueries queries() {
        return queries;
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
    }
}
