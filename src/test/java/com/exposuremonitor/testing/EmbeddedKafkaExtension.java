package com.exposuremonitor.testing;

import com.exposuremonitor.embedded.EmbeddedKafka;
import com.exposuremonitor.embedded.EmbeddedSchemaRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real KRaft broker and one schema registry per test class (register it as a static field with
 * {@code @RegisterExtension}); both are stopped and their data deleted after the class.
 */
public final class EmbeddedKafkaExtension implements BeforeAllCallback, AfterAllCallback {
    private Path dataDir;
    private EmbeddedKafka kafka;
    private EmbeddedSchemaRegistry registry;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dataDir = Files.createTempDirectory("embedded-kafka-");
        kafka = EmbeddedKafka.start(dataDir.resolve("kafka"));
        registry = EmbeddedSchemaRegistry.start(kafka.bootstrapServers(), 0);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try (EmbeddedKafka k = kafka; EmbeddedSchemaRegistry r = registry) {
            // closed in reverse order: registry first, then the broker
        } finally {
            deleteRecursively(dataDir);
        }
    }

    public EmbeddedKafka kafka() {
        return kafka;
    }

    public EmbeddedSchemaRegistry registry() {
        return registry;
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String registryUrl() {
        return registry.url();
    }

    /** A consumer of the topic from its beginning that sees committed records only, as subscribers should. */
    public <V> KafkaConsumer<String, V> readCommittedConsumer(String topic, Deserializer<V> values) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        KafkaConsumer<String, V> consumer = new KafkaConsumer<>(props, new StringDeserializer(), values);
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    public Path dataDir() {
        return dataDir;
    }

    public static void deleteRecursively(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
