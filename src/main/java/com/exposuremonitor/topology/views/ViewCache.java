package com.exposuremonitor.topology.views;

import com.exposuremonitor.topology.TaskCache;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/** The stakes of the views of one task held in memory, by view id; only ever a cache of the view books. */
final class ViewCache<S> {
    private static final StringSerializer KEYS = new StringSerializer();
    private final TaskCache<TreeMap<String, S>> views;

    ViewCache(int capacity) {
        this.views = new TaskCache<>(capacity);
    }

    /** The cached stakes of a view (by operatorId), or null. */
    TreeMap<String, S> get(String viewId) {
        return views.get(viewId);
    }

    /** The view's stakes, read back from its book on a miss. */
    TreeMap<String, S> load(String viewId, KeyValueStore<String, StakeChange<S>> books) {
        TreeMap<String, S> cached = views.get(viewId);
        if (cached != null) {
            return cached;
        }
        TreeMap<String, S> stakes = new TreeMap<>();
        try (KeyValueIterator<String, StakeChange<S>> entries = books.prefixScan(viewId + "|", KEYS)) {
            entries.forEachRemaining(e -> stakes.put(e.value.operatorId(), e.value.stake()));
        }
        views.put(viewId, stakes);
        return stakes;
    }

    void evict(String viewId) {
        views.evict(viewId);
    }

    /** '|' cannot occur in a valid id, so the view's entries are exactly those under {@code viewId|}. */
    static String bookKey(String viewId, String operatorId) {
        return viewId + "|" + operatorId;
    }
}
