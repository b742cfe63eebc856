package com.exposuremonitor.runtime;

import com.exposuremonitor.api.HttpApi;
import com.exposuremonitor.api.LiveFeed;
import com.exposuremonitor.confluent.SchemaRegistryClient;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import com.exposuremonitor.topology.DeadLetterHandlers;
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
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running monitor instance: its topics checked or created, the monitor topology in Kafka Streams, the
 * HTTP API (queries, live feed, health, metrics) and the instance's address for interactive queries.
 */
public final class Monitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Monitor.class);

    private final MonitorSettings settings;
    private final Topics topics;
    private final LiveFeed feed;
    private final PrometheusMeterRegistry metrics;
    private final HttpApi http;
    private final KafkaStreams streams;
    private final KafkaStreamsMetrics streamsMetrics;
    private final ExposureQueries queries;
    private final StreamThreadFailures threadFailures;
    private final String advertisedHost;

    private Monitor(MonitorSettings settings, Topics topics, String advertisedHost) throws IOException {
        this.settings = settings;
        this.topics = topics;
        this.advertisedHost = advertisedHost;
        this.feed = new LiveFeed(settings.bootstrapServers(), settings.kafkaConfig(), topics);
        this.metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(metrics);
        this.threadFailures = new StreamThreadFailures(settings.threadRestarts().perThreads(settings.streamThreads()));
        MonitorBackend backend = new MonitorBackend(feed, metrics, threadFailures::fatal);
        this.http = HttpApi.start(settings.httpHost(), settings.httpPort(), settings.apiToken(), backend,
                settings.http());
        HostInfo self = new HostInfo(advertisedHost, http.port());
        MonitorMetrics own = new MonitorMetrics(metrics).watchRegistry(topics.registry()).watchThreads(threadFailures);
        Properties props = streamsProperties(settings, self);
        props.put(DeadLetterHandlers.COUNTERS_CONFIG, own);
        this.streams = new KafkaStreams(MonitorTopology.buildMonitorTopology(topics,
                settings.topologyOptions().withCounters(own)), props);
        own.watchLag(streams, List.of(topics.financings.name(), topics.gpuDeliveries.name(),
                topics.revenueReports.name(), topics.paymentDelays.name()));
        this.streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(metrics);
        this.queries = new ExposureQueries(streams, self);
        backend.attach(queries);
    }

    /** Checks or creates the topics, binds the HTTP API, then starts Kafka Streams. */
    public static Monitor start(MonitorSettings settings) {
        return start(settings, streams -> { });
    }

    /**
     * As {@link #start(MonitorSettings)}, letting the caller attach what Kafka Streams only accepts before
     * it starts (a state restore listener, say).
     */
    public static Monitor start(MonitorSettings settings, java.util.function.Consumer<KafkaStreams> beforeStart) {
        LOG.info("starting with {}", settings);
        ApiAddress.unprotectedWarning(settings.httpHost(), settings.apiToken()).ifPresent(LOG::warn);
        // Resolved before anything starts: a bind address no peer can call back fails here, not in a peer.
        String advertisedHost = ApiAddress.advertised(settings);
        Topics topics = new Topics(TopicNames.withPrefix(settings.topicPrefix()),
                new SchemaRegistryClient(settings.registryClientConfig()));
        prepareTopics(settings, topics.names());
        Monitor monitor;
        try {
            monitor = new Monitor(settings, topics, advertisedHost);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the HTTP API to " + settings.httpHost() + ":"
                    + settings.httpPort() + ": " + e.getMessage(), e);
        }
        monitor.streams.setUncaughtExceptionHandler(monitor.threadFailures);
        monitor.streams.setStateListener((now, before) -> LOG.info("streams state {} -> {}", before, now));
        beforeStart.accept(monitor.streams);
        monitor.streams.start();
        return monitor;
    }

    /** The HTTP API's base URL, e.g. http://127.0.0.1:8080 (https with a TLS keystore). */
    public String url() {
        return (settings.http().tls() ? "https://" : "http://") + advertisedHost + ":" + http.port();
    }

    public LiveFeed feed() {
        return feed;
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
                TopicProvisioner.requireEqualInputPartitions(admin, names);
                return;
            }
            Set<String> existing = admin.listTopics().names().get();
            List<String> missing = TopicProvisioner.plan(names, s.partitions(), s.replicationFactor()).stream()
                    .map(NewTopic::name).filter(n -> !existing.contains(n)).toList();
            if (!missing.isEmpty()) {
                throw new IllegalStateException("missing topics " + missing
                        + "; create them or run with --create-topics=true");
            }
            TopicProvisioner.requireEqualInputPartitions(admin, names);
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

    /** How the instance answers stream-thread failures, and why it stopped if it did. */
    public StreamThreadFailures threadFailures() {
        return threadFailures;
    }

    public ExposureQueries queries() {
        return queries;
    }

    @Override
    public void close() {
        try (LiveFeed f = feed; HttpApi h = http) {
            streamsMetrics.close();
            // Leave the group: the next start, or another instance, gets the tasks at once instead of after
            // the old member's session timeout.
            streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(Duration.ofSeconds(30)));
        }
    }
}
