package com.exposuremonitor.topology;

import com.exposuremonitor.avro.DefaultRiskAlert;
import com.exposuremonitor.domain.alerts.AlertEngine;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * What an alert evaluator emits: a lifecycle event (to {@code em.alerts} and the active set), or an active
 * alert restated with its current figure (to the active set only).
 */
public record AlertOutput(DefaultRiskAlert alert, boolean refresh) {

    public static List<AlertOutput> of(AlertEngine.Changes changes) {
        return Stream.concat(changes.transitions().stream().map(a -> new AlertOutput(a, false)),
                changes.refreshed().stream().map(a -> new AlertOutput(a, true))).toList();
    }

    /**
     * Publishes an evaluator's outputs: events to the alerts topic (counted), events and refreshes to the
     * active set kept in {@code activeStore}. Node names start with {@code prefix}.
     */
    public static void publish(KStream<String, AlertOutput> outputs, Topics topics, String activeStore, String prefix,
                               OutputCounters counters) {
        outputs.flatMapValues(o -> o.refresh() ? List.<DefaultRiskAlert>of() : List.of(o.alert()),
                        Named.as(prefix + "alert-events"))
                .peek((subject, alert) -> counters.alert(alert), Named.as(prefix + "alerts-count"))
                .to(topics.alerts.name(), Produced.with(topics.alerts.keySerde(), topics.alerts.valueSerde())
                        .withName(prefix + "alerts-sink"));
        outputs.process(ActiveAlertsProcessor.supplier(topics, activeStore), Named.as(prefix + "active-alerts-update"))
                .to(topics.activeAlerts.name(), Produced.with(topics.activeAlerts.keySerde(),
                        topics.activeAlerts.valueSerde()).withName(prefix + "active-alerts-sink"));
    }
}
