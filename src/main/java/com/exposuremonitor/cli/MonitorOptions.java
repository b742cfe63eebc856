package com.exposuremonitor.cli;

import com.exposuremonitor.api.HttpSettings;
import com.exposuremonitor.runtime.MonitorSettings;
import com.exposuremonitor.runtime.ThreadRestarts;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * The settings of a monitor instance as options. Every option has a default and an environment
 * variable (shown in --help); a flag wins over the variable, which wins over the default.
 */
final class MonitorOptions {
    @Option(names = "--bootstrap-servers", defaultValue = "${env:EM_BOOTSTRAP_SERVERS:-localhost:9092}",
            description = "Kafka bootstrap servers (env EM_BOOTSTRAP_SERVERS, default ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", defaultValue = "${env:EM_SCHEMA_REGISTRY_URL:-http://localhost:8081}",
            description = "Confluent-compatible Schema Registry URL; several, comma-separated, to fail over between. "
                    + "Credentials and TLS with Confluent's keys in --config/--kafka-config (basic.auth.*, "
                    + "bearer.auth.*, schema.registry.ssl.*) (env EM_SCHEMA_REGISTRY_URL, default ${DEFAULT-VALUE}).")
    String schemaRegistryUrl;

    @Option(names = "--application-id", defaultValue = "${env:EM_APPLICATION_ID:-exposure-monitor}",
            description = "Kafka Streams application id (env EM_APPLICATION_ID, default ${DEFAULT-VALUE}).")
    String applicationId;

    @Option(names = "--state-dir", defaultValue = "${env:EM_STATE_DIR:-./state}",
            description = "Local state directory (env EM_STATE_DIR, default ${DEFAULT-VALUE}).")
    Path stateDir;

    @Option(names = "--http-host", defaultValue = "${env:EM_HTTP_HOST:-127.0.0.1}",
            description = "HTTP API bind address; loopback by default (env EM_HTTP_HOST, default ${DEFAULT-VALUE}).")
    String httpHost;

    @Option(names = "--http-port", defaultValue = "${env:EM_HTTP_PORT:-8080}",
            description = "HTTP API port (env EM_HTTP_PORT, default ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--advertised-host", defaultValue = "${env:EM_ADVERTISED_HOST:-}",
            description = "Host other instances and clients reach this HTTP API at (Kafka Streams' application.server); "
                    + "empty = --http-host, or this machine's hostname when that is 0.0.0.0 or :: (env EM_ADVERTISED_HOST).")
    String advertisedHost;

    @Option(names = "--http-max-streams", defaultValue = "${env:EM_HTTP_MAX_STREAMS:-256}",
            description = "SSE streams open at once; one more gets 503, other endpoints never do (env EM_HTTP_MAX_STREAMS, default ${DEFAULT-VALUE}).")
    int httpMaxStreams;

    @Option(names = "--http-stream-backlog", defaultValue = "${env:EM_HTTP_STREAM_BACKLOG:-1000}",
            description = "Events queued for one SSE client before it is dropped as too slow (env EM_HTTP_STREAM_BACKLOG, default ${DEFAULT-VALUE}).")
    int httpStreamBacklog;

    @Option(names = "--http-write-timeout", defaultValue = "${env:EM_HTTP_WRITE_TIMEOUT:-PT10S}",
            description = "A write to an SSE client blocked this long drops the client, ISO-8601 (env EM_HTTP_WRITE_TIMEOUT, default ${DEFAULT-VALUE}).")
    Duration httpWriteTimeout;

    @Option(names = "--http-request-timeout", defaultValue = "${env:EM_HTTP_REQUEST_TIMEOUT:-PT10S}",
            description = "Time limit of one request, reading it and writing the answer included; past it: 503 or a closed connection, ISO-8601 (env EM_HTTP_REQUEST_TIMEOUT, default ${DEFAULT-VALUE}).")
    Duration httpRequestTimeout;

    @Option(names = "--http-max-body-bytes", defaultValue = "${env:EM_HTTP_MAX_BODY_BYTES:-65536}",
            description = "Larger request bodies get 413; no endpoint takes a body (env EM_HTTP_MAX_BODY_BYTES, default ${DEFAULT-VALUE}).")
    long httpMaxBodyBytes;

    @Option(names = "--http-tls-keystore", defaultValue = "${env:EM_HTTP_TLS_KEYSTORE:-}",
            description = "PKCS12 keystore of the API's key and certificate; set: HTTPS only, empty: plain HTTP (env EM_HTTP_TLS_KEYSTORE).")
    String httpTlsKeystore;

    @Option(names = "--http-tls-keystore-password", defaultValue = "${env:EM_HTTP_TLS_KEYSTORE_PASSWORD:-}",
            description = "Password of the --http-tls-keystore. Never logged (env EM_HTTP_TLS_KEYSTORE_PASSWORD).")
    String httpTlsKeystorePassword;

    @Option(names = "--topic-prefix", defaultValue = "${env:EM_TOPIC_PREFIX:-em.}",
            description = "Prefix of every topic name (env EM_TOPIC_PREFIX, default ${DEFAULT-VALUE}).")
    String topicPrefix;

    @Option(names = "--partitions", defaultValue = "${env:EM_PARTITIONS:-6}",
            description = "Partitions of topics the monitor creates (env EM_PARTITIONS, default ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--replication-factor", defaultValue = "${env:EM_REPLICATION_FACTOR:--1}",
            description = "Replication factor of created topics, -1 = broker default (env EM_REPLICATION_FACTOR, default ${DEFAULT-VALUE}).")
    short replicationFactor;

    @Option(names = "--create-topics", defaultValue = "${env:EM_CREATE_TOPICS:-true}", arity = "1",
            description = "Create missing topics (true) or only check they exist (false) (env EM_CREATE_TOPICS, default ${DEFAULT-VALUE}).")
    boolean createTopics;

    @Option(names = "--processing-guarantee", defaultValue = "${env:EM_PROCESSING_GUARANTEE:-exactly_once_v2}",
            description = "exactly_once_v2 or at_least_once (env EM_PROCESSING_GUARANTEE, default ${DEFAULT-VALUE}).")
    String processingGuarantee;

    @Option(names = "--commit-interval-ms", defaultValue = "${env:EM_COMMIT_INTERVAL_MS:-100}",
            description = "Commit interval; with exactly-once also the feed's latency floor (env EM_COMMIT_INTERVAL_MS, default ${DEFAULT-VALUE}).")
    long commitIntervalMs;

    @Option(names = "--clock-interval", defaultValue = "${env:EM_CLOCK_INTERVAL:-PT1H}",
            description = "Delinquency clock period, ISO-8601, at most P1D (env EM_CLOCK_INTERVAL, default ${DEFAULT-VALUE}).")
    Duration clockInterval;

    @Option(names = "--systemic-threshold", defaultValue = "${env:EM_SYSTEMIC_THRESHOLD:-0.25}",
            description = "Revenue share that makes a counterparty count towards systemic (env EM_SYSTEMIC_THRESHOLD, default ${DEFAULT-VALUE}).")
    double systemicThreshold;

    @Option(names = "--daily-grace", defaultValue = "${env:EM_DAILY_GRACE:-PT1H}",
            description = "How late an exposure may be and still count in its day's analytics, ISO-8601 (env EM_DAILY_GRACE, default ${DEFAULT-VALUE}).")
    Duration dailyGrace;

    @Option(names = "--thread-replacements", defaultValue = "${env:EM_THREAD_REPLACEMENTS:-10}",
            description = "Failed stream threads replaced within --thread-replacement-window before the instance "
                    + "stops processing and reports DOWN (env EM_THREAD_REPLACEMENTS, default ${DEFAULT-VALUE}).")
    int threadReplacements;

    @Option(names = "--thread-replacement-window", defaultValue = "${env:EM_THREAD_REPLACEMENT_WINDOW:-PT10M}",
            description = "Window of --thread-replacements, ISO-8601 (env EM_THREAD_REPLACEMENT_WINDOW, default ${DEFAULT-VALUE}).")
    Duration threadReplacementWindow;

    @Option(names = "--thread-replacement-backoff", defaultValue = "${env:EM_THREAD_REPLACEMENT_BACKOFF:-PT1S}",
            description = "Wait before replacing a failed stream thread, doubled per failure in the window up to "
                    + "--thread-replacement-max-backoff (env EM_THREAD_REPLACEMENT_BACKOFF, default ${DEFAULT-VALUE}).")
    Duration threadReplacementBackoff;

    @Option(names = "--thread-replacement-max-backoff", defaultValue = "${env:EM_THREAD_REPLACEMENT_MAX_BACKOFF:-PT8S}",
            description = "Longest wait before a replacement; keep it under the exactly-once transaction timeout "
                    + "(env EM_THREAD_REPLACEMENT_MAX_BACKOFF, default ${DEFAULT-VALUE}).")
    Duration threadReplacementMaxBackoff;

    @Option(names = "--history-retention", defaultValue = "${env:EM_HISTORY_RETENTION:-P400D}",
            description = "How far back each operator's published exposures are kept for /operators/{id}/history and "
                    + "?asOf= answers, in event time, ISO-8601 (env EM_HISTORY_RETENTION, default ${DEFAULT-VALUE}).")
    Duration historyRetention;

    @Option(names = "--standby-replicas", defaultValue = "${env:EM_STANDBY_REPLICAS:-0}",
            description = "Standby replicas of each state store (env EM_STANDBY_REPLICAS, default ${DEFAULT-VALUE}).")
    int standbyReplicas;

    @Option(names = "--stream-threads", defaultValue = "${env:EM_STREAM_THREADS:-1}",
            description = "Kafka Streams threads (env EM_STREAM_THREADS, default ${DEFAULT-VALUE}).")
    int streamThreads;

    @Option(names = "--api-token", defaultValue = "${env:EM_API_TOKEN:-}",
            description = "Bearer token required by the HTTP API; empty = none. Never logged (env EM_API_TOKEN).")
    String apiToken;

    @Option(names = "--config", defaultValue = "${env:EM_CONFIG_FILE:-}",
            description = "Properties file of Kafka client settings (SASL/SSL...), passed through unchanged; also the "
                    + "schema registry's credentials and TLS keys (env EM_CONFIG_FILE).")
    String configFile;

    @Option(names = "--kafka-config", paramLabel = "KEY=VALUE",
            description = "A Kafka client setting passed through unchanged; repeatable; wins over --config.")
    Map<String, String> kafkaConfig = new LinkedHashMap<>();

    MonitorSettings toSettings() {
        if (clockInterval.compareTo(Duration.ofDays(1)) > 0 || clockInterval.isNegative() || clockInterval.isZero()) {
            throw new IllegalArgumentException("--clock-interval must be positive and at most P1D, got " + clockInterval);
        }
        Map<String, String> passthrough = new LinkedHashMap<>(fromFile());
        passthrough.putAll(kafkaConfig);
        return new MonitorSettings(bootstrapServers, schemaRegistryUrl, applicationId, stateDir, httpHost, httpPort,
                topicPrefix, partitions, replicationFactor, createTopics, processingGuarantee, commitIntervalMs,
                clockInterval, standbyReplicas, streamThreads, apiToken.isEmpty() ? null : apiToken, passthrough,
                systemicThreshold, dailyGrace, new ThreadRestarts(threadReplacements, threadReplacementWindow,
                        threadReplacementBackoff, threadReplacementMaxBackoff), httpSettings(), historyRetention,
                advertisedHost);
    }

    private HttpSettings httpSettings() {
        return new HttpSettings(httpMaxStreams, httpStreamBacklog, httpWriteTimeout, httpRequestTimeout,
                httpMaxBodyBytes, httpTlsKeystore, httpTlsKeystorePassword);
    }

    private Map<String, String> fromFile() {
        if (configFile == null || configFile.isBlank()) {
            return Map.of();
        }
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(Path.of(configFile))) {
            props.load(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read --config " + configFile + ": " + e.getMessage(), e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        props.stringPropertyNames().forEach(k -> out.put(k, props.getProperty(k)));
        return out;
    }
}
