package com.exposuremonitor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.exposuremonitor.runtime.StreamThreadFailures;
import com.exposuremonitor.runtime.ThreadRestarts;
import com.exposuremonitor.testing.EmbeddedKafkaExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a real broker, a processor that throws on every record (no handler set aside, so the stream thread
 * dies each time): the monitor's thread-failure policy replaces the thread a bounded number of times, then
 * shuts the client down and says why, instead of a replacement storm.
 */
class ThreadFailureIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension CLUSTER = new EmbeddedKafkaExtension();

    @TempDir
    Path state;

    @Test
    void aThreadThatKeepsFailingIsReplacedTwiceThenTheClientStopsWithTheCause() throws Exception {
        String topic = "poison-" + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin = CLUSTER.kafka().admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        AtomicInteger attempts = new AtomicInteger();
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(topic, Consumed.with(Serdes.String(), Serdes.String()).withName("poison-source"))
                .foreach((k, v) -> {
                    attempts.incrementAndGet();
                    throw new IllegalStateException("poison " + v);
                }, Named.as("always-throws"));
        StreamThreadFailures failures = new StreamThreadFailures(
                new ThreadRestarts(2, Duration.ofMinutes(5), Duration.ofMillis(100), Duration.ofMillis(200)));
        try (KafkaStreams streams = new KafkaStreams(builder.build(), props(topic))) {
            streams.setUncaughtExceptionHandler(failures);
            streams.start();
            send(topic);
            await("the client gives up").dontCatchUncaughtExceptions().atMost(Duration.ofMinutes(2))
                    .until(() -> streams.state() == KafkaStreams.State.ERROR);
            assertThat(failures.replaced()).as("replacements before giving up").isEqualTo(2);
            assertThat(attempts.get()).as("the record was tried by each thread").isEqualTo(3);
            assertThat(failures.fatal()).hasValueSatisfying(why -> assertThat(why)
                    .contains("failed 3 times within PT5M").contains("poison record-1"));
        }
    }

    private Properties props(String topic) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, topic + "-app");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, CLUSTER.bootstrapServers());
        props.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        // as the monitor does: a replacement thread gets its tasks once the dead thread's session expires
        props.put(StreamsConfig.mainConsumerPrefix("session.timeout.ms"), 10_000);
        return props;
    }

    private static void send(String topic) throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, CLUSTER.bootstrapServers());
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "k", "record-1")).get();
        }
    }
}
