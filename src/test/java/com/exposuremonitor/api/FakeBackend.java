package com.exposuremonitor.api;

import com.exposuremonitor.avro.CounterpartyExposure;
import com.exposuremonitor.avro.DefaultRiskAlert;
import com.exposuremonitor.avro.OperatorExposure;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** A monitor with fixed answers; counterparties not set and lenders keep the interface's defaults (503). */
final class FakeBackend implements ApiBackend {
    final Map<String, Lookup<OperatorExposure>> operators = new HashMap<>();
    final List<String> operatorCalls = new CopyOnWriteArrayList<>();
    volatile Lookup<List<OperatorExposure>> localOperators = new Lookup.Found<>(List.of());
    volatile Lookup<List<DefaultRiskAlert>> activeAlerts = new Lookup.Found<>(List.of());
    /** Counterparty views by id; an id without an entry keeps the interface's default (503). */
    final Map<String, Lookup<CounterpartyExposure>> counterparties = new HashMap<>();
    volatile Lookup<List<CounterpartyExposure>> localCounterparties = new Lookup.Unavailable<>(NOT_YET);
    volatile List<String> others = new ArrayList<>();
    volatile boolean healthy = true;
    volatile boolean alive = true;
    volatile PrometheusMeterRegistry metrics;
    final FeedHub feed = new FeedHub(10);
    /** Operators whose lookup blocks until interrupted (or released), like a store that never answers. */
    final Set<String> hanging = ConcurrentHashMap.newKeySet();
    final AtomicInteger interruptedLookups = new AtomicInteger();
    private final CountDownLatch released = new CountDownLatch(1);

    FakeBackend found(OperatorExposure exposure) {
        operators.put(exposure.getOperatorId(), new Lookup.Found<>(exposure));
        return this;
    }

    @Override
    public Lookup<OperatorExposure> operator(String operatorId) {
        operatorCalls.add(operatorId);
        if (hanging.contains(operatorId)) {
            return hang();
        }
        return operators.getOrDefault(operatorId, new Lookup.NotFound<>("operator " + operatorId));
    }

    /** Ends every hanging lookup (a test's clean-up, whatever the API did). */
    void releaseHangingLookups() {
        released.countDown();
    }

    private Lookup<OperatorExposure> hang() {
        try {
            released.await();
            return new Lookup.Unavailable<>("released");
        } catch (InterruptedException e) {
            interruptedLookups.incrementAndGet();
            Thread.currentThread().interrupt();
            return new Lookup.Unavailable<>("interrupted");
        }
    }

    /** Every published exposure of every operator, as the history store would hold them. */
    final List<OperatorExposure> history = new CopyOnWriteArrayList<>();

    @Override
    public Lookup<List<OperatorExposure>> history(String operatorId, java.time.Instant from, java.time.Instant to,
                                                  int limit) {
        List<OperatorExposure> mine = history.stream().filter(e -> e.getOperatorId().equals(operatorId)).toList();
        if (mine.isEmpty()) {
            return new Lookup.NotFound<>("operator " + operatorId);
        }
        return new Lookup.Found<>(mine.stream().filter(e -> !e.getAsOf().isBefore(from) && !e.getAsOf().isAfter(to))
                .limit(limit).toList());
    }

    @Override
    public Lookup<OperatorExposure> operatorAsOf(String operatorId, java.time.Instant asOf) {
        return history.stream().filter(e -> e.getOperatorId().equals(operatorId) && !e.getAsOf().isAfter(asOf))
                .reduce((a, b) -> b).<Lookup<OperatorExposure>>map(Lookup.Found::new)
                .orElse(new Lookup.NotFound<>("operator " + operatorId + " as of " + asOf));
    }

    @Override
    public Lookup<List<OperatorExposure>> localOperators() {
        return localOperators;
    }

    @Override
    public Lookup<CounterpartyExposure> counterparty(String counterpartyId) {
        Lookup<CounterpartyExposure> found = counterparties.get(counterpartyId);
        return found != null ? found : ApiBackend.super.counterparty(counterpartyId);
    }

    @Override
    public Lookup<List<CounterpartyExposure>> localCounterparties() {
        return localCounterparties;
    }

    @Override
    public Lookup<List<DefaultRiskAlert>> localActiveAlerts() {
        return activeAlerts;
    }

    @Override
    public List<String> otherInstances() {
        return others;
    }

    @Override
    public String streamsState() {
        return healthy ? "RUNNING" : "REBALANCING";
    }

    @Override
    public boolean healthy() {
        return healthy;
    }

    @Override
    public boolean alive() {
        return alive;
    }

    @Override
    public FeedSource feed() {
        return feed;
    }

    @Override
    public PrometheusMeterRegistry metrics() {
        return metrics;
    }
}
