package com.exposuremonitor.topology;

import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * The per-event half of the exposure: applies an accepted snapshot to its operator's in-memory aggregate
 * (old out, new in), if the operator is cached, and marks the operator changed. Nothing is computed or
 * published here: the marks go through a cached table, which hands each changed operator to
 * {@link ExposureProcessor} once per commit, however many events it had.
 *
 * <p>An operator that is not cached is only marked: the emit step rebuilds it from the snapshot stores,
 * which the intake has already updated.
 */
final class ExposureApply implements FixedKeyProcessor<byte[], Intake, Long> {
    private final TaskShared<OperatorCache> shared;
    private FixedKeyProcessorContext<byte[], Long> context;
    private OperatorCache cache;
    /** Every mark differs from the last one of its operator, so the table never drops one as unchanged. */
    private long mark;
    /**
     * The newest record time this task has marked with: marks carry it, so the table never sees a mark older
     * than the one it holds (which Kafka Streams would log as an out-of-order update, once per event).
     */
    private long markTime = Long.MIN_VALUE;

    private ExposureApply(TaskShared<OperatorCache> shared) {
        this.shared = shared;
    }

    static FixedKeyProcessorSupplier<byte[], Intake, Long> supplier(TaskShared<OperatorCache> shared) {
        return () -> new ExposureApply(shared);
    }

    @Override
    public void init(FixedKeyProcessorContext<byte[], Long> context) {
        this.context = context;
        this.cache = shared.open(context.taskId());
        this.mark = System.nanoTime();
    }

    @Override
    public void process(FixedKeyRecord<byte[], Intake> record) {
        if (!(record.value() instanceof Intake.Accepted<?> accepted)) {
            throw new IllegalStateException("only accepted snapshots reach the exposure");
        }
        OperatorCache.Operator operator = cache.get(accepted.operatorId());
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
        markTime = Math.max(markTime, record.timestamp());
        context.forward(record.withValue(++mark).withTimestamp(markTime));
    }

    @Override
    public void close() {
        shared.close(context.taskId());
    }
}
