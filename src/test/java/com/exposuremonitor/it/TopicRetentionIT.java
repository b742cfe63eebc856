package com.exposuremonitor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.exposuremonitor.runtime.TopicProvisioner;
import com.exposuremonitor.testing.EmbeddedKafkaExtension;
import com.exposuremonitor.topology.TopicNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * On a real broker, the output topics' retention fits the timestamps they carry: a record whose event
 * time is a year old is not deleted for its age. The daily analytics are compacted (one record per
 * operator and day is kept, whatever its timestamp); a dead letter of a year-old event is stamped with
 * the broker's append time, so its 30 days count from when it was written.
 */
class TopicRetentionIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension CLUSTER = new EmbeddedKafkaExtension();

    private static final Instant A_YEAR_AGO = Instant.now().minus(Duration.ofDays(366));

    @Test
    void recordsWithYearOldEventTimesAreNotDeletedForTheirAge() throws Exception {
        TopicNames names = TopicNames.withPrefix("ret" + UUID.randomUUID().toString().substring(0, 6) + ".");
        try (Admin admin = CLUSTER.kafka().admin()) {
            TopicProvisioner.ensure(admin, names, 1, (short) 1);
            for (String analytics : List.of(names.operatorDaily(), names.sectorDaily())) {
                assertThat(config(admin, analytics).get("cleanup.policy").value()).as(analytics).isEqualTo("compact");
            }
            Config deadLetters = config(admin, names.deadLetters());
            assertThat(deadLetters.get("message.timestamp.type").value()).isEqualTo("LogAppendTime");
            assertThat(deadLetters.get("cleanup.policy").value()).isEqualTo("delete");
        }
        produceYearOld(names.deadLetters(), names.operatorDaily());

        ConsumerRecord<byte[], byte[]> letter = readOne(names.deadLetters());
        assertThat(letter.timestampType()).isEqualTo(TimestampType.LOG_APPEND_TIME);
        assertThat(Instant.ofEpochMilli(letter.timestamp())).as("retention counts from the write, not the event")
                .isAfter(Instant.now().minus(Duration.ofMinutes(5)));
        ConsumerRecord<byte[], byte[]> daily = readOne(names.operatorDaily());
        assertThat(daily.timestamp()).as("the analytics record keeps its event time; compaction keeps the record")
                .isEqualTo(A_YEAR_AGO.toEpochMilli());
    }

    private static Config config(Admin admin, String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource)).all().get().get(resource);
    }

    private static void produceYearOld(String... topics) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, CLUSTER.bootstrapServers());
        try (KafkaProducer<byte[], byte[]> producer =
                     new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (String topic : topics) {
                producer.send(new ProducerRecord<>(topic, 0, A_YEAR_AGO.toEpochMilli(),
                        "op-1|2025-11-30".getBytes(StandardCharsets.UTF_8), new byte[] {1})).get();
            }
        }
    }

    private static ConsumerRecord<byte[], byte[]> readOne(String topic) {
        Map<String, Object> config = Map.of(
                "bootstrap.servers", CLUSTER.bootstrapServers(), "group.id", "ret-" + UUID.randomUUID(),
                "auto.offset.reset", "earliest");
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<byte[], byte[]>> read = new java.util.ArrayList<>();
            await("the record in " + topic).atMost(Duration.ofSeconds(30))
                    .until(() -> {
                        consumer.poll(Duration.ofMillis(200)).forEach(read::add);
                        return !read.isEmpty();
                    });
            return read.get(0);
        }
    }
}
