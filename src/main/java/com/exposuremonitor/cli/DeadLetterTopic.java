package com.exposuremonitor.cli;

import com.exposuremonitor.avro.DeadLetter;
import com.exposuremonitor.topology.DeadLetterFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads the dead-letter topic from the start to its current end (committed records only). */
final class DeadLetterTopic {
    /** One dead-letter record: where it sits on the dead-letter topic, and what it holds. */
    record Entry(int partition, long offset, long timestamp, byte[] key, byte[] value, Headers headers,
                 DeadLetter letter) {
        String position() {
            return partition + "@" + offset;
        }
    }

    private DeadLetterTopic() {
    }

    static List<Entry> read(String bootstrap, Map<String, String> passthrough, String topic, Predicate<Entry> filter,
                            Duration timeout) {
        Map<String, Object> config = new HashMap<>(passthrough);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            List<Entry> out = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!reachedEnd(consumer, end) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    Entry e = new Entry(r.partition(), r.offset(), r.timestamp(), r.key(), r.value(), r.headers(),
                            DeadLetterFormat.read(r.key(), r.value(), r.headers()));
                    if (filter.test(e)) {
                        out.add(e);
                    }
                }
            }
            if (!reachedEnd(consumer, end)) {
                throw new IllegalStateException("could not read " + topic + " to its end within " + timeout);
            }
            return out;
        }
    }

    private static boolean reachedEnd(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }
}
