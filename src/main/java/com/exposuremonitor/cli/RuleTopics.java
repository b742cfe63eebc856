package com.exposuremonitor.cli;

import com.exposuremonitor.avro.AlertRule;
import com.exposuremonitor.avro.DeadLetter;
import com.exposuremonitor.confluent.RegistryClientConfig;
import com.exposuremonitor.confluent.SchemaRegistryClient;
import com.exposuremonitor.topology.DeadLetterFormat;
import com.exposuremonitor.topology.TopicNames;
import com.exposuremonitor.topology.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The rule topics as the {@code rules} command sees them: the checked overrides in force (compacted),
 * the topic updates are published to, and the dead letters that say why an update was refused. Reads are
 * read_committed: the monitor writes these topics in transactions. Every wait is bounded by the timeout.
 */
final class RuleTopics {
    /** What became of a published update. */
    sealed interface Outcome permits InForce, Rejected, NotSeen {
    }

    /** The update is the rule in force (null: the rule is back to its default). */
    record InForce(AlertRule rule) implements Outcome {
    }

    /** The monitor refused it; the dead letter's reason. */
    record Rejected(String reason) implements Outcome {
    }

    /** Neither within the timeout. */
    record NotSeen() implements Outcome {
    }

    private final String bootstrapServers;
    private final Map<String, String> passthrough;
    private final Topics topics;
    private final Duration timeout;

    RuleTopics(String bootstrapServers, Map<String, String> passthrough, String registryUrl, String topicPrefix,
               Duration timeout) {
        this.bootstrapServers = bootstrapServers;
        this.passthrough = passthrough;
        this.topics = new Topics(TopicNames.withPrefix(topicPrefix),
                new SchemaRegistryClient(RegistryClientConfig.from(registryUrl, passthrough)));
        this.timeout = timeout;
    }

    TopicNames names() {
        return topics.names();
    }

    /** The overrides in force by rule name, read to the end of the compacted topic. */
    Map<String, AlertRule> overrides() {
        Map<String, AlertRule> overrides = new TreeMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer, names().alertRules());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            Instant deadline = Instant.now().plus(timeout);
            while (partitions.stream().anyMatch(p -> consumer.position(p, timeout) < end.get(p))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("could not read " + names().alertRules() + " to its end within "
                            + timeout.toSeconds() + " s");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    AlertRule rule = r.value() == null ? null : ruleOf(r);
                    if (rule == null) {
                        overrides.remove(keyOf(r));
                    } else {
                        overrides.put(keyOf(r), rule);
                    }
                }
            }
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw unreachable(e);
        }
        return overrides;
    }

    /** Where each partition of the in-force and dead-letter topics ends now: what an update's outcome follows. */
    Map<TopicPartition, Long> outcomeOffsets() {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = new java.util.ArrayList<>(partitions(consumer, names().alertRules()));
            partitions.addAll(partitions(consumer, names().deadLetters()));
            return consumer.endOffsets(partitions, timeout);
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw unreachable(e);
        }
    }

    /** Publishes an update (null: a tombstone, back to the default) and waits for its acknowledgement. */
    RecordMetadata publish(String rule, AlertRule update) {
        Map<String, Object> config = new HashMap<>();
        long ms = Math.max(timeout.toMillis(), 1_000);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, ms);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) ms);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) (ms / 2));
        config.putAll(passthrough);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        String topic = names().alertRuleUpdates();
        byte[] value = update == null ? null : topics.alertRuleUpdates.valueSerde().serializer().serialize(topic, update);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            return producer.send(new ProducerRecord<>(topic, rule, value)).get(ms + 5_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("sending to " + topic + " failed: "
                    + (e instanceof ExecutionException ? e.getCause() : e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending", e);
        }
    }

    /**
     * Follows the in-force and dead-letter topics from {@code from} until the update sent at {@code sent}
     * is in force (an override of {@code version}, or, for null, a tombstone) or was dead-lettered.
     */
    Outcome await(String rule, Integer version, RecordMetadata sent, Map<TopicPartition, Long> from) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            Instant deadline = Instant.now().plus(timeout);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    Optional<Outcome> outcome = r.topic().equals(names().alertRules())
                            ? inForce(r, rule, version) : rejected(r, sent);
                    if (outcome.isPresent()) {
                        return outcome.get();
                    }
                }
            }
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw unreachable(e);
        }
        return new NotSeen();
    }

    private Optional<Outcome> inForce(ConsumerRecord<byte[], byte[]> r, String rule, Integer version) {
        if (!rule.equals(keyOf(r))) {
            return Optional.empty();
        }
        AlertRule now = r.value() == null ? null : ruleOf(r);
        boolean ours = version == null ? now == null : now != null && now.getVersion() == version;
        return ours ? Optional.of(new InForce(now)) : Optional.empty();
    }

    private Optional<Outcome> rejected(ConsumerRecord<byte[], byte[]> r, RecordMetadata sent) {
        DeadLetter letter;
        try {
            letter = DeadLetterFormat.read(r.key(), r.value(), r.headers());
        } catch (RuntimeException e) {
            return Optional.empty(); // error headers not the monitor's: not ours either
        }
        boolean ours = "RULE".equals(letter.getErrorType()) && sent.topic().equals(letter.getSourceTopic())
                && sent.partition() == letter.getSourcePartition() && sent.offset() == letter.getSourceOffset();
        return ours ? Optional.of(new Rejected(letter.getReason())) : Optional.empty();
    }

    private static String keyOf(ConsumerRecord<byte[], byte[]> r) {
        return r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
    }

    private AlertRule ruleOf(ConsumerRecord<byte[], byte[]> r) {
        return topics.alertRules.valueSerde().deserializer().deserialize(r.topic(), r.value());
    }

    private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " does not exist (start the monitor once, it creates "
                    + "its topics, or check --topic-prefix)");
        }
        return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Map<String, Object> config = new LinkedHashMap<>(passthrough);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.putIfAbsent(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Math.max(timeout.toMillis(), 1_000));
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private IllegalStateException unreachable(Exception e) {
        return new IllegalStateException("no answer from Kafka at " + bootstrapServers + " within "
                + timeout.toSeconds() + " s: " + e.getMessage(), e);
    }
}
