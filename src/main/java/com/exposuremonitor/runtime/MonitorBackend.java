package com.exposuremonitor.runtime;

import com.exposuremonitor.api.Lookup;
import com.exposuremonitor.api.ApiBackend;
import com.exposuremonitor.api.FeedSource;
import com.exposuremonitor.avro.CounterpartyExposure;
import com.exposuremonitor.avro.DefaultRiskAlert;
import com.exposuremonitor.avro.LenderExposure;
import com.exposuremonitor.avro.OperatorExposure;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;

/**
 * What the HTTP API asks of a running monitor. The HTTP server starts before Kafka Streams (its port is
 * the instance's address), so until the queries are attached every lookup answers "unavailable".
 */
final class MonitorBackend implements ApiBackend {
    private final FeedSource feed;
    private final PrometheusMeterRegistry metrics;
    private final Supplier<Optional<String>> fatal;
    private volatile ExposureQueries queries;

    MonitorBackend(FeedSource feed, PrometheusMeterRegistry metrics) {
        this(feed, metrics, Optional::empty);
    }

    /** @param fatal why stream processing stopped for good, once it has */
    MonitorBackend(FeedSource feed, PrometheusMeterRegistry metrics, Supplier<Optional<String>> fatal) {
        this.feed = feed;
        this.metrics = metrics;
        this.fatal = fatal;
    }

    void attach(ExposureQueries queries) {
        this.queries = queries;
    }

    @Override
    public Lookup<OperatorExposure> operator(String operatorId) {
        return queries == null ? starting() : queries.operator(operatorId);
    }

    @Override
    public Lookup<OperatorExposure> operatorAsOf(String operatorId, java.time.Instant asOf) {
        return queries == null ? starting() : queries.operatorAsOf(operatorId, asOf);
    }

    @Override
    public Lookup<List<OperatorExposure>> history(String operatorId, java.time.Instant from, java.time.Instant to,
                                                  int limit) {
        return queries == null ? starting() : queries.history(operatorId, from, to, limit);
    }

    @Override
    public Lookup<List<OperatorExposure>> localOperators() {
        return queries == null ? starting() : queries.localOperators();
    }

    @Override
    public Lookup<List<DefaultRiskAlert>> localActiveAlerts() {
        return queries == null ? starting() : queries.localActiveAlerts();
    }

    @Override
    public Lookup<List<CounterpartyExposure>> localCounterparties() {
        return queries == null ? starting() : queries.localCounterparties();
    }

    @Override
    public Lookup<CounterpartyExposure> counterparty(String counterpartyId) {
        return queries == null ? starting() : queries.counterparty(counterpartyId);
    }

    @Override
    public Lookup<LenderExposure> lender(String lenderId) {
        return queries == null ? starting() : queries.lender(lenderId);
    }

    @Override
    public List<String> otherInstances() {
        if (queries == null) {
            return List.of();
        }
        HostInfo self = queries.self();
        return queries.instances().stream().filter(h -> !h.equals(self)).map(h -> h.host() + ":" + h.port())
                .toList();
    }

    @Override
    public Optional<String> problem() {
        return fatal.get().or(feed::failure);
    }

    @Override
    public String streamsState() {
        return queries == null ? "STARTING" : queries.state().name();
    }

    /** Ready: running, with a live feed for the SSE streams. */
    @Override
    public boolean healthy() {
        return problem().isEmpty() && queries != null && queries.state() == KafkaStreams.State.RUNNING;
    }

    /**
     * Alive: not yet started, running, or rebalancing/restoring on the way back to running; not when the
     * live-feed reader died or stream processing stopped for good (only a restart brings them back).
     */
    @Override
    public boolean alive() {
        if (problem().isPresent()) {
            return false;
        }
        if (queries == null) {
            return true;
        }
        KafkaStreams.State state = queries.state();
        return state == KafkaStreams.State.CREATED || state.isRunningOrRebalancing();
    }

    @Override
    public FeedSource feed() {
        return feed;
    }

    @Override
    public PrometheusMeterRegistry metrics() {
        return metrics;
    }

    private static <T> Lookup<T> starting() {
        return new Lookup.Unavailable<>("the monitor is starting");
    }
}
