package com.exposuremonitor.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The physical limit of exactly-once: one thread consumes (read_committed) and produces every record
 * unchanged inside a transaction, and every commit interval adds the consumed offsets to the transaction
 * (sendOffsetsToTransaction with the group metadata) and commits it, as exactly_once_v2 does.
 */
final class TransactionalCopier {
    private TransactionalCopier() {
    }

    static Rate run(String bootstrap, List<String> inputs, UnaryOperator<String> output, long commitMs,
                    long expected, int passes, Duration timeout) {
        String id = "tx-" + UUID.randomUUID();
        try (KafkaConsumer<byte[], byte[]> consumer = PipeClients.consumer(bootstrap, id, true);
             KafkaProducer<byte[], byte[]> producer = PipeClients.producer(bootstrap, id)) {
            producer.initTransactions();
            consumer.subscribe(inputs);
            long deadline = System.nanoTime() + timeout.toNanos();
            long lastCommit = System.nanoTime();
            long copied = 0;
            // Several passes over the same input, so the window is long enough to be steady.
            long perPass = expected;
            expected = perPass * passes;
            Steady steady = new Steady(expected, 0);
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            boolean open = false;
            while (copied < expected || open) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("transactional copier copied " + copied + " of " + expected);
                }
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(copied < expected ? 100 : 0));
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    if (!open) {
                        producer.beginTransaction();
                        open = true;
                    }
                    producer.send(new ProducerRecord<>(output.apply(r.topic()), r.partition(), r.timestamp(), r.key(),
                            r.value(), r.headers()));
                    offsets.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
                    copied++;
                }
                steady.sample(System.nanoTime(), copied);
                if (records.isEmpty() && copied > 0 && copied % perPass == 0 && copied < expected) {
                    consumer.seekToBeginning(consumer.assignment());
                }
                boolean due = System.nanoTime() - lastCommit >= commitMs * 1_000_000 || copied >= expected;
                if (open && due) {
                    producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
                    producer.commitTransaction();
                    offsets.clear();
                    open = false;
                    lastCommit = System.nanoTime();
                }
            }
            return steady.rate("transactional_copier");
        }
    }
}
