package com.exposuremonitor.topology;

import com.exposuremonitor.avro.OperatorExposure;
import com.exposuremonitor.domain.OperatorAggregate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The operators' aggregates of one task, in memory, least recently used evicted first. It is only a cache:
 * an aggregate is a pure function of the operator's latest snapshots (which the intake stores keep and
 * changelog), so a miss rebuilds it from them. That keeps the per-event cost independent of the size of
 * an operator's state: no whole aggregate is serialized, written or logged per event.
 */
final class AggregateCache {
    /** One operator's aggregate and the exposure last published for it (null if none yet). */
    static final class Entry {
        final OperatorAggregate aggregate;
        OperatorExposure published;

        Entry(OperatorAggregate aggregate, OperatorExposure published) {
            this.aggregate = aggregate;
            this.published = published;
        }
    }

    private final Map<String, Entry> entries;

    AggregateCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.entries = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > capacity;
            }
        };
    }

    Entry get(String operatorId) {
        return entries.get(operatorId);
    }

    void put(String operatorId, Entry entry) {
        entries.put(operatorId, entry);
    }

    /** Forgets an operator whose in-memory state may no longer match its stores. */
    void evict(String operatorId) {
        entries.remove(operatorId);
    }

    void clear() {
        entries.clear();
    }

    int size() {
        return entries.size();
    }
}
