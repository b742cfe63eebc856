package com.exposuremonitor.replay;

import com.exposuremonitor.avro.Financing;
import com.exposuremonitor.avro.GpuDelivery;
import com.exposuremonitor.avro.PaymentDelay;
import com.exposuremonitor.avro.RevenueReport;
import com.exposuremonitor.domain.InputEvents;
import com.exposuremonitor.topology.Topic;
import com.exposuremonitor.topology.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces input events to their topics, keyed by operatorId and timestamped with their eventTime, with
 * an idempotent acks=all producer. Sending the same events twice changes no state: the monitor drops
 * duplicates by eventId.
 */
public final class EventPublisher implements AutoCloseable {
    private final Topics topics;
    private final KafkaProducer<String, byte[]> producer;

    public EventPublisher(String bootstrapServers, Map<String, String> kafkaConfig, Topics topics) {
        this.topics = topics;
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    public Future<RecordMetadata> send(SpecificRecord event) {
        Instant eventTime = (Instant) ((org.apache.avro.generic.GenericRecord) event).get("eventTime");
        return producer.send(new ProducerRecord<>(topicOf(event), null, eventTime.toEpochMilli(),
                InputEvents.operatorId(event), serialize(event)));
    }

    public void flush() {
        producer.flush();
    }

    private String topicOf(SpecificRecord event) {
        return topic(event).name();
    }

    @SuppressWarnings("unchecked")
    private byte[] serialize(SpecificRecord event) {
        Topic<String, SpecificRecord> topic = (Topic<String, SpecificRecord>) (Topic<?, ?>) topic(event);
        return topic.valueSerde().serializer().serialize(topic.name(), event);
    }

    private Topic<String, ? extends SpecificRecord> topic(SpecificRecord event) {
        if (event instanceof Financing) {
            return topics.financings;
        } else if (event instanceof GpuDelivery) {
            return topics.gpuDeliveries;
        } else if (event instanceof RevenueReport) {
            return topics.revenueReports;
        } else if (event instanceof PaymentDelay) {
            return topics.paymentDelays;
        }
        throw new IllegalArgumentException("not an input event: " + event.getClass().getName());
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
