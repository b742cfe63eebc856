package com.exposuremonitor.runtime;

import com.exposuremonitor.avro.DefaultRiskAlert;
import com.exposuremonitor.confluent.SchemaRegistryClient;
import com.exposuremonitor.topology.OutputCounters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The monitor's own metrics, beside Kafka Streams' and the JVM's: dead letters by errorType, alert
 * transitions by rule, severity and transition, registry trouble, stream-thread replacements, lag per input.
 */
final class MonitorMetrics implements OutputCounters {
    private final MeterRegistry registry;

    MonitorMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Registry calls retried, given up on, refused: read from the client the topology uses. */
    MonitorMetrics watchRegistry(SchemaRegistryClient client) {
        FunctionCounter.builder("em.registry.retries", client, SchemaRegistryClient::retried)
                .description("schema registry calls retried after a transient fault").register(registry);
        FunctionCounter.builder("em.registry.failures", client, SchemaRegistryClient::unavailable)
                .tag("kind", "unavailable").description("registry calls that failed after every retry")
                .register(registry);
        FunctionCounter.builder("em.registry.failures", client, SchemaRegistryClient::refused)
                .tag("kind", "refused").description("registry calls refused for good (401/403, wrong URL)")
                .register(registry);
        return this;
    }

    MonitorMetrics watchThreads(StreamThreadFailures failures) {
        FunctionCounter.builder("em.stream.thread.replacements", failures, StreamThreadFailures::replaced)
                .description("failed stream threads replaced").register(registry);
        return this;
    }

    /**
     * Records not yet read, per input topic: the sum of the stream threads' consumer {@code records-lag} per
     * partition. Kafka's per-partition metric itself cannot be exported to Prometheus next to
     * {@code records-lag-max}, which has other tags under the same name.
     */
    MonitorMetrics watchLag(KafkaStreams streams, List<String> inputTopics) {
        for (String topic : inputTopics) {
            Gauge.builder("em.input.lag", streams, s -> lag(s, topic)).tag("topic", topic)
                    .description("records of the input topic not yet read by this instance").register(registry);
        }
        return this;
    }

    private static double lag(KafkaStreams streams, String topic) {
        double sum = 0;
        for (Map.Entry<MetricName, ? extends Metric> e : streams.metrics().entrySet()) {
            MetricName name = e.getKey();
            if (name.name().equals("records-lag") && topic.equals(name.tags().get("topic"))
                    && name.tags().getOrDefault("client-id", "").endsWith("-consumer")
                    && !name.tags().getOrDefault("client-id", "").endsWith("restore-consumer")
                    && e.getValue().metricValue() instanceof Number n && !Double.isNaN(n.doubleValue())) {
                sum += n.doubleValue();
            }
        }
        return sum;
    }

    @Override
    public void deadLetter(String errorType) {
        Counter.builder("em.dead.letters").tag("error_type", errorType)
                .description("records sent to the dead-letter topic").register(registry).increment();
    }

    @Override
    public void alert(DefaultRiskAlert alert) {
        Counter.builder("em.alerts").tag("rule", alert.getRule()).tag("severity", String.valueOf(alert.getSeverity()))
                .tag("transition", String.valueOf(alert.getTransition()))
                .description("alert state changes published").register(registry).increment();
    }
}
