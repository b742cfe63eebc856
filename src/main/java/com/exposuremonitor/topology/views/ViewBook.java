package com.exposuremonitor.topology.views;

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
    private long mark;
    /**
     * The newest record time this task has marked with: marks carry it, so the table never sees a mark older
     * than the one it holds (which Kafka Streams would log as an out-of-order update, once per event).
     */
    private long markTime = Long.MIN_VALUE;

    ViewBook(ViewKind<S, ?> kind, TaskShared<ViewCache<S>> shared) {
        this.kind = kind;
        this.shared = shared;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Long> context) {
        this.context = context;
        this.books = context.getStateStore(kind.bookStore());
        this.cache = shared.open(context.taskId());
        this.mark = System.nanoTime();
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
        markTime = Math.max(markTime, record.timestamp());
        context.forward(record.withValue(++mark).withTimestamp(markTime));
    }

    @Override
    public void close() {
        shared.close(context.taskId());
    }
}
