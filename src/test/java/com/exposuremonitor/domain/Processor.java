package com.exposuremonitor.domain;

import java.util.HashMap;
import org.apache.avro.specific.SpecificRecord;
import java.util.Map;

/**
 * What a stream processor does per event, without Kafka: validate, decide against the latest
 * snapshot of the natural key, and replace it in the aggregate.
 */
final class Processor {

    final OperatorAggregate agg = new OperatorAggregate();
    private final Map<String, SpecificRecord> latest = new HashMap<>();

    SnapshotDecision accept(Object record) {
        SpecificRecord event = (SpecificRecord) record;
        requireValid(InputEvents.validate(event).isEmpty(), event);
        String key = InputEvents.naturalKey(event);
        SpecificRecord previous = latest.get(key);
        SnapshotDecision d = InputEvents.decide(previous, event);
        if (d == SnapshotDecision.APPLY) {
            InputEvents.apply(agg, previous, event);
            latest.put(key, event);
        }
        return d;
    }

    Processor acceptAll(Iterable<?> records) {
        records.forEach(this::accept);
        return this;
    }

    private static void requireValid(boolean valid, Object r) {
        if (!valid) {
            throw new IllegalArgumentException("fixture is invalid: " + r);
        }
    }
}
