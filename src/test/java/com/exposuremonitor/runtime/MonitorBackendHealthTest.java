package com.exposuremonitor.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.exposuremonitor.api.FeedSource;
import com.exposuremonitor.api.Subscription;
import com.exposuremonitor.avro.DefaultRiskAlert;
import com.exposuremonitor.avro.OperatorExposure;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** A dead live-feed reader makes the instance neither alive nor ready, and /health says why. */
class MonitorBackendHealthTest {

    @Test
    void aDeadLiveFeedTurnsLivenessAndReadinessDownWithItsCause() {
        FeedSource dead = new FeedSource() {
            @Override
            public Subscription subscribeExposures(Consumer<OperatorExposure> subscriber) {
                return FeedSource.none().subscribeExposures(subscriber);
            }

            @Override
            public Subscription subscribeAlerts(Consumer<DefaultRiskAlert> subscriber) {
                return FeedSource.none().subscribeAlerts(subscriber);
            }

            @Override
            public Optional<String> failure() {
                return Optional.of("live feed stopped: org.apache.kafka.common.KafkaException: broker said no");
            }
        };
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        MonitorBackend backend = new MonitorBackend(dead, metrics);
        assertThat(backend.alive()).isFalse();
        assertThat(backend.healthy()).isFalse();
        assertThat(backend.problem()).hasValueSatisfying(p -> assertThat(p).contains("broker said no"));
        MonitorBackend working = new MonitorBackend(FeedSource.none(), metrics);
        assertThat(working.alive()).as("starting, feed fine").isTrue();
        assertThat(working.problem()).isEmpty();
    }

    @Test
    void streamProcessingStoppedForGoodTurnsBothDownWithItsCause() {
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        MonitorBackend stopped = new MonitorBackend(FeedSource.none(), metrics,
                () -> Optional.of("a stream thread failed 11 times within PT10M; last: boom"));
        assertThat(stopped.alive()).isFalse();
        assertThat(stopped.healthy()).isFalse();
        assertThat(stopped.problem()).hasValueSatisfying(p -> assertThat(p).contains("11 times"));
    }
}
