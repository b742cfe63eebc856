package com.exposuremonitor.topology.views;

import com.exposuremonitor.topology.TaskShared;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The once-per-commit half of a view: for each view marked changed since the last commit, builds it from
 * its stakes (cached, or read back from its book by prefix), stores it for queries and forwards it. A view
 * with no operator left is deleted (a tombstone downstream). Building is O(operators of the view), as the
 * published record lists them, and happens at most once per view and commit.
 */
final class ViewProcessor<S, V extends SpecificRecord> implements Processor<String, Long, String, V> {
    /** Views kept in memory per task; beyond it the least recently changed is read back from its book. */
    static final int CACHED_VIEWS_PER_TASK = 4096;

    private final ViewKind<S, V> kind;
    private final TaskShared<ViewCache<S>> shared;
    private ViewCache<S> cache;
    private ProcessorContext<String, V> context;
    private KeyValueStore<String, StakeChange<S>> books;
    private KeyValueStore<String, V> views;

    ViewProcessor(ViewKind<S, V> kind, TaskShared<ViewCache<S>> shared) {
        this.kind = kind;
        this.shared = shared;
    }

    @Override
    public void init(ProcessorContext<String, V> context) {
        this.context = context;
        this.books = context.getStateStore(kind.bookStore());
        this.views = context.getStateStore(kind.viewStore());
        this.cache = shared.open(context.taskId());
    }

    @Override
    public void process(Record<String, Long> record) {
        String viewId = record.key();
        if (record.value() == null) {
            return; // the table of marks never deletes
        }
        try {
            TreeMap<String, S> stakes = cache.load(viewId, books);
            if (stakes.isEmpty()) {
                cache.evict(viewId);
                if (views.get(viewId) != null) {
                    views.delete(viewId);
                    context.forward(new Record<>(viewId, (V) null, record.timestamp()));
                }
                return;
            }
            V view = kind.build().apply(viewId, stakes.values());
            views.put(viewId, view);
            context.forward(new Record<>(viewId, view, record.timestamp()));
        } catch (RuntimeException e) {
            cache.evict(viewId);
            throw e;
        }
    }

    @Override
    public void close() {
        shared.close(context.taskId());
    }
}
