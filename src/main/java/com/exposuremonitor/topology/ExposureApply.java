package com.exposuremonitor.topology;

import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * The per-event half of the exposure: applies an accepted snapshot to its operator's in-memory aggregate
 * (old out, new in), if the operator is cached, and marks the operator changed. Nothing is computed or
 * published here: the marks go through {@link ChangeMarks}, which hands each changed operator to
 * {@link ExposureProcessor} once per commit, however many events it had.
 *
 * <p>An operator that is not cached is only marked: the emit step rebuilds it from the snapshot stores,
 * which the intake has already updated.
 */
final class ExposureApply implements FixedKeyProcessor<byte[], Intake, Long> {
    private final TaskShared<TaskCache<CachedOperator>> shared;
    private FixedKeyProcessorContext<byte[], Long> context;
    private TaskCache<CachedOperator> cache;
    private ChangeMarks marks;

    private ExposureApply(TaskShared<TaskCache<CachedOperator>> shared) {
        this.shared = shared;
    }

    static FixedKeyProcessorSupplier<byte[], Intake, Long> supplier(TaskShared<TaskCache<CachedOperator>> shared) {
        return () -> new ExposureApply(shared);
    }

    @Override
    public void init(FixedKeyProcessorContext<byte[], Long> context) {
        this.context = context;
        this.cache = shared.open(context.taskId());
        this.marks = new ChangeMarks();
    }

    @Override
    public void process(FixedKeyRecord<byte[], Intake> record) {
        if (!(record.value() instanceof Intake.Accepted<?> accepted)) {
            throw new IllegalStateException("only accepted snapshots reach the exposure");
        }
        CachedOperator operator = cache.get(accepted.operatorId());
        if (operator != null) {
            try {
                accepted.applyTo(operator.aggregate);
                operator.snapshots.put(accepted.naturalKey(), accepted.next());
            } catch (RuntimeException e) {
                // Half-applied in memory: the emit step rebuilds it from the stores.
                cache.evict(accepted.operatorId());
                throw e;
            }
            if (operator.marked) {
                return; // its mark still waits in the table: it is emitted at the next commit anyway
            }
            operator.marked = true;
        }
        // The intake checked that the key is the operatorId, so the table is keyed by operator.
        context.forward(marks.mark(record));
    }

    @Override
    public void close() {
        shared.close(context.taskId());
    }
}
