package com.exposuremonitor.verify;

import com.exposuremonitor.avro.DefaultRiskAlert;
import com.exposuremonitor.avro.OperatorExposure;
import com.exposuremonitor.domain.ExposureCalculator;
import com.exposuremonitor.domain.InputEvents;
import com.exposuremonitor.domain.OperatorAggregate;
import com.exposuremonitor.domain.SnapshotDecision;
import com.exposuremonitor.domain.alerts.AlertBook;
import com.exposuremonitor.domain.alerts.AlertEngine;
import com.exposuremonitor.domain.alerts.RuleDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;

/**
 * What the monitor must publish for a sequence of input events, recomputed with the pure domain code
 * alone: every operator's exposures in order, its final exposure and its alert sequence. The independent
 * oracle of the broker tests: no Kafka, no topology, just the formulas and rules.
 */
public final class ExpectedOutputs {
    private final Map<String, RuleDefinition> rules;
    private final Map<String, SpecificRecord> latest = new HashMap<>();
    private final Map<String, OperatorAggregate> aggregates = new TreeMap<>();
    private final Map<String, List<OperatorExposure>> exposures = new TreeMap<>();
    private final Map<String, AlertBook> books = new HashMap<>();
    private final Map<String, List<DefaultRiskAlert>> alerts = new TreeMap<>();
    private int rejected;

    public ExpectedOutputs(Map<String, RuleDefinition> rules) {
        this.rules = Map.copyOf(rules);
    }

    public static ExpectedOutputs of(List<? extends SpecificRecord> events) {
        ExpectedOutputs expected = new ExpectedOutputs(RuleDefinition.defaults());
        events.forEach(expected::accept);
        return expected;
    }

    /** Applies one event as the intake and exposure processors do; returns what the intake decided. */
    public SnapshotDecision accept(SpecificRecord event) {
        if (InputEvents.validate(event).isPresent()) {
            rejected++;
            return SnapshotDecision.CONFLICT;
        }
        String key = InputEvents.naturalKey(event);
        SpecificRecord previous = latest.get(key);
        SnapshotDecision decision = InputEvents.decide(previous, event);
        if (decision == SnapshotDecision.CONFLICT) {
            rejected++;
        }
        if (decision != SnapshotDecision.APPLY) {
            return decision;
        }
        latest.put(key, event);
        String operatorId = InputEvents.operatorId(event);
        OperatorAggregate aggregate = aggregates.computeIfAbsent(operatorId, k -> new OperatorAggregate());
        InputEvents.apply(aggregate, previous, event);
        publish(operatorId, ExposureCalculator.compute(operatorId, aggregate));
        return decision;
    }

    private void publish(String operatorId, OperatorExposure exposure) {
        List<OperatorExposure> feed = exposures.computeIfAbsent(operatorId, k -> new ArrayList<>());
        if (!feed.isEmpty() && feed.get(feed.size() - 1).equals(exposure)) {
            return;
        }
        feed.add(exposure);
        AlertBook book = books.computeIfAbsent(operatorId, k -> new AlertBook());
        alerts.computeIfAbsent(operatorId, k -> new ArrayList<>()).addAll(AlertEngine.evaluate(exposure, rules, book));
    }

    public Map<String, OperatorExposure> finalExposures() {
        Map<String, OperatorExposure> out = new TreeMap<>();
        exposures.forEach((op, list) -> out.put(op, list.get(list.size() - 1)));
        return out;
    }

    public List<OperatorExposure> exposures(String operatorId) {
        return exposures.getOrDefault(operatorId, List.of());
    }

    public Map<String, List<DefaultRiskAlert>> alerts() {
        return alerts;
    }

    /** Events the intake sends to the dead letters (invalid, or a reused eventId with other content). */
    public int rejected() {
        return rejected;
    }
}
