package com.exposuremonitor.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.exposuremonitor.avro.Financing;
import com.exposuremonitor.confluent.ConfluentAvroDeserializer;
import com.exposuremonitor.confluent.ConfluentAvroSerializer;
import com.exposuremonitor.confluent.SchemaRegistryClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces Avro records with our serializer through a broker and a registry, consumes them back with our
 * deserializer and checks they are equal. Shared by the embedded-broker test and the Docker variant.
 */
public final class AvroRoundTripScenario {
    private AvroRoundTripScenario() {
    }

    public static void run(String bootstrapServers, String registryUrl) throws Exception {
        String topic = "roundtrip-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
        }
        SchemaRegistryClient client = new SchemaRegistryClient(registryUrl);
        List<Financing> sent = IntStream.range(0, 50).mapToObj(i -> SampleEvents.bond("op-" + (i % 7), i)).toList();
        produce(bootstrapServers, topic, client, sent);
        List<Financing> received = consume(bootstrapServers, topic, client, sent.size());
        assertThat(received).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(client.latest(topic + "-value")).as("schema registered under the topic's value subject")
                .hasValueSatisfying(s -> assertThat(s.schema()).isEqualTo(Financing.getClassSchema()));
    }

    private static void produce(String bootstrap, String topic, SchemaRegistryClient client, List<Financing> records)
            throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, Financing> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ConfluentAvroSerializer<>(client, false, true))) {
            for (Financing f : records) {
                producer.send(new ProducerRecord<>(topic, f.getOperatorId(), f)).get();
            }
        }
    }

    private static List<Financing> consume(String bootstrap, String topic, SchemaRegistryClient client, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "roundtrip-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<Financing> received = new ArrayList<>();
        try (KafkaConsumer<String, Financing> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ConfluentAvroDeserializer<>(client, Financing.class))) {
            consumer.subscribe(List.of(topic));
            await("all " + expected + " records consumed back").atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, Financing> r : consumer.poll(Duration.ofMillis(200))) {
                    assertThat(r.key()).isEqualTo(r.value().getOperatorId());
                    received.add(r.value());
                }
                return received.size() >= expected;
            });
        }
        return received;
    }
}
