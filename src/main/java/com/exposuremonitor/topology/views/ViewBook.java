package com.exposuremonitor.topology.views;

import com.exposuremonitor.topology.ChangeMarks;
import com.exposuremonitor.topology.TaskShared;
import java.util.TreeMap;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The per-change half of a view: replaces one operator's stake in the view's book (one entry per
 * (view, operator), keyed {@code viewId|operatorId}) and in the view's cached stakes, if cached, and marks
 * the view changed. The marks go through a cached table, so {@link ViewProcessor} builds and publishes each
 * changed view once per commit, however many of its operators changed.
 */
final class ViewBook<S> implements FixedKeyProcessor<String, StakeChange<S>, Long> {
    private final ViewKind<S, ?> kind;
    private final TaskShared<ViewCache<S>> shared;
    private FixedKeyProcessorContext<String, Long> context;
    private KeyValueStore<String, StakeChange<S>> books;
    private ViewCache<S> cache;
    private ChangeMarks marks;

    ViewBook(ViewKind<S, ?> kind, TaskShared<ViewCache<S>> shared) {
        this.kind = kind;
        this.shared = shared;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Long> context) {
        this.context = context;
        this.books = context.getStateStore(kind.bookStore());
        this.cache = shared.open(context.taskId());
        this.marks = new ChangeMarks();
    }

    @Override
    public void process(FixedKeyRecord<String, StakeChange<S>> record) {
        String viewId = record.key();
        StakeChange<S> change = record.value();
        TreeMap<String, S> stakes = cache.get(viewId);
        if (change.stake() == null) {
            books.delete(ViewCache.bookKey(viewId, change.operatorId()));
            if (stakes != null) {
                stakes.remove(change.operatorId());
            }
        } else {
            books.put(ViewCache.bookKey(viewId, change.operatorId()), change);
            if (stakes != null) {
                stakes.put(change.operatorId(), change.stake());
            }
        }
        context.forward(marks.mark(record));
    }

    @Override
    public void close() {
        shared.close(context.taskId());
    }
}
