package com.exposuremonitor.runtime;

import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The meters {@code /metrics} serves, in one place so that whatever reads them (the example Grafana
 * dashboard's test) sees exactly what a running monitor registers.
 */
public final class MonitorMetrics {
    private MonitorMetrics() {
    }

    /** A registry with the JVM's memory meters. */
    public static PrometheusMeterRegistry registry() {
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(metrics);
        return metrics;
    }

    /** Kafka Streams' own metrics (client, threads, tasks, stores, its consumers and producers); close it with them. */
    public static KafkaStreamsMetrics bind(KafkaStreams streams, PrometheusMeterRegistry metrics) {
        KafkaStreamsMetrics bound = new KafkaStreamsMetrics(streams);
        bound.bindTo(metrics);
        return bound;
    }
}
