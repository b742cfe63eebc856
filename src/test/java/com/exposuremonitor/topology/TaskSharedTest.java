package com.exposuremonitor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

/** Processors of one task share one value; a task closed by all its processors starts afresh. */
class TaskSharedTest {
    @Test
    void processorsOfOneTaskShareOneValueAndAClosedTaskStartsAfresh() {
        AtomicInteger created = new AtomicInteger();
        TaskShared<Object> shared = new TaskShared<>(() -> created.incrementAndGet());
        TaskId task = new TaskId(0, 1);
        Object apply = shared.open(task);
        Object emit = shared.open(task);
        assertThat(emit).isSameAs(apply);
        assertThat(shared.open(new TaskId(0, 2))).as("another task").isNotEqualTo(apply);
        shared.close(task);
        assertThat(shared.open(task)).as("still held by one processor").isSameAs(apply);
        shared.close(task);
        shared.close(task);
        shared.close(new TaskId(0, 2));
        assertThat(shared.tasks()).isZero();
        assertThat(shared.open(task)).as("re-initialized: rebuilt from the stores, not stale memory")
                .isNotEqualTo(apply);
        assertThat(created).hasValue(3);
    }
}
