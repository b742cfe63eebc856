package com.exposuremonitor.bench;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The physical limit, at-least-once: one thread consumes the inputs and produces every record unchanged
 * to a copy topic (same partition), and every commit interval flushes the producer and commits the
 * consumer's offsets, as a Kafka Streams at_least_once commit does.
 */
final class RawPipe {
    private RawPipe() {
    }

    static Rate run(String bootstrap, List<String> inputs, UnaryOperator<String> output, long commitMs,
                    long expected, int passes, Duration timeout) {
        try (KafkaConsumer<byte[], byte[]> consumer = PipeClients.consumer(bootstrap, "raw-" + UUID.randomUUID(), false);
             KafkaProducer<byte[], byte[]> producer = PipeClients.producer(bootstrap, null)) {
            consumer.subscribe(inputs);
            long deadline = System.nanoTime() + timeout.toNanos();
            long lastCommit = System.nanoTime();
            long copied = 0;
            // Several passes over the same input, so the window is long enough to be steady.
            long perPass = expected;
            expected = perPass * passes;
            Steady steady = new Steady(expected, 0);
            while (copied < expected) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("raw pipe copied " + copied + " of " + expected);
                }
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    producer.send(new ProducerRecord<>(output.apply(r.topic()), r.partition(), r.timestamp(), r.key(),
                            r.value(), r.headers()));
                    copied++;
                }
                steady.sample(System.nanoTime(), copied);
                if (records.isEmpty() && copied > 0 && copied % perPass == 0 && copied < expected) {
                    consumer.seekToBeginning(consumer.assignment());
                }
                if (System.nanoTime() - lastCommit >= commitMs * 1_000_000) {
                    producer.flush();
                    consumer.commitSync();
                    lastCommit = System.nanoTime();
                }
            }
            producer.flush();
            consumer.commitSync();
            return steady.rate("raw_pipe");
        }
    }
}
