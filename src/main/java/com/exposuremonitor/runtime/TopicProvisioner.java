package com.exposuremonitor.runtime;

import com.exposuremonitor.topology.TopicNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the monitor's topics when missing: inputs share one partition count (they are processed
 * together per operator) and are never compacted (keyed by operatorId, a compaction would drop other
 * facilities' snapshots); the live feeds are compacted (latest value per key); dead letters are kept 30 days.
 *
 * <p>Retention must fit the timestamps a topic carries. Derived records carry event times, which can be
 * months old when they are written (a replay, a backfill), and time retention counts from the record's
 * timestamp: the daily analytics (one key per operator and day, per day) are therefore compacted, so no
 * day is ever deleted by age, and dead letters take the broker's append time, so their 30 days count
 * from when they were written.
 */
public final class TopicProvisioner {
    private static final Map<String, String> COMPACTED =
            Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
    /** Inputs are the source of truth a reset reprocesses: kept until deleted, whatever their event times. */
    private static final Map<String, String> KEPT_FOREVER = Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1");
    private static final Map<String, String> KEPT_30_DAYS_FROM_WRITE = Map.of(
            TopicConfig.RETENTION_MS_CONFIG, String.valueOf(30L * 24 * 3600 * 1000),
            TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime");

    private TopicProvisioner() {
    }

    /** @param replication the replication factor, or -1 for the broker's default */
    public static List<NewTopic> plan(TopicNames names, int partitions, short replication) {
        List<NewTopic> topics = new ArrayList<>();
        for (String input : List.of(names.financings(), names.gpuDeliveries(), names.revenueReports(),
                names.paymentDelays())) {
            topics.add(topic(input, partitions, replication).configs(KEPT_FOREVER));
        }
        topics.add(topic(names.operatorExposure(), partitions, replication).configs(COMPACTED));
        topics.add(topic(names.deadLetters(), partitions, replication).configs(KEPT_30_DAYS_FROM_WRITE));
        topics.add(topic(names.alerts(), partitions, replication).configs(KEPT_FOREVER));
        topics.add(topic(names.activeAlerts(), partitions, replication).configs(COMPACTED));
        topics.add(topic(names.alertRules(), 1, replication).configs(COMPACTED));
        topics.add(topic(names.alertRuleUpdates(), 1, replication).configs(KEPT_FOREVER));
        topics.add(topic(names.counterpartyExposure(), partitions, replication).configs(COMPACTED));
        topics.add(topic(names.lenderExposure(), partitions, replication).configs(COMPACTED));
        topics.add(topic(names.operatorDaily(), partitions, replication).configs(COMPACTED));
        topics.add(topic(names.sectorDaily(), 1, replication).configs(COMPACTED));
        return topics;
    }

    private static NewTopic topic(String name, int partitions, short replication) {
        return replication > 0 ? new NewTopic(name, partitions, replication)
                : new NewTopic(name, java.util.Optional.of(partitions), java.util.Optional.empty());
    }

    /**
     * Refuses to start on input topics with different partition counts: the four inputs of one operator
     * must land in the same task (same partition number), or its facts would be split between tasks.
     */
    public static void requireEqualInputPartitions(Admin admin, TopicNames names)
            throws InterruptedException, ExecutionException {
        List<String> inputs = List.of(names.financings(), names.gpuDeliveries(), names.revenueReports(),
                names.paymentDelays());
        Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        var described = admin.describeTopics(inputs).allTopicNames().get();
        inputs.forEach(t -> counts.put(t, described.get(t).partitions().size()));
        if (counts.values().stream().distinct().count() > 1) {
            throw new IllegalStateException("the input topics must have equal partition counts, since one "
                    + "operator's events are processed together by partition; found " + counts
                    + ": repartition them to one count (or re-create them) before starting");
        }
    }

    /** Creates what is missing; returns the names it created. */
    public static Set<String> ensure(Admin admin, TopicNames names, int partitions, short replication) {
        Set<String> created = new java.util.TreeSet<>();
        for (NewTopic topic : plan(names, partitions, replication)) {
            try {
                admin.createTopics(List.of(topic)).all().get();
                created.add(topic.name());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create topic " + topic.name() + ": " + e.getCause(), e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted creating topics", e);
            }
        }
        return created;
    }
}
