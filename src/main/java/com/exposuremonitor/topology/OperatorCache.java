package com.exposuremonitor.topology;

import com.exposuremonitor.avro.OperatorExposure;
import com.exposuremonitor.domain.OperatorAggregate;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * The operators of one task held in memory: each one's aggregate and the exposure last published for it.
 * Only ever a cache of the task's stores (see {@link TaskCache}); the apply step updates the aggregates of
 * the operators it finds here, the emit step rebuilds the ones it does not.
 */
final class OperatorCache {
    /**
     * One operator's aggregate, its latest snapshot per natural key (what the aggregate holds, decoded, so
     * the intake need not read and decode it again), and the exposure last published for it (null if none
     * yet). {@code marked} is set while a change mark of this operator waits in the marks table, so a busy
     * operator's further events need not mark it again before it is emitted.
     */
    static final class Operator {
        final OperatorAggregate aggregate;
        final Map<String, SpecificRecord> snapshots;
        OperatorExposure published;
        boolean marked;

        Operator(OperatorAggregate aggregate, Map<String, SpecificRecord> snapshots, OperatorExposure published) {
            this.aggregate = aggregate;
            this.snapshots = snapshots;
            this.published = published;
        }
    }

    private final TaskCache<Operator> operators;

    OperatorCache(int capacity) {
        this.operators = new TaskCache<>(capacity);
    }

    Operator get(String operatorId) {
        return operators.get(operatorId);
    }

    void put(String operatorId, Operator operator) {
        operators.put(operatorId, operator);
    }

    void evict(String operatorId) {
        operators.evict(operatorId);
    }
}
