package com.exposuremonitor.replay;

import com.exposuremonitor.avro.OperatorExposure;
import com.exposuremonitor.domain.ExposureCalculator;
import com.exposuremonitor.domain.InputEvents;
import com.exposuremonitor.domain.OperatorAggregate;
import com.exposuremonitor.domain.SnapshotDecision;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;

/**
 * Feeds replay events through the pure domain exactly as the stream processor does: validate, decide
 * against the latest snapshot of the natural key, and on APPLY replace it in the operator's aggregate.
 */
final class DomainReplay {

    final Map<String, OperatorAggregate> aggregates = new TreeMap<>();
    final Map<SnapshotDecision, List<SpecificRecord>> decisions = new EnumMap<>(SnapshotDecision.class);
    private final Map<String, SpecificRecord> latest = new HashMap<>();

    DomainReplay acceptAll(List<? extends SpecificRecord> events) {
        events.forEach(this::accept);
        return this;
    }

    SnapshotDecision accept(SpecificRecord event) {
        require(InputEvents.validate(event).isEmpty(), event);
        String key = InputEvents.naturalKey(event);
        SpecificRecord previous = latest.get(key);
        SnapshotDecision d = InputEvents.decide(previous, event);
        if (d == SnapshotDecision.APPLY) {
            InputEvents.apply(agg(InputEvents.operatorId(event)), previous, event);
            latest.put(key, event);
        }
        decisions.computeIfAbsent(d, k -> new ArrayList<>()).add(event);
        return d;
    }

    List<SpecificRecord> decided(SnapshotDecision d) {
        return decisions.getOrDefault(d, List.of());
    }

    /** Every operator's exposure as of its own latest event. */
    Map<String, OperatorExposure> exposures() {
        Map<String, OperatorExposure> out = new TreeMap<>();
        aggregates.forEach((op, agg) -> out.put(op, ExposureCalculator.compute(op, agg)));
        return out;
    }

    private OperatorAggregate agg(String operatorId) {
        return aggregates.computeIfAbsent(operatorId, k -> new OperatorAggregate());
    }

    private static void require(boolean valid, SpecificRecord r) {
        if (!valid) {
            throw new IllegalArgumentException("invalid event reached the domain: " + r);
        }
    }
}
