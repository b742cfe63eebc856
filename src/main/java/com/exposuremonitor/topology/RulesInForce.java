package com.exposuremonitor.topology;

import com.exposuremonitor.avro.AlertRule;
import com.exposuremonitor.domain.alerts.RuleDefinition;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/** The rules in force: the defaults overlaid by the checked overrides of the global rules store. */
public final class RulesInForce {
    private RulesInForce() {
    }

    /** A handful of rules: reading them per evaluation makes a rule change effective at the very next one. */
    public static Map<String, RuleDefinition> read(TimestampedKeyValueStore<String, AlertRule> overrides) {
        Map<String, RuleDefinition> rules = null;
        try (KeyValueIterator<String, ValueAndTimestamp<AlertRule>> all = overrides.all()) {
            while (all.hasNext()) {
                KeyValue<String, ValueAndTimestamp<AlertRule>> entry = all.next();
                if (rules == null) {
                    rules = new HashMap<>(RuleDefinition.defaults());
                }
                rules.put(entry.key, RuleDefinition.from(entry.value.value()));
            }
        }
        // Without overrides (the usual case) the shared defaults serve as they are, no copy per evaluation.
        return rules == null ? RuleDefinition.defaults() : rules;
    }
}
