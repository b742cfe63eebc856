package com.exposuremonitor.runtime;

import com.exposuremonitor.api.Lookup;
import com.exposuremonitor.avro.CounterpartyExposure;
import com.exposuremonitor.avro.DefaultRiskAlert;
import com.exposuremonitor.avro.LenderExposure;
import com.exposuremonitor.avro.OperatorExposure;
import com.exposuremonitor.topology.AlertTopology;
import com.exposuremonitor.topology.views.ViewsTopology;
import com.exposuremonitor.topology.ExposureTopology;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.query.FailureReason;
import org.apache.kafka.streams.query.MultiVersionedKeyQuery;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.query.StateQueryResult;
import org.apache.kafka.streams.query.VersionedKeyQuery;
import org.apache.kafka.streams.state.VersionedRecord;
import org.apache.kafka.streams.state.VersionedRecordIterator;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Interactive queries of the monitor's stores. A key owned by another instance is answered with its
 * address; a store that is rebalancing or restoring is retried a few times, then reported unavailable.
 */
public final class ExposureQueries {
    private static final int ATTEMPTS = 3;
    private final KafkaStreams streams;
    private final HostInfo self;

    public ExposureQueries(KafkaStreams streams, HostInfo self) {
        this.streams = streams;
        this.self = self;
    }

    public Lookup<OperatorExposure> operator(String operatorId) {
        return byKey(ExposureTopology.EXPOSURE_STORE, operatorId, "operator " + operatorId);
    }

    /** The exposure published last at or before {@code asOf} (event time), within the history's retention. */
    public Lookup<OperatorExposure> operatorAsOf(String operatorId, Instant asOf) {
        String what = "operator " + operatorId + " as of " + asOf;
        return owned(ExposureTopology.HISTORY_STORE, operatorId, what, partition -> {
            QueryResult<VersionedRecord<OperatorExposure>> result = query(partition,
                    VersionedKeyQuery.<String, OperatorExposure>withKey(operatorId).asOf(asOf));
            if (result.isFailure()) {
                return new Lookup.Unavailable<>(result.getFailureMessage());
            }
            VersionedRecord<OperatorExposure> found = result.getResult();
            return found == null ? new Lookup.NotFound<>(what) : new Lookup.Found<>(found.value());
        });
    }

    /**
     * The exposures published with an asOf in [from, to], oldest first, at most {@code limit}: a page of the
     * operator's history. NotFound for an operator never published.
     */
    public Lookup<List<OperatorExposure>> history(String operatorId, Instant from, Instant to, int limit) {
        String what = "operator " + operatorId;
        return owned(ExposureTopology.HISTORY_STORE, operatorId, what, partition -> {
            QueryResult<VersionedRecordIterator<OperatorExposure>> result = query(partition,
                    MultiVersionedKeyQuery.<String, OperatorExposure>withKey(operatorId).fromTime(from).toTime(to)
                            .withAscendingTimestamps());
            if (result.isFailure()) {
                return new Lookup.Unavailable<>(result.getFailureMessage());
            }
            List<OperatorExposure> page = new ArrayList<>();
            long fromMillis = from.toEpochMilli();
            try (VersionedRecordIterator<OperatorExposure> versions = result.getResult()) {
                while (versions.hasNext() && page.size() < limit) {
                    VersionedRecord<OperatorExposure> version = versions.next();
                    // the query also yields the version still valid at `from`, published before it
                    if (version.timestamp() >= fromMillis) {
                        page.add(version.value());
                    }
                }
            }
            if (page.isEmpty() && this.<OperatorExposure>store(ExposureTopology.EXPOSURE_STORE, partition)
                    .get(operatorId) == null) {
                return new Lookup.NotFound<>(what);
            }
            return new Lookup.Found<>(page);
        });
    }

    private <R> QueryResult<R> query(int partition, Query<R> query) {
        StateQueryResult<R> result = streams.query(StateQueryRequest.inStore(ExposureTopology.HISTORY_STORE)
                .withQuery(query).withPartitions(Set.of(partition)));
        QueryResult<R> one = result.getPartitionResults().get(partition);
        if (one == null) {
            throw new InvalidStateStoreException("no answer from partition " + partition);
        }
        if (one.isFailure() && one.getFailureReason() != FailureReason.UNKNOWN_QUERY_TYPE
                && one.getFailureReason() != FailureReason.STORE_EXCEPTION) {
            // not active here, or not up to date yet: worth the bounded retries
            throw new InvalidStateStoreException(one.getFailureReason() + ": " + one.getFailureMessage());
        }
        return one;
    }

    /** The operators this instance holds (the HTTP layer merges the answers of every instance). */
    public Lookup<List<OperatorExposure>> localOperators() {
        return localValues(ExposureTopology.EXPOSURE_STORE);
    }

    public Lookup<CounterpartyExposure> counterparty(String counterpartyId) {
        return byKey(ViewsTopology.COUNTERPARTY_STORE, counterpartyId, "counterparty " + counterpartyId);
    }

    /** The counterparty views this instance holds (a local store scan, like {@link #localOperators()}). */
    public Lookup<List<CounterpartyExposure>> localCounterparties() {
        return localValues(ViewsTopology.COUNTERPARTY_STORE);
    }

    public Lookup<LenderExposure> lender(String lenderId) {
        return byKey(ViewsTopology.LENDER_STORE, lenderId, "lender " + lenderId);
    }

    /** The active alerts this instance holds: operators', counterparties' and lenders'. */
    public Lookup<List<DefaultRiskAlert>> localActiveAlerts() {
        List<DefaultRiskAlert> all = new ArrayList<>();
        for (String store : List.of(AlertTopology.ACTIVE_ALERTS_STORE, ViewsTopology.COUNTERPARTY_ACTIVE_ALERTS_STORE,
                ViewsTopology.LENDER_ACTIVE_ALERTS_STORE)) {
            Lookup<List<DefaultRiskAlert>> part = localValues(store);
            if (!(part instanceof Lookup.Found<List<DefaultRiskAlert>> found)) {
                return part;
            }
            all.addAll(found.value());
        }
        return new Lookup.Found<>(all);
    }

    private <V> Lookup<List<V>> localValues(String storeName) {
        if (!streams.state().isRunningOrRebalancing()) {
            return new Lookup.Unavailable<>("the monitor is " + streams.state());
        }
        return withRetries(() -> {
            List<V> out = new ArrayList<>();
            try (KeyValueIterator<String, V> all = this.<V>store(storeName, null).all()) {
                all.forEachRemaining(kv -> out.add(kv.value));
            }
            return new Lookup.Found<>(out);
        });
    }

    public List<HostInfo> instances() {
        return streams.metadataForAllStreamsClients().stream().map(m -> m.hostInfo()).distinct().toList();
    }

    public HostInfo self() {
        return self;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    private <V> Lookup<V> byKey(String storeName, String key, String what) {
        return owned(storeName, key, what, partition -> {
            V value = this.<V>store(storeName, partition).get(key);
            return value == null ? new Lookup.NotFound<>(what) : new Lookup.Found<>(value);
        });
    }

    /** Answers locally, on the key's partition, when this instance owns it; else says who does. */
    private <V> Lookup<V> owned(String storeName, String key, String what, IntFunction<Lookup<V>> local) {
        if (!streams.state().isRunningOrRebalancing()) {
            return new Lookup.Unavailable<>("the monitor is " + streams.state());
        }
        KeyQueryMetadata owner = streams.queryMetadataForKey(storeName, key, Serdes.String().serializer());
        if (owner == null || owner.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            return new Lookup.Unavailable<>("no instance owns " + what + " yet (rebalancing)");
        }
        if (!owner.activeHost().equals(self) && !HostInfo.unavailable().equals(self)) {
            return new Lookup.Remote<>(owner.activeHost().host(), owner.activeHost().port());
        }
        return withRetries(() -> local.apply(owner.partition()));
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(String name, Integer partition) {
        StoreQueryParameters<ReadOnlyKeyValueStore<String, V>> params =
                StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore());
        return streams.store(partition == null ? params : params.withPartition(partition));
    }

    /** Bounded: a store migrating between instances is worth a short wait, never a spin. */
    private <V> Lookup<V> withRetries(java.util.function.Supplier<Lookup<V>> query) {
        InvalidStateStoreException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                return query.get();
            } catch (InvalidStateStoreException e) {
                last = e;
                pause(50L * attempt);
            }
        }
        return new Lookup.Unavailable<>("store not queryable: " + last.getMessage());
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
