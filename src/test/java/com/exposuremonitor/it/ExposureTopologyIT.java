package com.exposuremonitor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.exposuremonitor.avro.DeadLetter;
import com.exposuremonitor.topology.DeadLetterFormat;
import com.exposuremonitor.avro.Financing;
import com.exposuremonitor.avro.GpuDelivery;
import com.exposuremonitor.avro.InvoiceStatus;
import com.exposuremonitor.avro.OperatorExposure;
import com.exposuremonitor.avro.PaymentDelay;
import com.exposuremonitor.avro.RevenueBasis;
import com.exposuremonitor.avro.RevenueReport;
import com.exposuremonitor.confluent.ConfluentAvroDeserializer;
import com.exposuremonitor.confluent.SchemaRegistryClient;
import com.exposuremonitor.verify.ExpectedOutputs;
import com.exposuremonitor.runtime.StreamsProperties;
import com.exposuremonitor.runtime.TopicProvisioner;
import com.exposuremonitor.testing.EmbeddedKafkaExtension;
import com.exposuremonitor.testing.SampleEvents;
import com.exposuremonitor.topology.ExposureTopology;
import com.exposuremonitor.topology.TopicNames;
import com.exposuremonitor.topology.Topics;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exposure topology on a real broker with exactly-once v2: a read_committed subscriber of the live
 * feed ends with, for every operator, exactly the exposure the domain code computes from the same input;
 * a bad record lands in the dead letters and the valid ones around it are not lost.
 */
class ExposureTopologyIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension CLUSTER = new EmbeddedKafkaExtension();

    @TempDir
    Path stateDir;

    @Test
    void theLiveFeedEndsWithTheExposureTheDomainComputesForEveryOperator() throws Exception {
        TopicNames names = TopicNames.withPrefix("it-" + UUID.randomUUID().toString().substring(0, 8) + ".");
        SchemaRegistryClient registry = new SchemaRegistryClient(CLUSTER.registryUrl());
        Topics topics = new Topics(names, registry);
        try (Admin admin = CLUSTER.kafka().admin()) {
            TopicProvisioner.ensure(admin, names, 3, (short) 1);
        }
        List<SpecificRecord> events = scenario();
        Properties props = StreamsProperties.of("exposure-it-" + UUID.randomUUID(), CLUSTER.bootstrapServers(),
                CLUSTER.registryUrl(), stateDir, names, Map.of(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100"));
        try (KafkaStreams streams = new KafkaStreams(
                ExposureTopology.buildExposureTopology(topics, ExposureTopology.DEFAULT_CLOCK_INTERVAL), props)) {
            streams.setUncaughtExceptionHandler(StreamsProperties.replaceThread());
            streams.start();
            produce(topics, events);
            produceGarbage(names.financings());
            produce(topics, events); // a full replay changes nothing

            Map<String, OperatorExposure> expected = ExpectedOutputs.of(events).finalExposures();
            Map<String, OperatorExposure> latest = new HashMap<>();
            List<DeadLetter> deadLetters = new ArrayList<>();
            try (KafkaConsumer<String, OperatorExposure> feed = CLUSTER.readCommittedConsumer(names.operatorExposure(),
                    new ConfluentAvroDeserializer<>(registry,
                    OperatorExposure.class));
                 KafkaConsumer<String, DeadLetter> dlq = CLUSTER.readCommittedConsumer(names.deadLetters(),
                         DeadLetterFormat.serde().deserializer())) {
                await("every operator's committed exposure equals the domain's").atMost(Duration.ofSeconds(90))
                        .untilAsserted(() -> {
                            feed.poll(Duration.ofMillis(200)).forEach(r -> latest.put(r.key(), r.value()));
                            dlq.poll(Duration.ofMillis(50)).forEach(r -> deadLetters.add(r.value()));
                            assertThat(latest).isEqualTo(expected);
                            assertThat(deadLetters).hasSize(1);
                        });
            }
            assertThat(deadLetters.get(0).getReason()).contains("magic byte");
            assertThat(deadLetters.get(0).getSourceTopic()).isEqualTo(names.financings());
        }
    }

    private static List<SpecificRecord> scenario() {
        List<SpecificRecord> events = new ArrayList<>();
        for (int op = 1; op <= 4; op++) {
            String id = "operator-" + op;
            events.add(SampleEvents.bond(id, 1));
            events.add(SampleEvents.batch(id, 1));
            for (int month = 1; month <= 3; month++) {
                LocalDate start = LocalDate.of(2026, month, 1);
                events.add(RevenueReport.newBuilder().setEventId(id + "-rev-" + month)
                        .setEventTime(Instant.parse("2026-04-02T00:00:00Z").plusSeconds(month)).setOperatorId(id)
                        .setCounterpartyId(month == 3 ? "lab-b" : "lab-a").setReportId("m" + month)
                        .setPeriodStart(start).setPeriodEnd(start.withDayOfMonth(start.lengthOfMonth()))
                        .setBasis(RevenueBasis.BOOKED).setRevenue(new BigDecimal(op + "00000000.00"))
                        .setCashCostOfRevenue(new BigDecimal("40000000.00")).setResearchComputeCost(null)
                        .setRemainingPerformanceObligation(new BigDecimal("900000000.00")).build());
            }
            events.add(PaymentDelay.newBuilder().setEventId(id + "-inv").setEventTime(Instant.parse("2026-04-03T00:00:00Z"))
                    .setOperatorId(id).setInvoiceId("inv-1").setCounterpartyId("lab-a")
                    .setAmountOutstanding(new BigDecimal("25000000.00")).setDueDate(LocalDate.of(2026, 1, 31))
                    .setStatus(InvoiceStatus.OPEN).build());
        }
        return events;
    }

    private static void produce(Topics topics, List<SpecificRecord> events) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, CLUSTER.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer =
                     new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (SpecificRecord e : events) {
                producer.send(record(topics, e)).get();
            }
        }
    }

    private static ProducerRecord<byte[], byte[]> record(Topics topics, SpecificRecord e) {
        String operatorId = String.valueOf(((org.apache.avro.generic.GenericRecord) e).get("operatorId"));
        byte[] key = operatorId.getBytes(StandardCharsets.UTF_8);
        if (e instanceof Financing f) {
            return new ProducerRecord<>(topics.financings.name(), key,
                    topics.financings.valueSerde().serializer().serialize(topics.financings.name(), f));
        } else if (e instanceof GpuDelivery g) {
            return new ProducerRecord<>(topics.gpuDeliveries.name(), key,
                    topics.gpuDeliveries.valueSerde().serializer().serialize(topics.gpuDeliveries.name(), g));
        } else if (e instanceof RevenueReport r) {
            return new ProducerRecord<>(topics.revenueReports.name(), key,
                    topics.revenueReports.valueSerde().serializer().serialize(topics.revenueReports.name(), r));
        }
        PaymentDelay p = (PaymentDelay) e;
        return new ProducerRecord<>(topics.paymentDelays.name(), key,
                topics.paymentDelays.valueSerde().serializer().serialize(topics.paymentDelays.name(), p));
    }

    private static void produceGarbage(String topic) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, CLUSTER.bootstrapServers());
        try (KafkaProducer<byte[], byte[]> producer =
                     new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, "operator-1".getBytes(StandardCharsets.UTF_8),
                    "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8))).get();
        }
    }

}
