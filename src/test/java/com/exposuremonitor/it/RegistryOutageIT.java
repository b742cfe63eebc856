package com.exposuremonitor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.exposuremonitor.avro.Financing;
import com.exposuremonitor.avro.GpuDelivery;
import com.exposuremonitor.avro.PaymentDelay;
import com.exposuremonitor.avro.RevenueReport;
import com.exposuremonitor.confluent.ConfluentAvroSerializer;
import com.exposuremonitor.confluent.SchemaRegistryClient;
import com.exposuremonitor.domain.InputEvents;
import com.exposuremonitor.reliability.EventGenerator;
import com.exposuremonitor.reliability.Reliability;
import com.exposuremonitor.runtime.Monitor;
import com.exposuremonitor.runtime.MonitorSettings;
import com.exposuremonitor.testing.EmbeddedKafkaExtension;
import com.exposuremonitor.testing.FaultyRegistryProxy;
import com.exposuremonitor.testing.FaultyRegistryProxy.Fault;
import com.exposuremonitor.testing.SchemaVariants;
import com.exposuremonitor.topology.TopicNames;
import com.exposuremonitor.verify.Verifier;
import com.exposuremonitor.verify.VerifierReport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitor reaches its schema registry through a proxy that injects faults while events flow: the
 * registry down for 20 s, bursts of 503, 429 with Retry-After, slow answers. Each phase's events are written
 * with a new (compatible) writer schema, so the monitor must ask the registry during the fault. Nothing valid
 * is dead-lettered, the verifier finds every output exactly right, and the monitor is back to RUNNING by
 * itself. A registry that refuses the monitor's credentials stops it, with the cause in /health.
 *
 * <p>The waits do not catch other threads' uncaught exceptions: a failed stream thread rethrows its error
 * as it is replaced, which is the behaviour under test here.
 */
class RegistryOutageIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension CLUSTER = new EmbeddedKafkaExtension();
    private static final int EVENTS_PER_PHASE = 200;

    @TempDir
    Path work;

    @Test
    void registryFaultsWhileEventsFlowLoseNothingAndDeadLetterNothing() throws Exception {
        String run = Reliability.runId();
        try (FaultyRegistryProxy proxy = FaultyRegistryProxy.start(CLUSTER.registryUrl());
             Sender sender = new Sender(run);
             Monitor monitor = Monitor.start(Reliability.settings(CLUSTER.bootstrapServers(), proxy.url(),
                     work.resolve("state"), run, 500, Map.of()))) {
            Verifier verifier = direct(monitor.settings());
            awaitRunning(monitor, "monitor RUNNING");
            sender.send(0);
            awaitConsumed(verifier, "phase 0 (no fault) consumed");

            proxy.down();
            Instant down = Instant.now();
            sender.send(1);
            await("20 s of registry outage, met by the monitor with backed-off thread replacements")
                    .dontCatchUncaughtExceptions()
                    .atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                    .until(() -> Duration.between(down, Instant.now()).toSeconds() >= 20
                            && monitor.threadFailures().replaced() >= 1);
            proxy.up();
            awaitConsumed(verifier, "phase 1 (registry down) consumed once it is back");

            proxy.failNext(3, Fault.UNAVAILABLE_503);
            sender.send(2);
            awaitConsumed(verifier, "phase 2 (503 burst) consumed");

            proxy.failNext(2, Fault.TOO_MANY_429);
            sender.send(3);
            awaitConsumed(verifier, "phase 3 (429 with Retry-After) consumed");

            proxy.slowBy(Duration.ofSeconds(2));
            proxy.failNext(2, Fault.SLOW);
            sender.send(4);
            awaitConsumed(verifier, "phase 4 (slow answers) consumed");

            VerifierReport report = Reliability.awaitVerified(verifier, Duration.ofMinutes(2),
                    "the monitor's outputs after every registry fault");
            awaitRunning(monitor, "back to RUNNING by itself");
            System.out.printf("RegistryOutageIT: faults injected %d (down 1, 503 %d, 429 %d, slow %d), events sent %d,"
                            + " thread replacements %d, mismatches %d, dead letters %d; %s%n", proxy.injectedTotal(),
                    proxy.injected(Fault.UNAVAILABLE_503), proxy.injected(Fault.TOO_MANY_429),
                    proxy.injected(Fault.SLOW), sender.sent, monitor.threadFailures().replaced(),
                    report.mismatches().size(), report.deadLetters(), report.summary());
            assertThat(report.deadLetters()).as("valid records dead-lettered").isZero();
            assertThat(report.validEvents()).isEqualTo(sender.sent);
            assertThat(proxy.injected(Fault.UNAVAILABLE_503)).as("503s met").isEqualTo(3);
            assertThat(proxy.injected(Fault.TOO_MANY_429)).as("429s met").isEqualTo(2);
            assertThat(proxy.injected(Fault.SLOW)).as("slow answers met").isEqualTo(2);
            assertThat(monitor.threadFailures().fatal()).isEmpty();
        }
    }

    @Test
    void aRegistryThatRefusesTheMonitorStopsItWithTheCauseInHealth() throws Exception {
        String run = Reliability.runId();
        try (FaultyRegistryProxy proxy = FaultyRegistryProxy.start(CLUSTER.registryUrl());
             Sender sender = new Sender(run);
             Monitor monitor = Monitor.start(Reliability.settings(CLUSTER.bootstrapServers(), proxy.url(),
                     work.resolve("state"), run, 500, Map.of()))) {
            awaitRunning(monitor, "monitor RUNNING");
            proxy.failNext(-1, Fault.UNAUTHORIZED_401);
            sender.send(1);
            await("the monitor stops processing").dontCatchUncaughtExceptions().atMost(Duration.ofMinutes(1))
                    .until(() -> monitor.streams().state() == KafkaStreams.State.ERROR);
            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(monitor.url() + "/health/live")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(health.body()).contains("refuses the monitor").contains("HTTP 401");
            assertThat(monitor.threadFailures().replaced()).as("no retry of a refusal").isZero();
            assertThat(direct(monitor.settings()).verify().deadLetters()).as("valid records dead-lettered").isZero();
        }
    }

    private static void awaitRunning(Monitor monitor, String what) {
        await(what).dontCatchUncaughtExceptions().atMost(Duration.ofMinutes(1))
                .until(() -> monitor.streams().state() == KafkaStreams.State.RUNNING);
    }

    private static void awaitConsumed(Verifier verifier, String what) {
        await(what).dontCatchUncaughtExceptions().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                .until(() -> verifier.verify().inputLag() == 0);
    }

    /** The verifier reads the registry directly, not through the faults. */
    private static Verifier direct(MonitorSettings s) {
        return new Verifier(s.bootstrapServers(), CLUSTER.registryUrl(), s.topicPrefix(), s.applicationId(),
                s.kafkaConfig());
    }

    /** Sends generated events, each phase with a new writer schema per input kind (one more field). */
    private static final class Sender implements AutoCloseable {
        private final TopicNames names;
        private final EventGenerator generator = new EventGenerator(23, 20);
        private final ConfluentAvroSerializer<GenericRecord> serializer =
                new ConfluentAvroSerializer<>(new SchemaRegistryClient(CLUSTER.registryUrl()), false, true);
        private final KafkaProducer<String, byte[]> producer;
        int sent;

        Sender(String run) {
            this.names = TopicNames.withPrefix("r" + run + ".");
            Map<String, Object> config = new HashMap<>();
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, CLUSTER.bootstrapServers());
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        }

        void send(int phase) {
            for (int i = 0; i < EVENTS_PER_PHASE; i++) {
                SpecificRecord event = generator.next();
                String topic = topicOf(event);
                Schema variant = SchemaVariants.withExtraField(event.getSchema(), "phase" + phase);
                byte[] value = serializer.serialize(topic, SchemaVariants.copy(event, variant));
                Instant time = (Instant) ((GenericRecord) event).get("eventTime");
                producer.send(new ProducerRecord<>(topic, null, time.toEpochMilli(), InputEvents.operatorId(event),
                        value));
                sent++;
            }
            producer.flush();
        }

        private String topicOf(SpecificRecord event) {
            if (event instanceof Financing) {
                return names.financings();
            } else if (event instanceof GpuDelivery) {
                return names.gpuDeliveries();
            } else if (event instanceof RevenueReport) {
                return names.revenueReports();
            } else if (event instanceof PaymentDelay) {
                return names.paymentDelays();
            }
            throw new IllegalArgumentException(event.getClass().getName());
        }

        @Override
        public void close() {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
