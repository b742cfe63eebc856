package com.exposuremonitor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.exposuremonitor.avro.AlertTransition;
import com.exposuremonitor.avro.DefaultRiskAlert;
import com.exposuremonitor.avro.OperatorExposure;
import com.exposuremonitor.avro.SubjectType;
import com.exposuremonitor.confluent.ConfluentAvroDeserializer;
import com.exposuremonitor.domain.InputEvents;
import com.exposuremonitor.replay.EventPublisher;
import com.exposuremonitor.replay.Scenario;
import com.exposuremonitor.runtime.Monitor;
import com.exposuremonitor.testing.EmbeddedKafkaExtension;
import com.exposuremonitor.testing.MonitorSettingsFixture;
import com.exposuremonitor.verify.ExpectedOutputs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The running monitor on a real broker, exactly-once: a read_committed alert subscriber receives exactly
 * the alert sequence that the pure domain computes for the bundled scenario, operator by operator.
 * Events are sent one at a time, each after the previous one's exposure is committed, so the order the
 * monitor sees is the order the oracle sees.
 */
class AlertSubscriberIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension CLUSTER = new EmbeddedKafkaExtension();

    @TempDir
    Path stateDir;

    @Test
    void aReadCommittedSubscriberReceivesExactlyTheExpectedAlertSequence() {
        List<SpecificRecord> events = Scenario.aiDatacenters().records();
        ExpectedOutputs expected = new ExpectedOutputs(com.exposuremonitor.domain.alerts.RuleDefinition.defaults());
        try (Monitor monitor = Monitor.start(MonitorSettingsFixture.onCluster(CLUSTER, stateDir, 0));
             EventPublisher publisher = new EventPublisher(CLUSTER.bootstrapServers(), Map.of(), monitor.topics());
             KafkaConsumer<String, OperatorExposure> feed = CLUSTER.readCommittedConsumer(
                     monitor.topics().operatorExposure.name(),
                     new ConfluentAvroDeserializer<>(monitor.topics().registry(), OperatorExposure.class));
             KafkaConsumer<String, DefaultRiskAlert> alerts = CLUSTER.readCommittedConsumer(monitor.topics().alerts.name(),
                     new ConfluentAvroDeserializer<>(monitor.topics().registry(), DefaultRiskAlert.class))) {
            Map<String, Integer> feedCounts = new TreeMap<>();
            Map<String, List<DefaultRiskAlert>> received = new TreeMap<>();
            for (SpecificRecord event : events) {
                expected.accept(event);
                publisher.send(event);
                publisher.flush();
                String operatorId = InputEvents.operatorId(event);
                int want = expected.exposures(operatorId).size();
                await("exposure #" + want + " of " + operatorId + " committed").atMost(Duration.ofSeconds(30))
                        .until(() -> {
                            feed.poll(Duration.ofMillis(20)).forEach(r -> feedCounts.merge(r.key(), 1, Integer::sum));
                            return feedCounts.getOrDefault(operatorId, 0) >= want;
                        });
            }
            int total = expected.alerts().values().stream().mapToInt(List::size).sum();
            await("all " + total + " expected operator alerts received").atMost(Duration.ofSeconds(30)).until(() -> {
                alerts.poll(Duration.ofMillis(100)).forEach(r ->
                        received.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value()));
                return received.values().stream().flatMap(List::stream)
                        .filter(a -> a.getSubjectType() == SubjectType.OPERATOR).count() >= total;
            });
            alerts.poll(Duration.ofMillis(500)).forEach(r ->
                    received.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value()));

            Map<String, List<DefaultRiskAlert>> operatorAlerts = new TreeMap<>();
            received.forEach((key, list) -> list.stream().filter(a -> a.getSubjectType() == SubjectType.OPERATOR)
                    .forEach(a -> operatorAlerts.computeIfAbsent(key, k -> new ArrayList<>()).add(a)));
            assertThat(operatorAlerts).isEqualTo(expected.alerts());
            assertThat(received.values().stream().flatMap(List::stream).map(DefaultRiskAlert::getRule))
                    .as("the bundled story also fires the view rules")
                    .contains("SYSTEMIC_COUNTERPARTY", "LENDER_INDIRECT_CONCENTRATION", "COUNTERPARTY_CONTAGION");
            assertThat(feedCounts).as("no exposure published twice").isEqualTo(counts(expected));
            assertThat(received.values().stream().flatMap(List::stream).map(DefaultRiskAlert::getTransition))
                    .contains(AlertTransition.RAISED, AlertTransition.ESCALATED);
            assertThat(received.values().stream().flatMap(List::stream).map(DefaultRiskAlert::getRule).distinct())
                    .as("every operator rule fires in the bundled story")
                    .containsAll(com.exposuremonitor.domain.alerts.RuleNames.OPERATOR_RULES);
        }
    }

    private static Map<String, Integer> counts(ExpectedOutputs expected) {
        Map<String, Integer> out = new TreeMap<>();
        expected.finalExposures().keySet().forEach(op -> out.put(op, expected.exposures(op).size()));
        return out;
    }
}
