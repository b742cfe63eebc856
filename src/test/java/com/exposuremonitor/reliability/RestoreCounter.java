package com.exposuremonitor.reliability;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;

/** Counts the changelog records Kafka Streams restores into each state store. */
public final class RestoreCounter implements StateRestoreListener {
    private final Map<String, AtomicLong> restored = new ConcurrentHashMap<>();
    private final AtomicLong restorations = new AtomicLong();

    @Override
    public void onRestoreStart(TopicPartition partition, String store, long startingOffset, long endingOffset) {
        restorations.incrementAndGet();
        restored.computeIfAbsent(store, k -> new AtomicLong());
    }

    @Override
    public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long numRestored) {
        restored.computeIfAbsent(store, k -> new AtomicLong()).addAndGet(numRestored);
    }

    @Override
    public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
    }

    /** Records restored, by store. */
    public Map<String, Long> byStore() {
        Map<String, Long> out = new TreeMap<>();
        restored.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    public long total() {
        return restored.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** Changelog partitions whose restoration started. */
    public long restorations() {
        return restorations.get();
    }
}
