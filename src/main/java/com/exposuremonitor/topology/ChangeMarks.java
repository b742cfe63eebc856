package com.exposuremonitor.topology;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.Stores;

/**
 * The one-pass-per-commit mechanism, shared by the operators and the views: a per-event step marks a key
 * as changed, and a cached, in-memory, unlogged KTable of the marks hands each marked key downstream
 * once, when the task commits (Kafka Streams' record cache flushes inside the commit's transaction), or
 * earlier if the cache must evict. A crash between commits replays the events and so their marks.
 */
public final class ChangeMarks {
    /** Every mark differs from the last one of its key, so the table never drops one as unchanged. */
    private long mark = System.nanoTime();
    /**
     * The newest record time marked so far: marks carry it, so the table never sees a mark older than the
     * one it holds (which Kafka Streams would log as an out-of-order update, once per event).
     */
    private long time = Long.MIN_VALUE;

    /** One per processor instance (task): marks of one task only. */
    public ChangeMarks() {
    }

    /** The record as a mark of its key. */
    public <K> FixedKeyRecord<K, Long> mark(FixedKeyRecord<K, ?> record) {
        time = Math.max(time, record.timestamp());
        return record.withValue(++mark).withTimestamp(time);
    }

    /**
     * The marked keys, each once per commit: the table {@code <name>-changes} (store of the same name) and
     * its stream {@code <name>-changed}.
     */
    public static <K> KStream<K, Long> oncePerCommit(KStream<K, Long> marks, String name, Serde<K> keys) {
        return marks.toTable(Named.as(name + "-changes"),
                        Materialized.<K, Long>as(Stores.inMemoryKeyValueStore(storeName(name)))
                                .withKeySerde(keys).withValueSerde(Serdes.Long())
                                .withCachingEnabled().withLoggingDisabled())
                .toStream(Named.as(name + "-changed"));
    }

    public static String storeName(String name) {
        return name + "-changes";
    }
}
