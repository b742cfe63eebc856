package com.exposuremonitor.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every setting of a running monitor. Each has a default, a command-line flag and an environment variable
 * (see the CLI); {@link #toString()} never shows secrets.
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
        Map<String, String> kafkaConfig) {

    public MonitorSettings {
        kafkaConfig = Map.copyOf(kafkaConfig);
    }

    public MonitorSettings withHttpPort(int port) {
        return new MonitorSettings(bootstrapServers, schemaRegistryUrl, applicationId, stateDir, httpHost, port,
                topicPrefix, partitions, replicationFactor, createTopics, processingGuarantee, commitIntervalMs,
                clockInterval, standbyReplicas, streamThreads, apiToken, kafkaConfig);
    }

    public MonitorSettings withStateDir(Path dir) {
        return new MonitorSettings(bootstrapServers, schemaRegistryUrl, applicationId, dir, httpHost, httpPort,
                topicPrefix, partitions, replicationFactor, createTopics, processingGuarantee, commitIntervalMs,
                clockInterval, standbyReplicas, streamThreads, apiToken, kafkaConfig);
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
                + ", kafkaConfig=" + safeKafka + "]";
    }

    public static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("secret") || k.contains("jaas") || k.contains("token")
                || k.contains("credentials") || k.endsWith(".key");
    }
}
