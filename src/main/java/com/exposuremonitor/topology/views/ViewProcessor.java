package com.exposuremonitor.topology.views;

import com.exposuremonitor.topology.TaskCache;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps one view (a counterparty's or a lender's) from its operators' stake changes: replaces that one
 * operator's stake, rebuilds the view from the stakes it holds, stores it for queries and forwards it.
 * A view with no operator left is deleted (a tombstone downstream).
 *
 * <p>The book holds one entry per (view, operator), keyed {@code viewId|operatorId}, so a change writes
 * one small entry however many operators the view has; the view's stakes are read back by prefix only
 * when the view is not in this task's {@link TaskCache}.
 */
final class ViewProcessor<S, V extends SpecificRecord> implements Processor<String, StakeChange<S>, String, V> {
    /** Views kept in memory per task; beyond it the least recently changed is read back from its book. */
    static final int CACHED_VIEWS_PER_TASK = 4096;
    private static final StringSerializer KEYS = new StringSerializer();

    private final ViewKind<S, V> kind;
    private final TaskCache<TreeMap<String, S>> cache;
    private ProcessorContext<String, V> context;
    private KeyValueStore<String, StakeChange<S>> books;
    private KeyValueStore<String, V> views;

    ViewProcessor(ViewKind<S, V> kind, int cachedViews) {
        this.kind = kind;
        this.cache = new TaskCache<>(cachedViews);
    }

    @Override
    public void init(ProcessorContext<String, V> context) {
        this.context = context;
        this.books = context.getStateStore(kind.bookStore());
        this.views = context.getStateStore(kind.viewStore());
        cache.clear();
    }

    @Override
    public void process(Record<String, StakeChange<S>> record) {
        String viewId = record.key();
        StakeChange<S> change = record.value();
        try {
            TreeMap<String, S> stakes = stakes(viewId);
            if (change.stake() == null) {
                stakes.remove(change.operatorId());
                books.delete(bookKey(viewId, change.operatorId()));
            } else {
                stakes.put(change.operatorId(), change.stake());
                books.put(bookKey(viewId, change.operatorId()), change);
            }
            if (stakes.isEmpty()) {
                cache.evict(viewId);
                views.delete(viewId);
                context.forward(record.withValue((V) null));
                return;
            }
            V view = kind.build().apply(viewId, stakes.values());
            views.put(viewId, view);
            context.forward(record.withValue(view));
        } catch (RuntimeException e) {
            cache.evict(viewId);
            throw e;
        }
    }

    private TreeMap<String, S> stakes(String viewId) {
        TreeMap<String, S> cached = cache.get(viewId);
        if (cached != null) {
            return cached;
        }
        TreeMap<String, S> stakes = new TreeMap<>();
        try (KeyValueIterator<String, StakeChange<S>> entries = books.prefixScan(viewId + "|", KEYS)) {
            entries.forEachRemaining(e -> stakes.put(e.value.operatorId(), e.value.stake()));
        }
        cache.put(viewId, stakes);
        return stakes;
    }

    /** '|' cannot occur in a valid id, so the view's entries are exactly those under {@code viewId|}. */
    private static String bookKey(String viewId, String operatorId) {
        return viewId + "|" + operatorId;
    }

    @Override
    public void close() {
        cache.clear();
    }
}
