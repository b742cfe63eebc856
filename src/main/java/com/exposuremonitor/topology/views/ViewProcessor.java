package com.exposuremonitor.topology.views;

import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps one view (a counterparty's or a lender's) from its operators' stake changes: replaces that one
 * operator's stake, rebuilds the view from the stakes it holds, stores it for queries and forwards it.
 * A view with no operator left is deleted (a tombstone downstream).
 */
final class ViewProcessor<S, V extends SpecificRecord> implements Processor<String, StakeChange<S>, String, V> {
    private final ViewKind<S, V> kind;
    private ProcessorContext<String, V> context;
    private KeyValueStore<String, StakeMap<S>> books;
    private KeyValueStore<String, V> views;

    ViewProcessor(ViewKind<S, V> kind) {
        this.kind = kind;
    }

    @Override
    public void init(ProcessorContext<String, V> context) {
        this.context = context;
        this.books = context.getStateStore(kind.bookStore());
        this.views = context.getStateStore(kind.viewStore());
    }

    @Override
    public void process(Record<String, StakeChange<S>> record) {
        String viewId = record.key();
        StakeMap<S> book = books.get(viewId);
        Map<String, S> stakes = new TreeMap<>(book == null ? Map.of() : book.stakes());
        StakeChange<S> change = record.value();
        if (change.stake() == null) {
            stakes.remove(change.operatorId());
        } else {
            stakes.put(change.operatorId(), change.stake());
        }
        if (stakes.isEmpty()) {
            books.delete(viewId);
            views.delete(viewId);
            context.forward(record.withValue((V) null));
            return;
        }
        books.put(viewId, new StakeMap<>(stakes));
        V view = kind.build().apply(viewId, stakes.values());
        views.put(viewId, view);
        context.forward(record.withValue(view));
    }
}
