package com.exposuremonitor.verify;

import com.exposuremonitor.avro.AlertTransition;
import com.exposuremonitor.avro.DeadLetter;
import com.exposuremonitor.avro.DefaultRiskAlert;
import com.exposuremonitor.avro.OperatorExposure;
import com.exposuremonitor.avro.Severity;
import com.exposuremonitor.avro.SubjectType;
import com.exposuremonitor.confluent.ConfluentException;
import com.exposuremonitor.confluent.RegistryClientConfig;
import com.exposuremonitor.confluent.SchemaRegistryClient;
import com.exposuremonitor.domain.InputEvents;
import com.exposuremonitor.domain.SnapshotDecision;
import com.exposuremonitor.domain.alerts.AlertBook;
import com.exposuremonitor.domain.alerts.AlertEngine;
import com.exposuremonitor.domain.alerts.RuleDefinition;
import com.exposuremonitor.domain.alerts.RuleNames;
import com.exposuremonitor.topology.DeadLetters;
import com.exposuremonitor.topology.Topic;
import com.exposuremonitor.topology.TopicNames;
import com.exposuremonitor.topology.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The independent oracle of the reliability tests: reads everything committed on the input topics,
 * recomputes with the pure domain code ({@link ExpectedOutputs}) what the monitor must have published, and
 * compares it with what it did publish.
 *
 * <p>What is compared, and why only that. The monitor reads its four input topics concurrently, so the
 * order in which one operator's events of different topics are applied, and with it the intermediate
 * exposures and the alert transitions they cause, legitimately differ from any single file order. The
 * snapshot semantics make the end state order-independent, so the verifier checks exactly what must not
 * depend on order:
 * <ul>
 * <li><b>Final exposures</b>: for every operator the latest record of the live feed equals the expected
 *     final exposure, every field (an event lost or applied twice changes a figure); no operator extra or
 *     missing; and no exposure is published twice in a row (a re-published duplicate is what a replayed,
 *     non-atomic commit would leave).</li>
 * <li><b>Alerts</b>: no alertId appears twice; per operator and rule the sequence numbers arrive as
 *     1, 2, ..., n with no gap, the first is RAISED, each alert's previousSeverity is the previous one's
 *     severity and its transition matches the two severities (so none is missing or duplicated); the last
 *     alert of every operator and rule leaves the severity that the rules give for the final exposure.</li>
 * <li><b>Active alerts</b>: the compacted active-alerts topic holds exactly the expected final active set
 *     (operator, rule, severity), each carrying the final exposure's figure. With the default rules
 *     (hysteresis 0) the severity is a function of the final figures, so the set is order-independent.</li>
 * <li><b>Dead letters</b>: every input record the intake must reject has exactly one dead letter, with the
 *     expected errorType, pointing at its topic, partition and offset; no other input record has one.</li>
 * <li><b>Progress</b>: the application's committed offsets reach the end of every input partition.</li>
 * <li><b>Transactions</b> (after the application stopped, {@link #verifyStopped()}): no transaction of the
 *     application is ongoing or preparing ({@code Admin.listTransactions}), and on every output and
 *     internal topic the last stable offset equals the high watermark, so a read_committed reader sees
 *     everything written.</li>
 * </ul>
 * The delinquency clock moves asOf with the wall clock: run the monitor with a clock interval longer than
 * the test (e.g. P1D), so no tick happens and exposures depend on the events only. The default rules are
 * assumed (no rule updates published). Only operator alerts are checked (counterparty and lender alerts,
 * if any, are outside this oracle).
 */
public final class Verifier {
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(2);
    private static final Set<TransactionState> OPEN = Set.of(TransactionState.ONGOING,
            TransactionState.PREPARE_COMMIT, TransactionState.PREPARE_ABORT, TransactionState.PREPARE_EPOCH_FENCE);

    private final String bootstrapServers;
    private final String applicationId;
    private final Map<String, String> kafkaConfig;
    private final Topics topics;
    private final TopicReader reader;

    public Verifier(String bootstrapServers, String schemaRegistryUrl, String topicPrefix, String applicationId,
                    Map<String, String> kafkaConfig) {
        this.bootstrapServers = bootstrapServers;
        this.applicationId = applicationId;
        this.kafkaConfig = Map.copyOf(kafkaConfig);
        this.topics = new Topics(TopicNames.withPrefix(topicPrefix),
                new SchemaRegistryClient(RegistryClientConfig.from(schemaRegistryUrl, kafkaConfig)));
        this.reader = new TopicReader(bootstrapServers, kafkaConfig);
    }

    /** Everything but the transaction check: for a running application (open transactions are normal). */
    public VerifierReport verify() {
        return run(false);
    }

    /** Everything, including that no transaction of the application is left open: once it has stopped. */
    public VerifierReport verifyStopped() {
        return run(true);
    }

    /** The final exposure of every operator that the committed inputs give, by the pure domain code. */
    public Map<String, OperatorExposure> expectedFinalExposures() {
        return expected().outputs.finalExposures();
    }

    private VerifierReport run(boolean stopped) {
        List<String> mismatches = new ArrayList<>();
        Expected expected = expected();
        Map<String, OperatorExposure> finals = expected.outputs.finalExposures();
        int deadLetters = checkDeadLetters(expected.deadLetters, mismatches);
        int feedRecords = checkFeed(finals, mismatches);
        Map<String, Severity> active = expectedActive(finals);
        int alerts = checkAlerts(active, mismatches);
        checkActiveAlerts(active, expectedFigures(finals), mismatches);
        long lag;
        int open = 0;
        try (Admin admin = admin()) {
            lag = inputLag(admin, mismatches);
            if (stopped) {
                open = checkTransactions(admin, mismatches);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while verifying", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot query the cluster: " + e.getCause(), e);
        }
        return new VerifierReport(expected.inputRecords, expected.valid, expected.deadLetters.size(), deadLetters,
                finals.size(), feedRecords, alerts, active.size(), lag, open, mismatches);
    }

    /** The inputs replayed through the pure domain, with the dead letters they must cause. */
    private record Expected(ExpectedOutputs outputs, Map<String, String> deadLetters, int inputRecords, int valid) {
    }

    private Expected expected() {
        ExpectedOutputs outputs = new ExpectedOutputs(RuleDefinition.defaults());
        Map<String, String> deadLetters = new TreeMap<>();
        List<Topic<String, ? extends SpecificRecord>> inputs = List.of(topics.financings, topics.gpuDeliveries,
                topics.revenueReports, topics.paymentDelays);
        Map<String, Deserializer<? extends SpecificRecord>> decoders = new HashMap<>();
        inputs.forEach(t -> decoders.put(t.name(), t.valueSerde().deserializer()));
        int records = 0;
        int valid = 0;
        // Snapshot semantics: the end state does not depend on the order across partitions, and one natural
        // key lives on one partition, whose log order is kept; so reading partition after partition is sound.
        for (List<ConsumerRecord<byte[], byte[]>> partition : reader.readAll(decoders.keySet(), READ_TIMEOUT).values()) {
            for (ConsumerRecord<byte[], byte[]> r : partition) {
                records++;
                String rejection = intake(r, decoders.get(r.topic()), outputs);
                if (rejection != null) {
                    deadLetters.put(origin(r.topic(), r.partition(), r.offset()), rejection);
                } else {
                    valid++;
                }
            }
        }
        return new Expected(outputs, deadLetters, records, valid);
    }

    /** What the intake decides for one raw record: null when used, else the dead letter's errorType. */
    private static String intake(ConsumerRecord<byte[], byte[]> r, Deserializer<? extends SpecificRecord> decoder,
                                 ExpectedOutputs outputs) {
        if (r.key() == null) {
            return DeadLetters.NULL_KEY;
        }
        if (r.value() == null) {
            return DeadLetters.NULL_VALUE;
        }
        SpecificRecord event;
        try {
            event = decoder.deserialize(r.topic(), r.value());
        } catch (ConfluentException e) {
            if (e.registryFault()) {
                throw e;
            }
            return e instanceof ConfluentException.UnknownSchemaId ? DeadLetters.UNKNOWN_SCHEMA
                    : DeadLetters.DESERIALIZATION;
        } catch (SerializationException e) {
            return DeadLetters.DESERIALIZATION;
        }
        if (InputEvents.validate(event).isPresent()) {
            return DeadLetters.VALIDATION;
        }
        if (!keyOf(r).equals(InputEvents.operatorId(event))) {
            return DeadLetters.KEY_MISMATCH;
        }
        return outputs.accept(event) == SnapshotDecision.CONFLICT ? DeadLetters.CONFLICTING_DUPLICATE : null;
    }

    private static String keyOf(ConsumerRecord<byte[], byte[]> r) {
        return r.key() == null ? "<null>" : new String(r.key(), StandardCharsets.UTF_8);
    }

    private static String origin(String topic, int partition, long offset) {
        return topic + "-" + partition + "@" + offset;
    }

    private int checkDeadLetters(Map<String, String> expected, List<String> mismatches) {
        Set<String> inputs = Set.of(topics.financings.name(), topics.gpuDeliveries.name(),
                topics.revenueReports.name(), topics.paymentDelays.name());
        Deserializer<DeadLetter> decoder = topics.deadLetters.valueSerde().deserializer();
        Map<String, List<String>> found = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records(topics.deadLetters.name())) {
            DeadLetter letter = decoder.deserialize(r.topic(), r.headers(), r.value());
            if (!inputs.contains(letter.getSourceTopic())
                    || !Objects.equals(applicationId, letter.getApplicationId())) {
                continue;
            }
            found.computeIfAbsent(origin(letter.getSourceTopic(), letter.getSourcePartition(),
                    letter.getSourceOffset()), k -> new ArrayList<>()).add(letter.getErrorType());
        }
        int count = 0;
        for (Map.Entry<String, List<String>> e : found.entrySet()) {
            count += e.getValue().size();
            String want = expected.get(e.getKey());
            if (e.getValue().size() > 1) {
                mismatches.add("dead letter of " + e.getKey() + " appears " + e.getValue().size() + " times: "
                        + e.getValue());
            }
            if (want == null) {
                mismatches.add("unexpected dead letter of " + e.getKey() + ": " + e.getValue());
            } else if (!e.getValue().contains(want)) {
                mismatches.add("dead letter of " + e.getKey() + " is " + e.getValue() + ", expected " + want);
            }
        }
        expected.forEach((origin, type) -> {
            if (!found.containsKey(origin)) {
                mismatches.add("missing dead letter " + type + " of " + origin);
            }
        });
        return count;
    }

    private int checkFeed(Map<String, OperatorExposure> expected, List<String> mismatches) {
        Deserializer<OperatorExposure> decoder = topics.operatorExposure.valueSerde().deserializer();
        Map<String, OperatorExposure> latest = new TreeMap<>();
        int count = 0;
        int repeated = 0;
        for (ConsumerRecord<byte[], byte[]> r : records(topics.operatorExposure.name())) {
            count++;
            String key = keyOf(r);
            if (r.value() == null) {
                latest.remove(key);
                continue;
            }
            OperatorExposure exposure = decoder.deserialize(r.topic(), r.value());
            if (exposure.equals(latest.put(key, exposure))) {
                repeated++;
                if (repeated <= 10) {
                    mismatches.add("feed: exposure of " + key + " published twice in a row (offset " + r.offset()
                            + ")");
                }
            }
        }
        if (repeated > 10) {
            mismatches.add("feed: " + repeated + " exposures published twice in a row in all");
        }
        Set<String> operators = new TreeSet<>(expected.keySet());
        operators.addAll(latest.keySet());
        for (String op : operators) {
            OperatorExposure want = expected.get(op);
            OperatorExposure got = latest.get(op);
            if (want == null) {
                mismatches.add("feed: unexpected operator " + op);
            } else if (got == null) {
                mismatches.add("feed: no exposure for operator " + op);
            } else if (!want.equals(got)) {
                mismatches.add("feed: final exposure of " + op + " differs in " + differingFields(want, got));
            }
        }
        return count;
    }

    private static List<String> differingFields(SpecificRecord want, SpecificRecord got) {
        List<String> out = new ArrayList<>();
        for (Schema.Field f : want.getSchema().getFields()) {
            if (!Objects.equals(want.get(f.pos()), got.get(f.pos()))) {
                out.add(f.name() + " (expected " + want.get(f.pos()) + ", got " + got.get(f.pos()) + ")");
            }
        }
        return out;
    }

    /** operatorId|rule to severity for every alert the rules raise on the final exposures. */
    private static Map<String, Severity> expectedActive(Map<String, OperatorExposure> finals) {
        Map<String, Severity> out = new TreeMap<>();
        finals.forEach((op, exposure) -> AlertEngine.evaluate(exposure, RuleDefinition.defaults(), new AlertBook())
                .forEach(a -> out.put(op + "|" + a.getRule(), a.getSeverity())));
        return out;
    }

    /** operatorId|rule to the figure each active alert must carry: the final exposure's. */
    private static Map<String, Double> expectedFigures(Map<String, OperatorExposure> finals) {
        Map<String, Double> out = new TreeMap<>();
        finals.forEach((op, exposure) -> AlertEngine.evaluate(exposure, RuleDefinition.defaults(), new AlertBook())
                .forEach(a -> out.put(op + "|" + a.getRule(), a.getFigure())));
        return out;
    }

    private int checkAlerts(Map<String, Severity> expectedActive, List<String> mismatches) {
        Deserializer<DefaultRiskAlert> decoder = topics.alerts.valueSerde().deserializer();
        Set<String> ids = new HashSet<>();
        Map<String, DefaultRiskAlert> last = new TreeMap<>();
        int count = 0;
        for (ConsumerRecord<byte[], byte[]> r : records(topics.alerts.name())) {
            count++;
            DefaultRiskAlert alert = decoder.deserialize(r.topic(), r.value());
            if (alert.getSubjectType() != SubjectType.OPERATOR) {
                continue; // counterparty and lender alerts are outside the operator oracle
            }
            String where = "alert " + alert.getAlertId() + " (" + r.topic() + "-" + r.partition() + "@" + r.offset()
                    + ")";
            if (!ids.add(alert.getAlertId())) {
                mismatches.add(where + " is a duplicate alertId");
                continue;
            }
            String key = alert.getSubjectId() + "|" + alert.getRule();
            if (!alert.getSubjectId().equals(keyOf(r))) {
                mismatches.add(where + " is keyed " + keyOf(r));
            }
            DefaultRiskAlert before = last.put(key, alert);
            long expectedSequence = before == null ? 1 : sequence(before.getAlertId()) + 1;
            if (sequence(alert.getAlertId()) != expectedSequence) {
                mismatches.add(where + " follows " + (before == null ? "nothing" : before.getAlertId())
                        + ": sequence " + expectedSequence + " expected");
            }
            Severity previous = before == null ? null : before.getSeverity();
            if (before == null && alert.getTransition() != AlertTransition.RAISED) {
                mismatches.add(where + " is the first of " + key + " but " + alert.getTransition());
            }
            if (alert.getPreviousSeverity() != previous) {
                mismatches.add(where + " has previousSeverity " + alert.getPreviousSeverity() + ", the previous alert"
                        + " left " + previous);
            }
            if (alert.getTransition() != transition(alert.getPreviousSeverity(), alert.getSeverity())) {
                mismatches.add(where + " is " + alert.getTransition() + " from " + alert.getPreviousSeverity()
                        + " to " + alert.getSeverity());
            }
        }
        Set<String> keys = new TreeSet<>(last.keySet());
        keys.addAll(expectedActive.keySet());
        for (String key : keys) {
            Severity got = last.containsKey(key) ? last.get(key).getSeverity() : null;
            Severity want = expectedActive.get(key);
            if (got != want) {
                mismatches.add("alerts: " + key + " ends at " + got + ", the final exposure gives " + want);
            }
        }
        return count;
    }

    private static long sequence(String alertId) {
        try {
            return Long.parseLong(alertId.substring(alertId.lastIndexOf(':') + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static AlertTransition transition(Severity from, Severity to) {
        if (from == null) {
            return AlertTransition.RAISED;
        }
        if (to == null) {
            return AlertTransition.RESOLVED;
        }
        return to == Severity.CRITICAL ? AlertTransition.ESCALATED : AlertTransition.DEESCALATED;
    }

    private void checkActiveAlerts(Map<String, Severity> expected, Map<String, Double> figures,
                                   List<String> mismatches) {
        Deserializer<DefaultRiskAlert> decoder = topics.activeAlerts.valueSerde().deserializer();
        Map<String, Severity> active = new TreeMap<>();
        Map<String, Double> carried = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records(topics.activeAlerts.name())) {
            String key = keyOf(r);
            if (!RuleNames.OPERATOR_RULES.contains(key.substring(key.lastIndexOf('|') + 1))) {
                continue;
            }
            if (r.value() == null) {
                active.remove(key);
            } else {
                DefaultRiskAlert alert = decoder.deserialize(r.topic(), r.value());
                active.put(key, alert.getSeverity());
                carried.put(key, alert.getFigure());
            }
        }
        carried.forEach((key, figure) -> {
            if (figures.containsKey(key) && !Objects.equals(figure, figures.get(key))) {
                mismatches.add("active alert " + key + " carries figure " + figure + ", the final exposure's is "
                        + figures.get(key));
            }
        });
        if (!active.equals(expected)) {
            Set<String> keys = new TreeSet<>(expected.keySet());
            keys.addAll(active.keySet());
            keys.stream().filter(k -> active.get(k) != expected.get(k)).forEach(k -> mismatches.add(
                    "active alerts: " + k + " is " + active.get(k) + ", expected " + expected.get(k)));
        }
    }

    private long inputLag(Admin admin, List<String> mismatches) throws InterruptedException, ExecutionException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                .partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, Long> end = endOffsets(admin, List.of(topics.financings.name(),
                topics.gpuDeliveries.name(), topics.revenueReports.name(), topics.paymentDelays.name()),
                IsolationLevel.READ_UNCOMMITTED);
        long lag = 0;
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            OffsetAndMetadata at = committed.get(e.getKey());
            long behind = e.getValue() - (at == null ? 0 : at.offset());
            if (behind > 0) {
                lag += behind;
                mismatches.add("input " + e.getKey() + ": " + behind + " records not consumed yet (committed "
                        + (at == null ? "nothing" : at.offset()) + ", end " + e.getValue() + ")");
            }
        }
        return lag;
    }

    private int checkTransactions(Admin admin, List<String> mismatches)
            throws InterruptedException, ExecutionException {
        int open = 0;
        for (TransactionListing t : admin.listTransactions().all().get()) {
            if (t.transactionalId().startsWith(applicationId + "-") && OPEN.contains(t.state())) {
                open++;
                mismatches.add("transaction " + t.transactionalId() + " is still " + t.state());
            }
        }
        TopicNames n = topics.names();
        List<String> written = new ArrayList<>(List.of(n.operatorExposure(), n.alerts(), n.activeAlerts(),
                n.deadLetters(), n.alertRules(), n.counterpartyExposure(), n.lenderExposure(), n.operatorDaily(),
                n.sectorDaily()));
        admin.listTopics().names().get().stream().filter(t -> t.startsWith(applicationId + "-")).forEach(written::add);
        Map<TopicPartition, Long> stable = endOffsets(admin, written, IsolationLevel.READ_COMMITTED);
        Map<TopicPartition, Long> high = endOffsets(admin, written, IsolationLevel.READ_UNCOMMITTED);
        high.forEach((tp, hw) -> {
            if (!hw.equals(stable.get(tp))) {
                mismatches.add(tp + ": last stable offset " + stable.get(tp) + " below high watermark " + hw
                        + " (a transaction is still open)");
            }
        });
        return open;
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, Collection<String> topicNames,
                                                        IsolationLevel isolation)
            throws InterruptedException, ExecutionException {
        Set<String> existing = admin.listTopics().names().get();
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (var d : admin.describeTopics(topicNames.stream().filter(existing::contains).toList())
                .allTopicNames().get().values()) {
            d.partitions().forEach(p -> request.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest()));
        }
        Map<TopicPartition, Long> out = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
        Map<TopicPartition, ListOffsetsResultInfo> infos = admin.listOffsets(request,
                new ListOffsetsOptions(isolation)).all().get();
        infos.forEach((tp, info) -> out.put(tp, info.offset()));
        return out;
    }

    private List<ConsumerRecord<byte[], byte[]>> records(String topic) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        reader.readAll(List.of(topic), READ_TIMEOUT).values().forEach(out::addAll);
        return out;
    }

    private Admin admin() {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return Admin.create(config);
    }
}
