package com.exposuremonitor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.exposuremonitor.avro.DeadLetter;
import com.exposuremonitor.avro.Financing;
import com.exposuremonitor.avro.GpuDelivery;
import com.exposuremonitor.avro.Instrument;
import com.exposuremonitor.avro.InvoiceStatus;
import com.exposuremonitor.avro.PaymentDelay;
import com.exposuremonitor.avro.RevenueReport;
import com.exposuremonitor.reliability.EventGenerator;
import com.exposuremonitor.reliability.Reliability;
import com.exposuremonitor.runtime.Monitor;
import com.exposuremonitor.runtime.MonitorSettings;
import com.exposuremonitor.testing.EmbeddedKafkaExtension;
import com.exposuremonitor.topology.DeadLetters;
import com.exposuremonitor.topology.Topic;
import com.exposuremonitor.topology.Topics;
import com.exposuremonitor.verify.TopicReader;
import com.exposuremonitor.verify.VerifierReport;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.ThreadMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of valid events mixed with 23 kinds of bad input (and snapshots that are not bad but change
 * nothing: older ones arriving late, exact duplicates). Every bad record reaches the dead letters exactly
 * once with its errorType and reason, every valid one is used (the verifier), and the monitor never
 * restarts: its stream thread is the same at the end as at the start, and no thread ever failed.
 */
class BadInputAtScaleIT {
    private static final int ROUNDS = 12;
    private static final int VALID_PER_ROUND = 300;
    private static final int OPERATORS = 25;

    @RegisterExtension
    static final EmbeddedKafkaExtension CLUSTER = new EmbeddedKafkaExtension();

    @TempDir
    java.nio.file.Path stateDir;

    private Topics topics;
    private EventGenerator spare;

    /** One kind of bad input: what the dead letter must say. */
    private record Kind(String name, String errorType, String reason, IntFunction<ProducerRecord<byte[], byte[]>> make) {
    }

    private record Injected(Kind kind, Future<RecordMetadata> sent) {
    }

    @Test
    void everyBadRecordIsDeadLetteredOnceEveryValidOneIsUsedAndTheThreadNeverRestarts() throws Exception {
        MonitorSettings settings = Reliability.settings(CLUSTER.bootstrapServers(), CLUSTER.registryUrl(), stateDir,
                Reliability.runId(), 100, Map.of());
        try (Monitor monitor = Monitor.start(settings); KafkaProducer<byte[], byte[]> producer = producer()) {
            await("monitor RUNNING").atMost(Duration.ofMinutes(1))
                    .until(() -> monitor.streams().state() == KafkaStreams.State.RUNNING);
            Set<String> threadsAtStart = threads(monitor);
            topics = monitor.topics();
            spare = new EventGenerator(99, OPERATORS);
            List<Kind> kinds = kinds();
            EventGenerator valid = new EventGenerator(3, OPERATORS);
            Random random = new Random(5);
            List<SpecificRecord> history = new ArrayList<>();
            List<Injected> injected = new ArrayList<>();
            int harmless = 0;
            int n = 0;
            for (int round = 0; round < ROUNDS; round++) {
                for (int i = 0; i < VALID_PER_ROUND; i++) {
                    SpecificRecord event = valid.next();
                    history.add(event);
                    producer.send(record(event));
                    if (i % 25 == 0) {
                        Kind kind = kinds.get(n % kinds.size());
                        injected.add(new Injected(kind, producer.send(kind.make().apply(n++))));
                    }
                    if (i % 30 == 0) { // an older snapshot arriving late, and an exact duplicate: both change nothing
                        SpecificRecord old = history.get(random.nextInt(history.size()));
                        producer.send(record(stale(old)));
                        producer.send(record(old));
                        harmless += 2;
                    }
                }
            }
            producer.flush();
            Map<String, Kind> expected = new TreeMap<>();
            for (Injected i : injected) {
                RecordMetadata m = i.sent().get();
                expected.put(m.topic() + "-" + m.partition() + "@" + m.offset(), i.kind());
            }

            VerifierReport report = Reliability.awaitVerified(Reliability.verifier(settings), Duration.ofMinutes(3),
                    "every valid record used and every bad one dead-lettered");

            Map<String, List<DeadLetter>> letters = deadLetters(settings.bootstrapServers());
            assertThat(letters.keySet()).as("dead letters are exactly the injected bad records")
                    .isEqualTo(expected.keySet());
            Set<String> kindsSeen = new TreeSet<>();
            expected.forEach((origin, kind) -> {
                assertThat(letters.get(origin)).as("dead letters of %s (%s)", origin, kind.name()).singleElement()
                        .satisfies(l -> {
                            assertThat(l.getErrorType()).as(kind.name()).isEqualTo(kind.errorType());
                            assertThat(l.getReason()).as(kind.name()).contains(kind.reason());
                        });
                kindsSeen.add(kind.name());
            });
            assertThat(kindsSeen).hasSize(kinds.size());
            assertThat(letters.values().stream().flatMap(List::stream).map(DeadLetter::getErrorType)
                    .collect(Collectors.toSet())).as("every kind of input error reached the dead letters")
                    .containsAll(kinds.stream().map(Kind::errorType).collect(Collectors.toSet()))
                    .hasSizeGreaterThanOrEqualTo(6);

            assertThat(threads(monitor)).as("the same stream thread, never replaced").isEqualTo(threadsAtStart);
            assertThat(monitor.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
            Map<MetricName, ? extends Metric> metrics = monitor.streams().metrics();
            metrics.forEach((name, metric) -> {
                if (name.name().equals("failed-stream-threads")) {
                    assertThat(((Number) metric.metricValue()).doubleValue()).as("failed stream threads").isZero();
                }
            });
            System.out.printf("BadInputAtScaleIT: %d valid, %d bad of %d kinds, %d stale/duplicate; %s%n",
                    ROUNDS * VALID_PER_ROUND, injected.size(), kinds.size(), harmless, report.summary());
            assertThat(report.expectedDeadLetters()).isEqualTo(injected.size());
        }
        VerifierReport stopped = Reliability.verifier(settings).verifyStopped();
        assertThat(stopped.ok()).as("%s", stopped).isTrue();
    }

    private static Set<String> threads(Monitor monitor) {
        return monitor.streams().metadataForLocalThreads().stream().map(ThreadMetadata::threadName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private Map<String, List<DeadLetter>> deadLetters(String bootstrap) {
        Set<String> inputs = Set.of(topics.financings.name(), topics.gpuDeliveries.name(),
                topics.revenueReports.name(), topics.paymentDelays.name());
        Map<String, List<DeadLetter>> out = new TreeMap<>();
        var decoder = topics.deadLetters.valueSerde().deserializer();
        for (List<ConsumerRecord<byte[], byte[]>> partition : new TopicReader(bootstrap, Map.of())
                .readAll(List.of(topics.deadLetters.name()), Duration.ofMinutes(1)).values()) {
            for (ConsumerRecord<byte[], byte[]> r : partition) {
                DeadLetter l = decoder.deserialize(r.topic(), r.headers(), r.value());
                if (inputs.contains(l.getSourceTopic())) {
                    out.computeIfAbsent(l.getSourceTopic() + "-" + l.getSourcePartition() + "@" + l.getSourceOffset(),
                            k -> new ArrayList<>()).add(l);
                }
            }
        }
        return out;
    }

    private List<Kind> kinds() {
        String fin = topics.financings.name();
        List<Kind> kinds = new ArrayList<>();
        kinds.add(new Kind("garbage bytes", DeadLetters.DESERIALIZATION, "magic byte",
                n -> raw(fin, op(n), "garbage, not avro at all".getBytes(StandardCharsets.UTF_8))));
        kinds.add(new Kind("wrong magic byte", DeadLetters.DESERIALIZATION, "magic byte", n -> {
            byte[] b = bytes(financing(n));
            b[0] = 1;
            return raw(fin, op(n), b);
        }));
        kinds.add(new Kind("unknown schema id", DeadLetters.UNKNOWN_SCHEMA, "987654", n -> {
            byte[] b = bytes(financing(n));
            ByteBuffer.wrap(b, 1, 4).putInt(987654);
            return raw(fin, op(n), b);
        }));
        kinds.add(new Kind("truncated Avro", DeadLetters.DESERIALIZATION, "Financing", n -> {
            byte[] b = bytes(financing(n));
            return raw(fin, op(n), Arrays.copyOf(b, b.length - 4));
        }));
        kinds.add(new Kind("trailing bytes", DeadLetters.DESERIALIZATION, "trailing bytes", n -> {
            byte[] b = bytes(financing(n));
            byte[] longer = Arrays.copyOf(b, b.length + 3);
            longer[b.length] = 7;
            return raw(fin, op(n), longer);
        }));
        kinds.add(new Kind("a record of another topic's schema", DeadLetters.DESERIALIZATION, "GpuDelivery",
                n -> raw(fin, op(n), bytes(gpu(n)))));
        kinds.add(new Kind("null key", DeadLetters.NULL_KEY, "no key", n -> raw(fin, null, bytes(financing(n)))));
        kinds.add(new Kind("tombstone (null value)", DeadLetters.NULL_VALUE, "tombstone", n -> raw(fin, op(n), null)));
        kinds.add(new Kind("key is not the operatorId", DeadLetters.KEY_MISMATCH, "someone-else",
                n -> raw(fin, "someone-else", bytes(financing(n)))));
        kinds.add(invalid("blank id", "facilityId must not be blank",
                n -> Financing.newBuilder(financing(n)).setFacilityId("  ").build()));
        kinds.add(invalid("oversized id", "lenderId must be at most 64 characters",
                n -> Financing.newBuilder(financing(n)).setLenderId("l".repeat(65)).build()));
        kinds.add(invalid("illegal id", "batchId 'batch/1' may only contain",
                n -> GpuDelivery.newBuilder(gpu(n)).setBatchId("batch/1").build()));
        kinds.add(invalid("negative money", "outstandingPrincipal must be >= 0",
                n -> Financing.newBuilder(financing(n)).setOutstandingPrincipal(new BigDecimal("-5.00")).build()));
        kinds.add(invalid("absurd money", "absurd",
                n -> RevenueReport.newBuilder(revenue(n)).setRevenue(new BigDecimal("1000000000000000.00")).build()));
        kinds.add(invalid("period not starting on the 1st", "is not the first day of a month",
                n -> RevenueReport.newBuilder(revenue(n)).setPeriodStart(LocalDate.of(2025, 3, 15)).build()));
        kinds.add(invalid("period ending before it starts", "is before periodStart", n -> RevenueReport
                .newBuilder(revenue(n)).setPeriodStart(LocalDate.of(2026, 3, 1)).setPeriodEnd(LocalDate.of(2025, 12, 31))
                .build()));
        kinds.add(invalid("period of 16 years", "spans", n -> RevenueReport.newBuilder(revenue(n))
                .setPeriodStart(LocalDate.of(2010, 1, 1)).setPeriodEnd(LocalDate.of(2025, 12, 31)).build()));
        kinds.add(invalid("due date in year 9999", "dueDate 9999-12-31",
                n -> PaymentDelay.newBuilder(invoice(n)).setDueDate(LocalDate.of(9999, 12, 31)).build()));
        kinds.add(invalid("no GPUs", "units must be > 0", n -> GpuDelivery.newBuilder(gpu(n)).setUnits(0).build()));
        kinds.add(invalid("no megawatts", "itLoadMw must be > 0",
                n -> GpuDelivery.newBuilder(gpu(n)).setItLoadMw(new BigDecimal("0.000")).build()));
        kinds.add(invalid("lease without payment", "annualLeasePayment is required", n -> Financing
                .newBuilder(financing(n)).setInstrument(Instrument.OPERATING_LEASE).setAnnualLeasePayment(null).build()));
        kinds.add(invalid("event time in 2150", "eventTime", n -> Financing.newBuilder(financing(n))
                .setEventTime(Instant.parse("2150-01-01T00:00:00Z")).build()));
        kinds.add(invalid("rate of 200%", "annualRateBps", n -> Financing.newBuilder(financing(n))
                .setAnnualRateBps(20_000).build()));
        kinds.add(conflictingDuplicate());
        return kinds;
    }

    /**
     * An eventId reused with other content: its first version (a new invoice, so surely applied) is sent
     * right before it, on the same partition; only the second is bad.
     */
    private Kind conflictingDuplicate() {
        return new Kind("eventId reused with other content", DeadLetters.CONFLICTING_DUPLICATE, "already applied",
                n -> {
                    PaymentDelay first = PaymentDelay.newBuilder(invoice(n)).setInvoiceId("conflict-" + n)
                            .setEventId("conflict-" + n).setStatus(InvoiceStatus.OPEN).build();
                    send(record(first));
                    PaymentDelay second = PaymentDelay.newBuilder(first)
                            .setAmountOutstanding(first.getAmountOutstanding().add(BigDecimal.ONE)).build();
                    return record(second);
                });
    }

    private KafkaProducer<byte[], byte[]> pending;

    private void send(ProducerRecord<byte[], byte[]> r) {
        pending.send(r);
    }

    private Kind invalid(String name, String reason, IntFunction<SpecificRecord> event) {
        return new Kind(name, DeadLetters.VALIDATION, reason, n -> {
            SpecificRecord e = event.apply(n);
            org.apache.avro.generic.GenericRecord g = (org.apache.avro.generic.GenericRecord) e;
            g.put("eventId", "bad-" + n);
            return record(e);
        });
    }

    private static String op(int n) {
        return EventGenerator.operator(n % OPERATORS);
    }

    private Financing financing(int n) {
        return Financing.newBuilder(next(Financing.class)).setOperatorId(op(n)).setEventId("bad-" + n).build();
    }

    private GpuDelivery gpu(int n) {
        return GpuDelivery.newBuilder(next(GpuDelivery.class)).setOperatorId(op(n)).setEventId("bad-" + n).build();
    }

    private RevenueReport revenue(int n) {
        return RevenueReport.newBuilder(next(RevenueReport.class)).setOperatorId(op(n)).setEventId("bad-" + n).build();
    }

    private PaymentDelay invoice(int n) {
        return PaymentDelay.newBuilder(next(PaymentDelay.class)).setOperatorId(op(n)).setEventId("bad-" + n).build();
    }

    private <T> T next(Class<T> type) {
        while (true) {
            SpecificRecord e = spare.next();
            if (type.isInstance(e)) {
                return type.cast(e);
            }
        }
    }

    /** The same snapshot one day older, under a new eventId: older than what its key holds, so ignored. */
    private static SpecificRecord stale(SpecificRecord event) {
        org.apache.avro.generic.GenericRecord g = (org.apache.avro.generic.GenericRecord) event;
        String id = "stale-" + g.get("eventId");
        Instant time = ((Instant) g.get("eventTime")).minus(1, ChronoUnit.DAYS);
        if (event instanceof Financing f) {
            return Financing.newBuilder(f).setEventId(id).setEventTime(time).build();
        } else if (event instanceof GpuDelivery d) {
            return GpuDelivery.newBuilder(d).setEventId(id).setEventTime(time).build();
        } else if (event instanceof RevenueReport r) {
            return RevenueReport.newBuilder(r).setEventId(id).setEventTime(time).build();
        }
        return PaymentDelay.newBuilder((PaymentDelay) event).setEventId(id).setEventTime(time).build();
    }

    private ProducerRecord<byte[], byte[]> record(SpecificRecord event) {
        Topic<String, SpecificRecord> topic = topicOf(event);
        String op = String.valueOf(((org.apache.avro.generic.GenericRecord) event).get("operatorId"));
        return raw(topic.name(), op, bytes(event));
    }

    @SuppressWarnings("unchecked")
    private Topic<String, SpecificRecord> topicOf(SpecificRecord event) {
        Topic<?, ?> topic = event instanceof Financing ? topics.financings
                : event instanceof GpuDelivery ? topics.gpuDeliveries
                : event instanceof RevenueReport ? topics.revenueReports : topics.paymentDelays;
        return (Topic<String, SpecificRecord>) topic;
    }

    private byte[] bytes(SpecificRecord event) {
        Topic<String, SpecificRecord> topic = topicOf(event);
        return topic.valueSerde().serializer().serialize(topic.name(), event);
    }

    private static ProducerRecord<byte[], byte[]> raw(String topic, String key, byte[] value) {
        return new ProducerRecord<>(topic, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value);
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, CLUSTER.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        pending = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
        return pending;
    }
}
