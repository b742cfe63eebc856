package com.exposuremonitor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.exposuremonitor.embedded.EmbeddedKafka;
import com.exposuremonitor.embedded.EmbeddedSchemaRegistry;
import com.exposuremonitor.reliability.ContinuousPublisher;
import com.exposuremonitor.reliability.EventGenerator;
import com.exposuremonitor.reliability.Reliability;
import com.exposuremonitor.runtime.Monitor;
import com.exposuremonitor.runtime.MonitorSettings;
import com.exposuremonitor.verify.VerifierReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker stops and comes back on the same data directory and the same address five times while the
 * monitor runs and events keep arriving; the monitor recovers by itself (no restart by the test) and the
 * verifier finds every output exactly right, with no transaction left open.
 *
 * <p>The embedded broker keeps its address through an extra listener on a fixed port
 * ({@link EmbeddedKafka#start(Path, Map, int)}): the test kit's own listener always takes a pre-bound
 * random port, whatever {@code listeners} says.
 */
class BrokerBounceIT {
    private static final int BOUNCES = 5;

    @TempDir
    Path work;

    @Test
    void theMonitorRecoversByItselfFromFiveBrokerRestarts() throws Exception {
        int port = Reliability.freePort();
        Path data = work.resolve("kafka");
        EmbeddedKafka[] kafka = {EmbeddedKafka.start(data, Map.of(), port)};
        String bootstrap = kafka[0].bootstrapServers();
        List<String> bounces = new ArrayList<>();
        long[] lastBounceCommitted = {0};
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(bootstrap, 0)) {
            MonitorSettings settings = Reliability.settings(bootstrap, registry.url(), work.resolve("state"),
                    Reliability.runId(), 500, Map.of());
            try (Monitor monitor = Monitor.start(settings);
                 ContinuousPublisher publisher = new ContinuousPublisher(bootstrap, monitor.topics(),
                         new EventGenerator(11, 30), 10, 200_000)) {
                await("monitor RUNNING").atMost(Duration.ofMinutes(1))
                        .until(() -> monitor.streams().state() == KafkaStreams.State.RUNNING);
                publisher.start();
                for (int bounce = 1; bounce <= BOUNCES; bounce++) {
                    long before = Reliability.committedTotal(bootstrap, settings.applicationId());
                    long target = bounce * 300L;
                    // between two bounces the monitor must have recovered: new events arrive and it commits progress
                    await("the monitor commits progress before bounce " + bounce).atMost(Duration.ofMinutes(2))
                            .pollInterval(Duration.ofMillis(500))
                            .until(() -> publisher.sent() >= target
                                    && Reliability.committedTotal(bootstrap, settings.applicationId()) > before);
                    lastBounceCommitted[0] = Reliability.committedTotal(bootstrap, settings.applicationId());
                    long down = System.nanoTime();
                    kafka[0].close();
                    kafka[0] = EmbeddedKafka.start(data, Map.of(), port);
                    assertThat(kafka[0].bootstrapServers()).as("same address after bounce %d", bounce)
                            .isEqualTo(bootstrap);
                    bounces.add(String.format("bounce %d: broker down %.1f s, %d events published so far", bounce,
                            (System.nanoTime() - down) / 1e9, publisher.sent()));
                }
                await("the monitor commits progress after the last bounce").atMost(Duration.ofMinutes(2))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> Reliability.committedTotal(bootstrap, settings.applicationId())
                                > lastBounceCommitted[0]);
                publisher.stop();
                VerifierReport running = Reliability.awaitVerified(Reliability.verifier(settings),
                        Duration.ofMinutes(3), "the monitor caught up after " + BOUNCES + " broker bounces");
                assertThat(monitor.streams().state()).as("recovered by itself").isEqualTo(KafkaStreams.State.RUNNING);
                System.out.println("BrokerBounceIT running: " + running.summary() + "; failed sends "
                        + publisher.failed());
            }
            VerifierReport report = Reliability.verifier(settings).verifyStopped();
            bounces.forEach(b -> System.out.println("BrokerBounceIT " + b));
            System.out.println("BrokerBounceIT: " + report.summary());
            assertThat(report.ok()).as("%s", report).isTrue();
            assertThat(report.inputRecords()).isPositive();
        } finally {
            kafka[0].close();
        }
    }
}
