package com.exposuremonitor.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * What an application run produced: every record of its output and internal topics (changelogs,
 * repartitions), read back read_committed from the start, counted per topic with its bytes (key + value).
 */
final class Produced {
    record Topic(long records, long bytes) {
    }

    private Produced() {
    }

    static Map<String, Topic> count(String bootstrap, Admin admin, Predicate<String> produced) throws Exception {
        List<String> topics = admin.listTopics().names().get().stream().filter(produced).sorted().toList();
        Map<String, Topic> out = new TreeMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = PipeClients.consumer(bootstrap, "count-" + UUID.randomUUID(),
                true)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
                out.put(topic, new Topic(0, 0));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long idle = 0;
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && idle < 50) {
                var records = consumer.poll(Duration.ofMillis(200));
                idle = records.isEmpty() ? idle + 1 : 0;
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    long bytes = (r.key() == null ? 0 : r.key().length) + (r.value() == null ? 0 : r.value().length);
                    out.merge(r.topic(), new Topic(1, bytes), (a, b) -> new Topic(a.records + b.records,
                            a.bytes + b.bytes));
                }
            }
        }
        return out;
    }
}
