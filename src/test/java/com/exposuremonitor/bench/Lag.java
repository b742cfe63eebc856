package com.exposuremonitor.bench;

import com.exposuremonitor.topology.MonitorTopology;
import com.exposuremonitor.topology.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.TopologyDescription;

/** A consumer group's progress over topics, from committed offsets: what "caught up" means everywhere. */
final class Lag {
    private final Admin admin;
    private final List<TopicPartition> partitions;
    /** Records per partition that may stay uncommitted: 1 where a transaction's commit marker ends a topic. */
    private final int slack;

    Lag(Admin admin, Collection<String> topics, int partitionsPerTopic) {
        this(admin, topics, partitionsPerTopic, 0);
    }

    private Lag(Admin admin, Collection<String> topics, int partitionsPerTopic, int slack) {
        this(admin, topics.stream()
                .flatMap(t -> java.util.stream.IntStream.range(0, partitionsPerTopic)
                        .mapToObj(p -> new TopicPartition(t, p)))
                .toList(), slack);
    }

    private Lag(Admin admin, List<TopicPartition> partitions, int slack) {
        this.admin = admin;
        this.partitions = partitions;
        this.slack = slack;
    }

    /**
     * Every topic the application's stream threads consume (inputs, the live feed it re-reads, its
     * repartition topics), so "caught up" means every derived output is written, not just the inputs read.
     * Under exactly-once the last record of a topic the app itself wrote is a commit marker that a
     * committed offset may stop short of, hence one record of slack per partition there.
     */
    static Lag ofApplication(Admin admin, Topics topics, String applicationId,
                             int partitionsPerTopic, boolean exactlyOnce) {
        var description = MonitorTopology
                .buildMonitorTopology(topics, MonitorTopology.Options.defaults())
                .describe();
        Set<String> sources = new TreeSet<>();
        description.subtopologies().forEach(sub -> sub.nodes().forEach(node -> {
            if (node instanceof TopologyDescription.Source source) {
                source.topicSet().forEach(t -> sources.add(t.endsWith("-repartition") ? applicationId + "-" + t : t));
            }
        }));
        // Sizes as created (the rule-updates topic has one partition); internal topics exist once the app runs.
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : sources) {
            int n = topic.startsWith(applicationId + "-") ? partitionsPerTopic
                    : get(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic).partitions().size();
            for (int p = 0; p < n; p++) {
                partitions.add(new TopicPartition(topic, p));
            }
        }
        return new Lag(admin, partitions, exactlyOnce ? 1 : 0);
    }

    /** Latest offsets as a read_committed consumer sees them (the last stable offset). */
    Map<TopicPartition, Long> endOffsets() {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        Map<TopicPartition, Long> out = new HashMap<>();
        var options = new ListOffsetsOptions(
                IsolationLevel.READ_COMMITTED);
        get(admin.listOffsets(latest, options).all()).forEach((tp, info) -> out.put(tp, info.offset()));
        return out;
    }

    long total() {
        return endOffsets().values().stream().mapToLong(Long::longValue).sum();
    }

    /** Records of the topics the group has committed (consumed and, under exactly-once, committed with). */
    long committed(String groupId) {
        Map<TopicPartition, OffsetAndMetadata> committed =
                get(admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata());
        return partitions.stream().map(committed::get).filter(java.util.Objects::nonNull)
                .mapToLong(OffsetAndMetadata::offset).sum();
    }

    /** Records of the topics not yet committed by the group. */
    long lag(String groupId, Map<TopicPartition, Long> end) {
        Map<TopicPartition, OffsetAndMetadata> committed =
                get(admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata());
        long lag = 0;
        for (TopicPartition tp : partitions) {
            OffsetAndMetadata c = committed.get(tp);
            lag += Math.max(0, end.get(tp) - (c == null ? 0 : c.offset()) - slack);
        }
        return lag;
    }

    /** Waits until the group committed everything now in the topics; returns the nanoTime it saw that. */
    long awaitCaughtUp(String groupId, Duration timeout) {
        Map<TopicPartition, Long> end = endOffsets();
        long deadline = System.nanoTime() + timeout.toNanos();
        long nextReport = System.nanoTime() + 10_000_000_000L;
        while (true) {
            long lag = lag(groupId, end);
            long now = System.nanoTime();
            if (lag <= 0) {
                return now;
            }
            if (now > nextReport) {
                System.err.printf("bench: %s is %,d records behind%n", groupId, lag);
                nextReport = now + 10_000_000_000L;
            }
            if (now > deadline) {
                throw new IllegalStateException(groupId + " still " + lag + " records behind after " + timeout);
            }
            sleep(50);
        }
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + timeout + " waiting for " + what);
            }
            sleep(20);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().toString(), e.getCause());
        }
    }

}
