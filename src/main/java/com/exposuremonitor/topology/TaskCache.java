package com.exposuremonitor.topology;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * State of one task held in memory, least recently used evicted first. Only ever a cache: whatever it
 * holds can be rebuilt from the task's stores, so a processor clears it on init and close, evicts an entry
 * whose update failed half-way, and rebuilds on a miss. It lets the per-event cost stay independent of the
 * size of the state: nothing large is deserialized per event.
 */
public final class TaskCache<V> {
    private final Map<String, V> entries;

    public TaskCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.entries = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The cached value, or null on a miss. */
    public V get(String key) {
        return entries.get(key);
    }

    public void put(String key, V value) {
        entries.put(key, value);
    }

    /** Forgets a key whose in-memory state may no longer match its stores. */
    public void evict(String key) {
        entries.remove(key);
    }

    public void clear() {
        entries.clear();
    }

    public int size() {
        return entries.size();
    }
}
