package com.exposuremonitor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.exposuremonitor.avro.AlertTransition;
import com.exposuremonitor.avro.DefaultRiskAlert;
import com.exposuremonitor.avro.InvoiceStatus;
import com.exposuremonitor.avro.OperatorExposure;
import com.exposuremonitor.avro.PaymentDelay;
import com.exposuremonitor.avro.RevenueBasis;
import com.exposuremonitor.avro.RevenueReport;
import com.exposuremonitor.avro.Severity;
import com.exposuremonitor.avro.SubjectType;
import com.exposuremonitor.confluent.ConfluentAvroDeserializer;
import com.exposuremonitor.confluent.SchemaRegistryClient;
import com.exposuremonitor.domain.alerts.RuleDefinition;
import com.exposuremonitor.domain.alerts.RuleNames;
import com.exposuremonitor.replay.EventPublisher;
import com.exposuremonitor.replay.Scenario;
import com.exposuremonitor.runtime.Monitor;
import com.exposuremonitor.runtime.MonitorSettings;
import com.exposuremonitor.runtime.TopicProvisioner;
import com.exposuremonitor.testing.EmbeddedKafkaExtension;
import com.exposuremonitor.testing.SampleEvents;
import com.exposuremonitor.topology.TopicNames;
import com.exposuremonitor.topology.Topics;
import com.exposuremonitor.verify.ExpectedOutputs;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The feed contract on a real broker, exactly-once: at most one record per operator per commit, always
 * the latest state. A burst already waiting when the monitor starts is processed within its first one or
 * two commits (3 s apart here), so a hot operator's many events give one or two feed records, an alert
 * that a burst raises and clears again is never emitted, and a subscriber ends with the same exposures
 * and active alerts as the pure domain applied event by event, from far fewer alert events.
 */
class CoalescingIT {
    private static final long COMMIT_MS = 3_000;

    @RegisterExtension
    static final EmbeddedKafkaExtension CLUSTER = new EmbeddedKafkaExtension();

    @TempDir
    Path stateDir;

    @Test
    void aBurstGivesEachOperatorOneFeedRecordAndAnAlertItRaisesAndClearsIsNeverEmitted() throws Exception {
        List<SpecificRecord> burst = new ArrayList<>(hotOperator("op-hot", 40));
        burst.addAll(flappingInvoice("op-flap"));
        Run run = runWithPreloaded(burst);

        // The burst is read inside the first commit, unless Kafka Streams commits early while it starts
        // (a task's first commit after initialization): so one feed record per operator, two at most.
        assertThat(run.feedCounts.get("op-hot")).as("feed records of 42 events for one operator").isBetween(1, 2);
        assertThat(run.feedCounts.get("op-flap")).as("feed records of 4 events for one operator").isBetween(1, 2);
        assertThat(run.latest).isEqualTo(ExpectedOutputs.of(burst).finalExposures());
        assertThat(run.operatorAlerts("op-flap")).extracting(DefaultRiskAlert::getRule)
                .as("raised and cleared inside the burst: nothing to tell a subscriber")
                .doesNotContain(RuleNames.PAYMENT_DELINQUENT);
    }

    @Test
    void theBundledScenarioLoadedInOneBurstEndsWhereTheDomainEndsWithFewerAlertEvents() throws Exception {
        List<SpecificRecord> events = Scenario.aiDatacenters().records();
        ExpectedOutputs expected = new ExpectedOutputs(RuleDefinition.defaults());
        events.forEach(expected::accept);
        Run run = runWithPreloaded(events);

        assertThat(run.latest).isEqualTo(expected.finalExposures());
        Map<String, Severity> activeExpected = active(expected.alerts());
        Map<String, Severity> activeReceived = active(run.operatorAlerts);
        assertThat(activeReceived).as("the active operator alerts a subscriber ends with").isEqualTo(activeExpected);
        int perEvent = expected.alerts().values().stream().mapToInt(List::size).sum();
        int received = run.operatorAlerts.values().stream().mapToInt(List::size).sum();
        System.out.printf("CoalescingIT: bundled scenario in one burst: %d operator alert events (event by event: %d),"
                + " %d feed records (event by event: %d)%n", received, perEvent,
                run.feedCounts.values().stream().mapToInt(Integer::intValue).sum(),
                expected.finalExposures().keySet().stream().mapToInt(op -> expected.exposures(op).size()).sum());
        assertThat(received).as("alert events from one burst").isLessThan(perEvent);
    }

    private record Run(Map<String, OperatorExposure> latest, Map<String, Integer> feedCounts,
                       Map<String, List<DefaultRiskAlert>> operatorAlerts) {
        List<DefaultRiskAlert> operatorAlerts(String operatorId) {
            return operatorAlerts.getOrDefault(operatorId, List.of());
        }
    }

    /** Publishes the events before the monitor starts, then reads the feed and alerts it commits. */
    private Run runWithPreloaded(List<SpecificRecord> events) throws Exception {
        String prefix = "co" + UUID.randomUUID().toString().substring(0, 6) + ".";
        TopicNames names = TopicNames.withPrefix(prefix);
        SchemaRegistryClient registry = new SchemaRegistryClient(CLUSTER.registryUrl());
        Topics topics = new Topics(names, registry);
        try (Admin admin = CLUSTER.kafka().admin()) {
            TopicProvisioner.ensure(admin, names, 3, (short) 1);
        }
        try (EventPublisher publisher = new EventPublisher(CLUSTER.bootstrapServers(), Map.of(), topics)) {
            events.forEach(publisher::send);
            publisher.flush();
        }
        Map<String, OperatorExposure> expected = ExpectedOutputs.of(events).finalExposures();
        Map<String, OperatorExposure> latest = new TreeMap<>();
        Map<String, Integer> feedCounts = new TreeMap<>();
        Map<String, List<DefaultRiskAlert>> alerts = new TreeMap<>();
        try (Monitor monitor = Monitor.start(settings(prefix));
             KafkaConsumer<String, OperatorExposure> feed = CLUSTER.readCommittedConsumer(names.operatorExposure(),
                     new ConfluentAvroDeserializer<>(registry, OperatorExposure.class));
             KafkaConsumer<String, DefaultRiskAlert> alertTopic = CLUSTER.readCommittedConsumer(names.alerts(),
                     new ConfluentAvroDeserializer<>(registry, DefaultRiskAlert.class))) {
            await("every operator's final exposure committed to the feed").atMost(Duration.ofSeconds(90))
                    .until(() -> {
                        feed.poll(Duration.ofMillis(200)).forEach(r -> {
                            latest.put(r.key(), r.value());
                            feedCounts.merge(r.key(), 1, Integer::sum);
                        });
                        return latest.equals(expected);
                    });
            // Alerts are evaluated from the committed feed: one commit after it, then nothing more arrives.
            await("the alerts of the burst committed").atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO)
                    .until(() -> {
                        var polled = alertTopic.poll(Duration.ofMillis(4 * COMMIT_MS));
                        polled.forEach(r -> {
                            if (r.value().getSubjectType() == SubjectType.OPERATOR) {
                                alerts.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value());
                            }
                        });
                        return polled.isEmpty() && !alerts.isEmpty();
                    });
            feed.poll(Duration.ofMillis(200)).forEach(r -> feedCounts.merge(r.key(), 1, Integer::sum));
        }
        return new Run(latest, feedCounts, alerts);
    }

    private MonitorSettings settings(String prefix) {
        return new MonitorSettings(CLUSTER.bootstrapServers(), CLUSTER.registryUrl(), "coalesce-" + prefix, stateDir,
                "127.0.0.1", 0, prefix, 3, (short) 1, true, "exactly_once_v2", COMMIT_MS, Duration.ofHours(1), 0, 1,
                null, Map.of());
    }

    /** The state each (operator, rule) ends in, from a subscriber's sequence of lifecycle events. */
    private static Map<String, Severity> active(Map<String, List<DefaultRiskAlert>> alerts) {
        Map<String, Severity> out = new TreeMap<>();
        alerts.values().forEach(list -> list.forEach(a -> {
            String key = a.getSubjectId() + "|" + a.getRule();
            if (a.getTransition() == AlertTransition.RESOLVED) {
                out.remove(key);
            } else {
                out.put(key, a.getSeverity());
            }
        }));
        return out;
    }

    /** A bond, a batch and {@code restatements} restatements of one month's revenue, each a little higher. */
    private static List<SpecificRecord> hotOperator(String operatorId, int restatements) {
        List<SpecificRecord> events = new ArrayList<>(List.of(SampleEvents.bond(operatorId, 1),
                SampleEvents.batch(operatorId, 1)));
        for (int i = 0; i < restatements; i++) {
            events.add(revenue(operatorId, "hot-" + i, Instant.parse("2026-05-01T00:00:00Z").plusSeconds(i),
                    new BigDecimal(100_000_000L + 1_000_000L * i + ".00")));
        }
        return events;
    }

    /** An operator whose invoice is 100 days late and then paid, inside the same burst. */
    private static List<SpecificRecord> flappingInvoice(String operatorId) {
        Instant t = Instant.parse("2026-05-01T00:00:00Z");
        return List.of(SampleEvents.bond(operatorId, 1), revenue(operatorId, "flap-rev", t,
                        new BigDecimal("900000000.00")),
                invoice(operatorId, "flap-open", t.plusSeconds(1), InvoiceStatus.OPEN, "50000000.00"),
                invoice(operatorId, "flap-paid", t.plusSeconds(2), InvoiceStatus.PAID, "0.00"));
    }

    private static RevenueReport revenue(String operatorId, String eventId, Instant at, BigDecimal amount) {
        return RevenueReport.newBuilder().setEventId(eventId).setEventTime(at).setOperatorId(operatorId)
                .setCounterpartyId("lab-a").setReportId("apr").setPeriodStart(LocalDate.of(2026, 4, 1))
                .setPeriodEnd(LocalDate.of(2026, 4, 30)).setBasis(RevenueBasis.BOOKED).setRevenue(amount)
                .setCashCostOfRevenue(new BigDecimal("40000000.00")).setResearchComputeCost(null)
                .setRemainingPerformanceObligation(new BigDecimal("500000000.00")).build();
    }

    private static PaymentDelay invoice(String operatorId, String eventId, Instant at, InvoiceStatus status,
                                        String amount) {
        return PaymentDelay.newBuilder().setEventId(eventId).setEventTime(at).setOperatorId(operatorId)
                .setInvoiceId("inv-1").setCounterpartyId("lab-a").setAmountOutstanding(new BigDecimal(amount))
                .setDueDate(LocalDate.of(2026, 1, 20)).setStatus(status).build();
    }
}
