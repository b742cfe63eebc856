package com.exposuremonitor.topology;

import com.exposuremonitor.avro.AlertRule;
import com.exposuremonitor.domain.alerts.RuleDefinition;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The gate of rule updates: a valid update with a newer version goes on to the rules in force (a
 * tombstone returns the rule to its default); a malformed or stale one becomes a dead letter and the
 * rule in force stays as it is. Updates are keyed by rule name, so one rule's versions meet in one task.
 */
final class RuleCheckProcessor implements FixedKeyProcessor<byte[], byte[], RuleCheckProcessor.Outcome> {
    static final String VERSION_STORE = "rule-versions";

    /** A rule update to apply (value null: back to the default), or a dead letter. */
    record Outcome(String rule, AlertRule inForce, com.exposuremonitor.avro.DeadLetter letter) {
        boolean accepted() {
            return letter == null;
        }
    }

    private final Deserializer<AlertRule> deserializer;
    private FixedKeyProcessorContext<byte[], Outcome> context;
    private KeyValueStore<String, Integer> versions;

    private RuleCheckProcessor(Deserializer<AlertRule> deserializer) {
        this.deserializer = deserializer;
    }

    static FixedKeyProcessorSupplier<byte[], byte[], Outcome> supplier(Topics topics) {
        StoreBuilder<KeyValueStore<String, Integer>> store = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(VERSION_STORE), Serdes.String(), Serdes.Integer());
        return new FixedKeyProcessorSupplier<>() {
            @Override
            public FixedKeyProcessor<byte[], byte[], Outcome> get() {
                return new RuleCheckProcessor(topics.alertRuleUpdates.valueSerde().deserializer());
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(store);
            }
        };
    }

    @Override
    public void init(FixedKeyProcessorContext<byte[], Outcome> context) {
        this.context = context;
        this.versions = context.getStateStore(VERSION_STORE);
    }

    @Override
    public void process(FixedKeyRecord<byte[], byte[]> record) {
        Check check;
        try {
            check = check(record.key(), deserializer.deserialize(topic(), record.value()));
        } catch (SerializationException e) {
            check = new Reject("not a valid AlertRule record: " + e.getMessage(), e);
        }
        Outcome outcome = check instanceof Reject reject
                ? new Outcome(null, null, DeadLetters.of("RULE", reject.reason(),
                        DeadLetters.origin(context, topic(), record.timestamp(), record.key(), record.value()),
                        reject.cause()))
                : new Outcome(((Apply) check).rule(), ((Apply) check).inForce(), null);
        context.forward(record.withValue(outcome));
    }

    private sealed interface Check permits Apply, Reject {
    }

    private record Apply(String rule, AlertRule inForce) implements Check {
    }

    private record Reject(String reason, Throwable cause) implements Check {
    }

    private Check check(byte[] key, AlertRule update) {
        if (key == null) {
            return new Reject("rule update has no key; rule updates are keyed by rule name", null);
        }
        String name = new String(key, StandardCharsets.UTF_8);
        if (!RuleDefinition.defaults().containsKey(name)) {
            return new Reject("unknown rule '" + name + "'; known rules: " + RuleDefinition.defaults().keySet(), null);
        }
        if (update == null) {
            versions.delete(name);
            return new Apply(name, null);
        }
        if (!name.equals(update.getRule())) {
            return new Reject("record key '" + name + "' does not match rule '" + update.getRule() + "'", null);
        }
        Optional<String> problem = RuleDefinition.problems(update);
        if (problem.isPresent()) {
            return new Reject("rule " + name + " not changed: " + problem.get(), null);
        }
        Integer inForce = versions.get(name);
        if (inForce != null && update.getVersion() <= inForce) {
            return new Reject("rule " + name + " not changed: version " + update.getVersion()
                    + " is not newer than version " + inForce + " in force", null);
        }
        versions.put(name, update.getVersion());
        return new Apply(name, update);
    }

    private String topic() {
        return context.recordMetadata().map(m -> m.topic()).orElse("rule-updates");
    }
}
