package com.exposuremonitor.topology;

import com.exposuremonitor.avro.OperatorExposure;
import com.exposuremonitor.domain.alerts.AlertBook;
import com.exposuremonitor.serde.AlertBookSerde;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The default-risk alert topology: reads the operator exposure feed, evaluates the rules in force and
 * publishes each alert state change to the alerts topic (keyed by operatorId, so one operator's alerts
 * stay in order) and the current set to the compacted active-alerts topic (keyed operatorId|rule, a
 * tombstone on RESOLVED). Rule updates are checked (malformed or stale ones become dead letters) and the
 * rules in force are written to a compacted topic that every instance reads as a GlobalKTable.
 */
public final class AlertTopology {
    public static final String RULES_STORE = "alert-rules";
    public static final String ALERT_STATE_STORE = "alert-states";
    public static final String WATERMARK_STORE = "alert-exposure-watermarks";
    public static final String ACTIVE_ALERTS_STORE = "active-alerts";

    private AlertTopology() {
    }

    public static Topology buildAlertTopology(Topics topics) {
        StreamsBuilder builder = new StreamsBuilder();
        addTo(builder, topics, OutputCounters.NONE);
        return builder.build();
    }

    /** Adds the alert nodes to a builder shared with other topologies; returns the exposures they read. */
    public static KStream<String, OperatorExposure> addTo(StreamsBuilder builder, Topics topics,
                                                          OutputCounters counters) {
        addRules(builder, topics, counters);
        KStream<String, OperatorExposure> exposures = builder.stream(topics.operatorExposure.name(),
                Consumed.with(topics.operatorExposure.keySerde(), topics.operatorExposure.valueSerde())
                        .withName("alert-exposure-source"));
        KStream<String, AlertOutput> alerts = exposures.process(alertEvaluator(), Named.as("alert-evaluate"));
        AlertOutput.publish(alerts, topics, ACTIVE_ALERTS_STORE, "", counters);
        return exposures;
    }

    private static void addRules(StreamsBuilder builder, Topics topics, OutputCounters counters) {
        var checked = builder.stream(topics.alertRuleUpdates.name(),
                        Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("rule-updates-source"))
                .processValues(RuleCheckProcessor.supplier(topics), Named.as("rule-check"))
                .split(Named.as("rule-"))
                .branch((k, v) -> v.accepted(), Branched.as("accepted"))
                .defaultBranch(Branched.as("rejected"));
        checked.get("rule-accepted")
                .map((k, v) -> KeyValue.pair(v.rule(), v.inForce()), Named.as("rule-in-force-key"))
                .to(topics.alertRules.name(), Produced.with(topics.alertRules.keySerde(),
                        topics.alertRules.valueSerde()).withName("rules-in-force-sink"));
        checked.get("rule-rejected")
                .mapValues(o -> ExposureTopology.counted(o.letter(), counters), Named.as("rule-dead-letter"))
                .to(topics.deadLetters.name(), Produced.with(topics.deadLetters.keySerde(),
                        topics.deadLetters.valueSerde()).withName("rule-dead-letter-sink"));
        builder.globalTable(topics.alertRules.name(),
                Consumed.with(topics.alertRules.keySerde(), topics.alertRules.valueSerde())
                        .withName("rules-in-force"),
                Materialized.as(RULES_STORE));
    }

    private static ProcessorSupplier<String, OperatorExposure, String, AlertOutput> alertEvaluator() {
        StoreBuilder<KeyValueStore<String, AlertBook>> states = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(ALERT_STATE_STORE), Serdes.String(), new AlertBookSerde());
        StoreBuilder<KeyValueStore<String, Long>> watermarks = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(WATERMARK_STORE), Serdes.String(), Serdes.Long());
        return new ProcessorSupplier<>() {
            @Override
            public AlertProcessor get() {
                return new AlertProcessor();
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(states, watermarks);
            }
        };
    }
}
