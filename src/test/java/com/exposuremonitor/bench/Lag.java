package com.exposuremonitor.bench;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** A consumer group's progress over topics, from committed offsets: what "caught up" means everywhere. */
final class Lag {
    private final Admin admin;
    private final List<TopicPartition> partitions;

    Lag(Admin admin, Collection<String> topics, int partitionsPerTopic) {
        this.admin = admin;
        this.partitions = topics.stream()
                .flatMap(t -> java.util.stream.IntStream.range(0, partitionsPerTopic)
                        .mapToObj(p -> new TopicPartition(t, p)))
                .toList();
    }

    Map<TopicPartition, Long> endOffsets() {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        Map<TopicPartition, Long> out = new HashMap<>();
        get(admin.listOffsets(latest).all()).forEach((tp, info) -> out.put(tp, info.offset()));
        return out;
    }

    long total() {
        return endOffsets().values().stream().mapToLong(Long::longValue).sum();
    }

    /** Records of the topics not yet committed by the group. */
    long lag(String groupId, Map<TopicPartition, Long> end) {
        Map<TopicPartition, OffsetAndMetadata> committed =
                get(admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata());
        long lag = 0;
        for (TopicPartition tp : partitions) {
            OffsetAndMetadata c = committed.get(tp);
            lag += end.get(tp) - (c == null ? 0 : c.offset());
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
