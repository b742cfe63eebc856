package com.exposuremonitor.topology;

import com.exposuremonitor.avro.DeadLetter;
import com.exposuremonitor.domain.OperatorAggregate;
import org.apache.avro.specific.SpecificRecord;

/** What the intake decided about one input record: apply it to its operator, or send it to the dead letters. */
public sealed interface Intake {

    /** A valid, newer snapshot, with the one it replaces (null for the first of its natural key). */
    record Accepted<T extends SpecificRecord>(InputKind<T> kind, String operatorId, String naturalKey, T previous,
                                              T next) implements Intake {
        public void applyTo(OperatorAggregate aggregate) {
            kind.applier().apply(aggregate, previous, next);
        }
    }

    /** A record the monitor cannot use, with why and where it came from. */
    record Rejected(DeadLetter letter) implements Intake {
    }
}
