package com.exposuremonitor.bench;

import com.exposuremonitor.avro.Financing;
import com.exposuremonitor.avro.GpuDelivery;
import com.exposuremonitor.avro.RevenueReport;
import com.exposuremonitor.topology.Topic;
import com.exposuremonitor.topology.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Serializes workload events with the topics' own Confluent Avro serdes and produces them as
 * {@link com.exposuremonitor.replay.EventPublisher} does (idempotent, acks=all, linger 20 ms, record
 * timestamp = eventTime), plus the defects EventPublisher cannot make: garbage and truncated bytes,
 * keys that are not the value's operatorId.
 */
final class InputSender implements AutoCloseable {
    private final Topics topics;
    private final KafkaProducer<String, byte[]> producer;
    private long sent;

    InputSender(String bootstrapServers, Topics topics) {
        this.topics = topics;
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // As a producer sending ~20,000 events/s would: a few ms of linger fills batches instead of sending
        // a handful of records per partition per request.
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /** Sends {@code count} events of the workload, each stamped by {@code clock}; returns when all are acked. */
    long load(Workload workload, long count, Supplier<Instant> clock) {
        for (long i = 0; i < count; i++) {
            send(workload.next(clock.get()));
        }
        producer.flush();
        return count;
    }

    void send(Workload.Event event) {
        producer.send(prepare(event));
        sent++;
    }

    /** Sends a record made ready by {@link #prepare}, so a paced run spends no time serializing. */
    void send(ProducerRecord<String, byte[]> prepared) {
        producer.send(prepared);
        sent++;
    }

    /** The event serialized as it will be produced (defects applied), timestamped with its eventTime. */
    ProducerRecord<String, byte[]> prepare(Workload.Event event) {
        SpecificRecord record = event.record();
        Topic<String, SpecificRecord> topic = topic(record);
        byte[] value = topic.valueSerde().serializer().serialize(topic.name(), record);
        switch (event.defect()) {
            case GARBAGE_BYTES -> value = ("{\"not\":\"avro\",\"seq\":" + sent + "}").getBytes(StandardCharsets.UTF_8);
            case TRUNCATED -> value = Arrays.copyOf(value, value.length / 2);
            default -> { }
        }
        long timestamp = ((Instant) ((GenericRecord) record).get("eventTime")).toEpochMilli();
        return new ProducerRecord<>(topic.name(), null, timestamp, event.key(), value);
    }

    void flush() {
        producer.flush();
    }

    @SuppressWarnings("unchecked")
    private Topic<String, SpecificRecord> topic(SpecificRecord record) {
        Topic<?, ?> t;
        if (record instanceof Financing) {
            t = topics.financings;
        } else if (record instanceof GpuDelivery) {
            t = topics.gpuDeliveries;
        } else if (record instanceof RevenueReport) {
            t = topics.revenueReports;
        } else {
            t = topics.paymentDelays;
        }
        return (Topic<String, SpecificRecord>) t;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
