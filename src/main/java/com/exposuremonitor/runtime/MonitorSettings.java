package com.exposuremonitor.runtime;

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
        String advertisedHost) {

    public MonitorSettings {
        advertisedHost = advertisedHost == null || advertisedHost.isBlank() ? null : advertisedHost.strip();
        kafkaConfig = Map.copyOf(kafkaConfig);
        if (!(systemicThreshold > 0 && systemicThreshold <= 1)) {
            throw new IllegalArgumentException("systemic threshold must be in (0, 1], got " + systemicThreshold);
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
                           ThreadRestarts threadRestarts) {
        this(bootstrapServers, schemaRegistryUrl, applicationId, stateDir, httpHost, httpPort, topicPrefix, partitions,
                replicationFactor, createTopics, processingGuarantee, commitIntervalMs, clockInterval, standbyReplicas,
                streamThreads, apiToken, kafkaConfig, systemicThreshold, dailyGrace, threadRestarts, null);
    }

    /** With the thread-replacement policy at its defaults. */
    public MonitorSettings(String bootstrapServers, String schemaRegistryUrl, String applicationId, Path stateDir,
                           String httpHost, int httpPort, String topicPrefix, int partitions, short replicationFactor,
                           boolean createTopics, String processingGuarantee, long commitIntervalMs,
                           Duration clockInterval, int standbyReplicas, int streamThreads, String apiToken,
                           Map<String, String> kafkaConfig, double systemicThreshold, Duration dailyGrace) {
        this(bootstrapServers, schemaRegistryUrl, applicationId, stateDir, httpHost, httpPort, topicPrefix, partitions,
                replicationFactor, createTopics, processingGuarantee, commitIntervalMs, clockInterval, standbyReplicas,
                streamThreads, apiToken, kafkaConfig, systemicThreshold, dailyGrace, ThreadRestarts.defaults());
    }

    /** With the view and analytics settings at their defaults. */
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
                threadRestarts, advertisedHost);
    }

    public MonitorSettings withStateDir(Path dir) {
        return new MonitorSettings(bootstrapServers, schemaRegistryUrl, applicationId, dir, httpHost, httpPort,
                topicPrefix, partitions, replicationFactor, createTopics, processingGuarantee, commitIntervalMs,
                clockInterval, standbyReplicas, streamThreads, apiToken, kafkaConfig, systemicThreshold, dailyGrace,
                threadRestarts, advertisedHost);
    }

    /** The settings that shape the topology. */
    public MonitorTopology.Options topologyOptions() {
        return new MonitorTopology.Options(clockInterval, systemicThreshold, dailyGrace);
    }

    /** Settings printable in logs: tokens, passwords and JAAS configs are masked. */
    @Override
    public String toString() {
        Map<String, String> safeKafka = new TreeMap<>();
        kafkaConfig.forEach((k, v) -> safeKafka.put(k, isSecret(k) ? "[hidden]" : v));
        return "MonitorSettings[bootstrapServers=" + bootstrapServers + ", schemaRegistryUrl=" + schemaRegistryUrl
                + ", applicationId=" + applicationId + ", stateDir=" + stateDir + ", http=" + httpHost + ":"
                + httpPort + ", topicPrefix=" + topicPrefix + ", partitions=" + partitions + ", replicationFactor="
                + replicationFactor + ", createTopics=" + createTopics + ", processingGuarantee="
                + processingGuarantee + ", commitIntervalMs=" + commitIntervalMs + ", clockInterval="
                + clockInterval + ", standbyReplicas=" + standbyReplicas + ", streamThreads=" + streamThreads
                + ", apiToken=" + (apiToken == null || apiToken.isEmpty() ? "none" : "[hidden]")
                + ", kafkaConfig=" + safeKafka + ", systemicThreshold=" + systemicThreshold + ", dailyGrace="
                + dailyGrace + ", threadRestarts=" + threadRestarts + ", advertisedHost="
                + (advertisedHost == null ? "(from the bind address)" : advertisedHost) + "]";
    }

    public static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("secret") || k.contains("jaas") || k.contains("token")
                || k.contains("credentials") || k.endsWith(".key");
    }
}
