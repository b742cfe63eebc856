package com.exposuremonitor.topology;

import com.exposuremonitor.avro.OperatorExposure;
import com.exposuremonitor.domain.OperatorAggregate;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * One operator as a task holds it in memory (a {@link TaskCache} entry, shared by the intake, the apply
 * and the emit steps through {@link TaskShared}): its aggregate, its latest snapshot per natural key
 * (what the aggregate holds, decoded, so the intake need not read and decode it again), and the exposure
 * last published for it (null if none yet). {@code marked} is set while a change mark of this operator
 * waits in the marks table, so a busy operator's further events need not mark it again before it is
 * emitted. Only ever a cache of the task's stores: the emit step rebuilds an operator it does not find.
 */
final class CachedOperator {
    final OperatorAggregate aggregate;
    final Map<String, SpecificRecord> snapshots;
    OperatorExposure published;
    boolean marked;

    CachedOperator(OperatorAggregate aggregate, Map<String, SpecificRecord> snapshots, OperatorExposure published) {
        this.aggregate = aggregate;
        this.snapshots = snapshots;
        this.published = published;
    }
}
