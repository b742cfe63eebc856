package com.exposuremonitor.topology.views;

import com.exposuremonitor.avro.OperatorExposure;
import com.exposuremonitor.domain.views.CounterpartyView;
import com.exposuremonitor.serde.AlertBookSerde;
import com.exposuremonitor.topology.AlertOutput;
import com.exposuremonitor.topology.AlertTopology;
import com.exposuremonitor.topology.OutputCounters;
import com.exposuremonitor.topology.ChangeMarks;
import com.exposuremonitor.topology.TaskShared;
import com.exposuremonitor.topology.Topic;
import com.exposuremonitor.topology.Topics;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The counterparty and lender views (the chain of pain), kept incrementally: each operator exposure is
 * fanned out into the stakes that changed, re-keyed by counterparty or lender, and only those views are
 * rebuilt, published to compacted topics, kept in queryable stores, and checked by their alert rules.
 *
 * <pre>
 *  exposures -&gt; &lt;view&gt;-stake-fan-out [&lt;view&gt;-stake-index, alert-states] -&gt; repartition &lt;view&gt;-stakes
 *            -&gt; &lt;view&gt;-book [&lt;view&gt;-stakes] -&gt; &lt;view&gt;-changes (cached marks, once per commit)
 *            -&gt; &lt;view&gt;-view [&lt;view&gt;-stakes, &lt;view&gt;-exposure] -&gt; em.&lt;view&gt;-exposure
 *            -&gt; &lt;view&gt;-alert-evaluate [&lt;view&gt;-alert-states] -&gt; em.alerts, em.active-alerts
 * </pre>
 */
public final class ViewsTopology {
    public static final String COUNTERPARTY_STORE = "counterparty-exposure";
    public static final String LENDER_STORE = "lender-exposure";
    public static final String COUNTERPARTY_ACTIVE_ALERTS_STORE = "counterparty-active-alerts";
    public static final String LENDER_ACTIVE_ALERTS_STORE = "lender-active-alerts";

    private ViewsTopology() {
    }

    /** The views need the operator alerts (a lender's exposure to operators with CRITICAL alerts), so both. */
    public static Topology buildViewsTopology(Topics topics, double systemicThreshold) {
        return buildViewsTopology(topics, systemicThreshold, ViewProcessor.CACHED_VIEWS_PER_TASK);
    }

    /** With {@code cachedViews} views kept in memory per task (a test shrinks it to force read-backs). */
    public static Topology buildViewsTopology(Topics topics, double systemicThreshold, int cachedViews) {
        StreamsBuilder builder = new StreamsBuilder();
        addTo(builder, topics, AlertTopology.addTo(builder, topics, OutputCounters.NONE), systemicThreshold,
                cachedViews, OutputCounters.NONE);
        return builder.build();
    }

    /** @param exposures the operator exposures as the alert evaluation reads them (same sub-topology) */
    public static void addTo(StreamsBuilder builder, Topics topics, KStream<String, OperatorExposure> exposures,
                             double systemicThreshold, OutputCounters counters) {
        addTo(builder, topics, exposures, systemicThreshold, ViewProcessor.CACHED_VIEWS_PER_TASK, counters);
    }

    private static void addTo(StreamsBuilder builder, Topics topics, KStream<String, OperatorExposure> exposures,
                              double systemicThreshold, int cachedViews, OutputCounters counters) {
        addView(exposures, topics, ViewKind.counterparty(systemicThreshold), topics.counterpartyExposure, cachedViews,
                counters);
        addView(exposures, topics, ViewKind.lender(), topics.lenderExposure, cachedViews, counters);
    }

    public static double defaultSystemicThreshold() {
        return CounterpartyView.DEFAULT_SYSTEMIC_THRESHOLD;
    }

    private static <S, V extends SpecificRecord> void addView(KStream<String, OperatorExposure> exposures,
                                                              Topics topics, ViewKind<S, V> kind, Topic<String, V> topic,
                                                              int cachedViews, OutputCounters counters) {
        TaskShared<ViewCache<S>> cache = new TaskShared<>(() -> new ViewCache<>(cachedViews));
        // The marks coalesce a view's changes: it is built and published once per commit.
        KStream<String, Long> marks = exposures
                .process(fanOut(kind), Named.as(kind.name() + "-stake-fan-out"), AlertTopology.ALERT_STATE_STORE)
                .repartition(Repartitioned.<String, StakeChange<S>>as(kind.name() + "-stakes")
                        .withKeySerde(Serdes.String()).withValueSerde(kind.codec().changeSerde()))
                .processValues(book(kind, cache), Named.as(kind.name() + "-book"));
        KStream<String, V> views = ChangeMarks.oncePerCommit(marks, kind.name(), Serdes.String())
                .process(view(kind, topics, cache), Named.as(kind.name() + "-view"), kind.bookStore());
        views.to(topic.name(), Produced.with(topic.keySerde(), topic.valueSerde()).withName(kind.name() + "-exposure-sink"));
        KStream<String, AlertOutput> alerts = views.process(alertEvaluator(kind),
                Named.as(kind.name() + "-alert-evaluate"));
        AlertOutput.publish(alerts, topics, kind.activeAlertsStore(), kind.name() + "-", counters);
    }

    private static <S> ProcessorSupplier<String, OperatorExposure, String, StakeChange<S>> fanOut(ViewKind<S, ?> kind) {
        return supplier(() -> new StakeFanOut<>(kind), Set.of(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(kind.indexStore()), Serdes.String(), kind.codec().mapSerde())));
    }

    private static <S> FixedKeyProcessorSupplier<String, StakeChange<S>, Long> book(ViewKind<S, ?> kind,
                                                                                 TaskShared<ViewCache<S>> cache) {
        StoreBuilder<?> books = Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(kind.bookStore()),
                Serdes.String(), kind.codec().changeSerde());
        return new FixedKeyProcessorSupplier<>() {
            @Override
            public FixedKeyProcessor<String, StakeChange<S>, Long> get() {
                return new ViewBook<>(kind, cache);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(books);
            }
        };
    }

    private static <S, V extends SpecificRecord> ProcessorSupplier<String, Long, String, V> view(
            ViewKind<S, V> kind, Topics topics, TaskShared<ViewCache<S>> cache) {
        // Cached: a busy view reaches RocksDB and its changelog once per commit, not per change.
        return supplier(() -> new ViewProcessor<>(kind, cache), Set.of(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(kind.viewStore()), Serdes.String(),
                        topics.avroSerde(kind.viewType())).withCachingEnabled()));
    }

    private static <V extends SpecificRecord> ProcessorSupplier<String, V, String, AlertOutput> alertEvaluator(
            ViewKind<?, V> kind) {
        return supplier(() -> new ViewAlertProcessor<>(kind), Set.of(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(kind.alertStateStore()), Serdes.String(),
                new AlertBookSerde())));
    }

    private static <KI, VI, KO, VO> ProcessorSupplier<KI, VI, KO, VO> supplier(
            java.util.function.Supplier<Processor<KI, VI, KO, VO>> processor, Set<StoreBuilder<?>> stores) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<KI, VI, KO, VO> get() {
                return processor.get();
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return stores;
            }
        };
    }

}
