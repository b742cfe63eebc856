package com.exposuremonitor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.exposuremonitor.avro.Financing;
import com.exposuremonitor.avro.GpuDelivery;
import com.exposuremonitor.avro.PaymentDelay;
import com.exposuremonitor.avro.RevenueReport;
import com.exposuremonitor.cli.Main;
import com.exposuremonitor.confluent.ConfluentAvroDeserializer;
import com.exposuremonitor.confluent.SchemaRegistryClient;
import com.exposuremonitor.domain.InputEvents;
import com.exposuremonitor.replay.JsonEvents;
import com.exposuremonitor.replay.Scenario;
import com.exposuremonitor.runtime.TopicProvisioner;
import com.exposuremonitor.testing.EmbeddedKafkaExtension;
import com.exposuremonitor.topology.TopicNames;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code replay} in-process against a real broker and registry: what is sent, what is reported. */
class ReplayCommandIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension CLUSTER = new EmbeddedKafkaExtension();

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void sendsExactlyTheValidLinesAndReportsEachRejectedOne() throws Exception {
        TopicNames names = freshTopics();
        List<SpecificRecord> valid = List.of(first(Financing.class, 0), first(GpuDelivery.class, 0),
                first(RevenueReport.class, 0), first(Financing.class, 1), first(PaymentDelay.class, 0));
        String negative = JsonEvents.write(first(Financing.class, 2))
                .replaceFirst("\"outstandingPrincipal\":\"[^\"]*\"", "\"outstandingPrincipal\":\"-5.00\"");
        Path a = write("a.jsonl", line(valid.get(0)), line(valid.get(1)), "{\"kind\":\"financing\",",
                line(valid.get(2)), negative);
        Path b = write("b.jsonl", "# second file", line(valid.get(3)), "{\"kind\":\"loan\"}", line(valid.get(4)));

        int code = replay(names, a.toString(), b.toString());

        assertThat(code).as("sent, but some lines rejected").isEqualTo(2);
        assertThat(out.toString())
                .contains("sent 5 events (financing 2, gpu-delivery 1, revenue-report 1, payment-delay 1), rejected 3")
                .contains(a + ":3: malformed JSON")
                .contains(a + ":5: invalid financing: ").contains("outstandingPrincipal")
                .contains(b + ":3: unknown kind \"loan\"");
        assertThat(err.toString()).contains("acknowledged 5/5 (100%)");
        assertThat(consumeAll(names, valid.size())).containsExactlyInAnyOrderElementsOf(valid);
        assertThat(endOffsets(names)).as("nothing but the valid events").isEqualTo(valid.size());
    }

    @Test
    void aCleanFileExitsZero() throws Exception {
        TopicNames names = freshTopics();
        Path clean = write("clean.jsonl", line(first(Financing.class, 0)), line(first(GpuDelivery.class, 0)));

        assertThat(replay(names, clean.toString())).isEqualTo(0);
        assertThat(out.toString()).contains("sent 2 events (financing 1, gpu-delivery 1, revenue-report 0, "
                + "payment-delay 0), rejected 0");
        assertThat(endOffsets(names)).isEqualTo(2);
    }

    @Test
    void shiftToNowSendsTheEventsMovedSoTheStoryEndsInTheMonthBeforeNow() throws Exception {
        TopicNames names = freshTopics();
        List<SpecificRecord> story = List.of(first(Financing.class, 0), first(PaymentDelay.class, 0));
        Path file = write("story.jsonl", line(story.get(0)), line(story.get(1)));

        Instant before = Instant.now();
        int code = replay(names, "--shift-to-now", file.toString());
        Instant after = Instant.now();

        assertThat(code).isEqualTo(0);
        assertThat(out.toString()).contains("dates moved by ");
        List<SpecificRecord> received = consumeAll(names, story.size());
        // Whichever side of a month boundary the command read the clock on, it sent what the demo sends.
        assertThat(List.of(Scenario.endingBy(story, before), Scenario.endingBy(story, after)))
                .anySatisfy(demo -> assertThat(received).containsExactlyInAnyOrderElementsOf(demo));
        Instant latest = received.stream().map(Scenario::eventTime).max(Instant::compareTo).orElseThrow();
        assertThat(latest).isBeforeOrEqualTo(after).isAfter(after.atZone(ZoneOffset.UTC).minusMonths(1).toInstant());
    }

    @Test
    void missingInputTopicsFailBeforeAnythingIsSent() throws Exception {
        Path clean = write("clean.jsonl", line(first(Financing.class, 0)));

        assertThat(replay(TopicNames.withPrefix("absent" + UUID.randomUUID() + "."), clean.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("does not exist").contains("nothing sent");
    }

    private int replay(TopicNames names, String... files) {
        List<String> args = new ArrayList<>(List.of("replay", "--bootstrap-servers", CLUSTER.bootstrapServers(),
                "--schema-registry-url", CLUSTER.registryUrl(), "--topic-prefix", prefixOf(names)));
        args.addAll(List.of(files));
        return new CommandLine(new Main()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args.toArray(String[]::new));
    }

    private static TopicNames freshTopics() {
        TopicNames names = TopicNames.withPrefix("r" + UUID.randomUUID().toString().substring(0, 8) + ".");
        try (Admin admin = CLUSTER.kafka().admin()) {
            TopicProvisioner.ensure(admin, names, 2, (short) 1);
        }
        return names;
    }

    private static String prefixOf(TopicNames names) {
        return names.financings().substring(0, names.financings().length() - "financings".length());
    }

    /** Reads the four input topics back as Avro and checks each key is the event's operatorId. */
    private static List<SpecificRecord> consumeAll(TopicNames names, int expected) {
        SchemaRegistryClient registry = new SchemaRegistryClient(CLUSTER.registryUrl());
        List<SpecificRecord> received = new ArrayList<>();
        try (KafkaConsumer<String, SpecificRecord> fin = consumer(names.financings(), registry, Financing.class);
             KafkaConsumer<String, SpecificRecord> gpu = consumer(names.gpuDeliveries(), registry, GpuDelivery.class);
             KafkaConsumer<String, SpecificRecord> rev = consumer(names.revenueReports(), registry, RevenueReport.class);
             KafkaConsumer<String, SpecificRecord> pay = consumer(names.paymentDelays(), registry, PaymentDelay.class)) {
            await("all " + expected + " valid events consumed").atMost(Duration.ofSeconds(30)).until(() -> {
                for (KafkaConsumer<String, SpecificRecord> c : List.of(fin, gpu, rev, pay)) {
                    c.poll(Duration.ofMillis(50)).forEach(r -> {
                        assertThat(r.key()).isEqualTo(InputEvents.operatorId(r.value()));
                        received.add(r.value());
                    });
                }
                return received.size() >= expected;
            });
        }
        return received;
    }

    @SuppressWarnings("unchecked")
    private static KafkaConsumer<String, SpecificRecord> consumer(String topic, SchemaRegistryClient registry,
                                                                  Class<? extends SpecificRecord> type) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, CLUSTER.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "check-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaConsumer<String, SpecificRecord> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ConfluentAvroDeserializer<>(registry, (Class<SpecificRecord>) type));
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    /** Records on the input topics: the producer is idempotent, not transactional, so one offset per record. */
    private static long endOffsets(TopicNames names) throws Exception {
        try (Admin admin = CLUSTER.kafka().admin()) {
            List<String> topics = List.of(names.financings(), names.gpuDeliveries(), names.revenueReports(),
                    names.paymentDelays());
            Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new java.util.HashMap<>();
            admin.describeTopics(topics).allTopicNames().get().forEach((name, d) -> d.partitions().forEach(p ->
                    latest.put(new TopicPartition(name, p.partition()),
                            org.apache.kafka.clients.admin.OffsetSpec.latest())));
            return admin.listOffsets(latest).all().get().values().stream().mapToLong(i -> i.offset()).sum();
        }
    }

    private static SpecificRecord first(Class<? extends SpecificRecord> type, int n) {
        return Scenario.aiDatacenters().records().stream().filter(type::isInstance).skip(n).findFirst().orElseThrow();
    }

    private static String line(SpecificRecord event) {
        return JsonEvents.write(event);
    }

    private Path write(String name, String... lines) throws Exception {
        return Files.write(dir.resolve(name), List.of(lines));
    }
}
