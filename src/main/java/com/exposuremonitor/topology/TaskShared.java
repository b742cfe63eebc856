package com.exposuremonitor.topology;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.kafka.streams.processor.TaskId;

/**
 * In-memory state that several processors of one task share, e.g. the operator aggregates that the apply
 * step updates per event and the emit step reads once per commit. One instance per topology build (never
 * static), one value per task: created when the first processor of the task opens it, dropped when the
 * last one closes it, so a re-initialized task starts from its stores, never from stale memory.
 */
public final class TaskShared<T> {
    private final Supplier<T> factory;
    private final Map<TaskId, Holder<T>> byTask = new ConcurrentHashMap<>();

    private static final class Holder<T> {
        final T value;
        int users;

        Holder(T value) {
            this.value = value;
        }
    }

    public TaskShared(Supplier<T> factory) {
        this.factory = factory;
    }

    /** The task's value; each call must be matched by one {@link #close(TaskId)}. */
    public T open(TaskId task) {
        return byTask.compute(task, (id, h) -> {
            Holder<T> holder = h == null ? new Holder<>(factory.get()) : h;
            holder.users++;
            return holder;
        }).value;
    }

    public void close(TaskId task) {
        byTask.computeIfPresent(task, (id, h) -> --h.users <= 0 ? null : h);
    }

    /** How many tasks hold a value now (for tests: a closed task leaves nothing behind). */
    int tasks() {
        return byTask.size();
    }
}
