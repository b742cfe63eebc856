package com.exposuremonitor.api;

import com.exposuremonitor.avro.CounterpartyExposure;
import com.exposuremonitor.avro.DefaultRiskAlert;
import com.exposuremonitor.avro.LenderExposure;
import com.exposuremonitor.avro.OperatorExposure;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;

/**
 * What the HTTP API asks of a running monitor; the runtime implements it over its interactive queries.
 * Views the runtime does not offer yet keep their default: {@link Lookup.Unavailable}, i.e. 503.
 * Calls come from several HTTP threads at once.
 */
public interface ApiBackend {
    String NOT_YET = "not available yet";

    /** One operator, from this instance's store or the address of the instance that owns it. */
    Lookup<OperatorExposure> operator(String operatorId);

    /** The operators this instance's stores hold (the API merges the other instances' answers). */
    Lookup<List<OperatorExposure>> localOperators();

    /** The active alerts this instance's stores hold. */
    default Lookup<List<DefaultRiskAlert>> localActiveAlerts() {
        return new Lookup.Unavailable<>(NOT_YET);
    }

    /** The operator's exposure as it was published last at or before {@code asOf} (event time). */
    default Lookup<OperatorExposure> operatorAsOf(String operatorId, java.time.Instant asOf) {
        return new Lookup.Unavailable<>(NOT_YET);
    }

    /** The exposures published for the operator with asOf in [from, to], oldest first, at most {@code limit}. */
    default Lookup<List<OperatorExposure>> history(String operatorId, java.time.Instant from, java.time.Instant to,
                                                   int limit) {
        return new Lookup.Unavailable<>(NOT_YET);
    }

    default Lookup<CounterpartyExposure> counterparty(String counterpartyId) {
        return new Lookup.Unavailable<>(NOT_YET);
    }

    /** The counterparty views this instance's stores hold (GET /contagion ranks them across instances). */
    default Lookup<List<CounterpartyExposure>> localCounterparties() {
        return new Lookup.Unavailable<>(NOT_YET);
    }

    default Lookup<LenderExposure> lender(String lenderId) {
        return new Lookup.Unavailable<>(NOT_YET);
    }

    /** "host:port" of every other instance's HTTP API (not this one). */
    default List<String> otherInstances() {
        return List.of();
    }

    /** The Kafka Streams state, e.g. RUNNING, REBALANCING. */
    String streamsState();

    /** What keeps the instance from being healthy besides Kafka Streams' state (shown by /health), if any. */
    default java.util.Optional<String> problem() {
        return java.util.Optional.empty();
    }

    /** Ready: serving current figures (Kafka Streams RUNNING). */
    boolean healthy();

    /**
     * Alive: working, or on its way back to work (starting, rebalancing, restoring); false once it has
     * stopped for good, when only a restart helps. A liveness probe must not kill a pod that is restoring.
     */
    default boolean alive() {
        return healthy();
    }

    /** New changes for the SSE endpoints (a {@link LiveFeed} in the runtime). */
    default FeedSource feed() {
        return FeedSource.none();
    }

    /** The registry {@code /metrics} scrapes; null when there are no metrics (then 503). */
    default PrometheusMeterRegistry metrics() {
        return null;
    }
}
