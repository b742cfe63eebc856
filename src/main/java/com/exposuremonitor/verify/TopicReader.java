package com.exposuremonitor.verify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads whole topics as raw records, {@code read_committed}, without a consumer group: every partition
 * from its beginning up to the end offset taken when reading starts (for read_committed, the last stable
 * offset, so records of open or aborted transactions are never returned). Per partition, records keep
 * their log order.
 */
public final class TopicReader {
    private final Map<String, Object> config;

    /** @param kafkaConfig client settings passed through unchanged (SASL, SSL...) */
    public TopicReader(String bootstrapServers, Map<String, String> kafkaConfig) {
        Map<String, Object> c = new HashMap<>(kafkaConfig);
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.remove(ConsumerConfig.GROUP_ID_CONFIG);
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, "exposure-verifier");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        this.config = c;
    }

    /** Every committed record of the topics (a missing topic reads as empty), by partition in log order. */
    public Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> readAll(Collection<String> topics,
                                                                            Duration timeout) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
                if (infos != null) {
                    infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
                }
            }
            Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> out = new LinkedHashMap<>();
            partitions.stream().sorted((a, b) -> a.topic().equals(b.topic())
                            ? Integer.compare(a.partition(), b.partition()) : a.topic().compareTo(b.topic()))
                    .forEach(tp -> out.put(tp, new ArrayList<>()));
            if (partitions.isEmpty()) {
                return out;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!reachedEnd(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topics + " to their end offsets " + end
                            + " within " + timeout);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (r.offset() < end.get(tp)) {
                        out.get(tp).add(r);
                    }
                }
            }
            return out;
        }
    }

    private static boolean reachedEnd(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey(), Duration.ofSeconds(30)) < e.getValue()) {
                return false;
            }
        }
        return true;
    }
}
