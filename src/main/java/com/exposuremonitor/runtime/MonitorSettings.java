package com.exposuremonitor.runtime;

import com.exposuremonitor.api.HttpSettings;
import com.exposuremonitor.topology.ExposureTopology;
import com.exposuremonitor.confluent.RegistryClientConfig;
import com.exposuremonitor.topology.MonitorTopology;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every setting of a running monitor. Each has a default, a command-line flag and an environment variable
 * (see the CLI); {@link #toString()} never shows secrets. {@code advertisedHost} is the host other instances
 * and clients reach this one's HTTP API at; null (the default) derives it from the bind address, see
 * {@link ApiAddress#advertised}.
 */
public record MonitorSettings(
        String bootstrapServers,
        String schemaRegistryUrl,
        String applicationId,
        Path stateDir,
        String httpHost,
        int httpPort,
        String topicPrefix,
        int partitions,
        short replicationFactor,
        boolean createTopics,
        String processingGuarantee,
        long commitIntervalMs,
        Duration clockInterval,
        int standbyReplicas,
        int streamThreads,
        String apiToken,
        Map<String, String> kafkaConfig,
        double systemicThreshold,
        Duration dailyGrace,
        ThreadRestarts threadRestarts,
        HttpSettings http,
        Duration historyRetention,
        String advertisedHost) {

    public MonitorSettings {
        advertisedHost = advertisedHost == null || advertisedHost.isBlank() ? null : advertisedHost.strip();
        kafkaConfig = Map.copyOf(kafkaConfig);
        java.util.Objects.requireNonNull(http, "http");
        if (!(systemicThreshold > 0 && systemicThreshold <= 1)) {
            throw new IllegalArgumentException("systemic threshold must be in (0, 1], got " + systemicThreshold);
        }
        if (historyRetention.isNegative() || historyRetention.isZero()) {
            throw new IllegalArgumentException("history retention must be positive, got " + historyRetention);
        }
        if (dailyGrace.isNegative()) {
            throw new IllegalArgumentException("daily grace must not be negative, got " + dailyGrace);
        }
    }

    /** With the advertised host derived from the bind address ({@link ApiAddress#advertised}). */
    public MonitorSettings(String bootstrapServers, String schemaRegistryUrl, String applicationId, Path stateDir,
                           String httpHost, int httpPort, String topicPrefix, int partitions, short replicationFactor,
                           boolean createTopics, String processingGuarantee, long commitIntervalMs,
                           Duration clockInterval, int standbyReplicas, int streamThreads, String apiToken,
                           Map<String, String> kafkaConfig, double systemicThreshold, Duration dailyGrace,
                           ThreadRestarts threadRestarts, HttpSettings http, Duration historyRetention) {
        this(bootstrapServers, schemaRegistryUrl, applicationId, stateDir, httpHost, httpPort, topicPrefix, partitions,
                replicationFactor, createTopics, processingGuarantee, commitIntervalMs, clockInterval, standbyReplicas,
                streamThreads, apiToken, kafkaConfig, systemicThreshold, dailyGrace, threadRestarts, http,
                historyRetention, null);
    }

    /** With the thread-replacement policy and the HTTP limits and transport at their defaults. */
    public MonitorSettings(String bootstrapServers, String schemaRegistryUrl, String applicationId, Path stateDir,
                           String httpHost, int httpPort, String topicPrefix, int partitions, short replicationFactor,
                           boolean createTopics, String processingGuarantee, long commitIntervalMs,
                           Duration clockInterval, int standbyReplicas, int streamThreads, String apiToken,
                           Map<String, String> kafkaConfig, double systemicThreshold, Duration dailyGrace) {
        this(bootstrapServers, schemaRegistryUrl, applicationId, stateDir, httpHost, httpPort, topicPrefix, partitions,
                replicationFactor, createTopics, processingGuarantee, commitIntervalMs, clockInterval, standbyReplicas,
                streamThreads, apiToken, kafkaConfig, systemicThreshold, dailyGrace, ThreadRestarts.defaults(),
                HttpSettings.defaults(), ExposureTopology.DEFAULT_HISTORY_RETENTION);
    }

    /** With the view, analytics, thread-replacement and HTTP settings at their defaults. */
    public MonitorSettings(String bootstrapServers, String schemaRegistryUrl, String applicationId, Path stateDir,
                           String httpHost, int httpPort, String topicPrefix, int partitions, short replicationFactor,
                           boolean createTopics, String processingGuarantee, long commitIntervalMs,
                           Duration clockInterval, int standbyReplicas, int streamThreads, String apiToken,
                           Map<String, String> kafkaConfig) {
        this(bootstrapServers, schemaRegistryUrl, applicationId, stateDir, httpHost, httpPort, topicPrefix, partitions,
                replicationFactor, createTopics, processingGuarantee, commitIntervalMs, clockInterval, standbyReplicas,
                streamThreads, apiToken, kafkaConfig, MonitorTopology.Options.defaults().systemicThreshold(),
                MonitorTopology.Options.defaults().dailyGrace());
    }

    public MonitorSettings withHttpPort(int port) {
        return new MonitorSettings(bootstrapServers, schemaRegistryUrl, applicationId, stateDir, httpHost, port,
                topicPrefix, partitions, replicationFactor, createTopics, processingGuarantee, commitIntervalMs,
                clockInterval, standbyReplicas, streamThreads, apiToken, kafkaConfig, systemicThreshold, dailyGrace,
                threadRestarts, http, historyRetention, advertisedHost);
    }

    public MonitorSettings withStateDir(Path dir) {
        return new MonitorSettings(bootstrapServers, schemaRegistryUrl, applicationId, dir, httpHost, httpPort,
                topicPrefix, partitions, replicationFactor, createTopics, processingGuarantee, commitIntervalMs,
                clockInterval, standbyReplicas, streamThreads, apiToken, kafkaConfig, systemicThreshold, dailyGrace,
                threadRestarts, http, historyRetention, advertisedHost);
    }

    /** The settings that shape the topology. */
    public MonitorTopology.Options topologyOptions() {
        return new MonitorTopology.Options(clockInterval, systemicThreshold, dailyGrace)
                .withHistoryRetention(historyRetention);
    }

    /**
     * How every registry client of the monitor reaches the registry: {@link #schemaRegistryUrl} with the
     * registry keys of {@link #kafkaConfig} (credentials, TLS; Confluent's names). The Topics of the monitor,
     * its live feed, the dead-letter handlers (through the Streams config), the replay command and the verifier
     * all build their client this way.
     */
    public RegistryClientConfig registryClientConfig() {
        return RegistryClientConfig.from(schemaRegistryUrl, kafkaConfig);
    }

    /**
     * Settings printable in logs: tokens, passwords (the TLS keystore's too), user info (also in the registry
     * URL) and JAAS configs are masked.
     */
    @Override
    public String toString() {
        Map<String, String> safeKafka = new TreeMap<>();
        kafkaConfig.forEach((k, v) -> safeKafka.put(k, isSecret(k) ? "[hidden]"
                : k.endsWith("schema.registry.url") ? RegistryClientConfig.withoutUserInfo(v) : v));
        return "MonitorSettings[bootstrapServers=" + bootstrapServers + ", schemaRegistryUrl="
                + RegistryClientConfig.withoutUserInfo(schemaRegistryUrl)
                + ", applicationId=" + applicationId + ", stateDir=" + stateDir + ", http=" + httpHost + ":"
                + httpPort + ", topicPrefix=" + topicPrefix + ", partitions=" + partitions + ", replicationFactor="
                + replicationFactor + ", createTopics=" + createTopics + ", processingGuarantee="
                + processingGuarantee + ", commitIntervalMs=" + commitIntervalMs + ", clockInterval="
                + clockInterval + ", standbyReplicas=" + standbyReplicas + ", streamThreads=" + streamThreads
                + ", apiToken=" + (apiToken == null || apiToken.isEmpty() ? "none" : "[hidden]")
                + ", kafkaConfig=" + safeKafka + ", systemicThreshold=" + systemicThreshold + ", dailyGrace="
                + dailyGrace + ", threadRestarts=" + threadRestarts + ", http=" + http + ", historyRetention=" + historyRetention
                + ", advertisedHost=" + (advertisedHost == null ? "(from the bind address)" : advertisedHost) + "]";
    }

    public static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("secret") || k.contains("jaas") || k.contains("token")
                || k.contains("credentials") || k.contains("user.info") || k.endsWith(".key");
    }
}
