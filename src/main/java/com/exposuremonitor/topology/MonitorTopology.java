package com.exposuremonitor.topology;

import java.time.Duration;
import java.util.Set;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import com.exposuremonitor.avro.OperatorExposure;
import com.exposuremonitor.topology.views.ViewsTopology;

/**
 * Everything the monitor runs, in one Kafka Streams application: the exposure topology, then, reading
 * the live feed (so subscribers see exactly what the feed shows), the alerts, the counterparty and lender
 * views and the daily analytics.
 */
public final class MonitorTopology {
    /** The stores kept in memory only (not RocksDB): the per-commit change marks. */
    public static final Set<String> IN_MEMORY_STORES = Set.of(ExposureTopology.CHANGES_STORE,
            ChangeMarks.storeName("counterparty"), ChangeMarks.storeName("lender"));

    private MonitorTopology() {
    }

    /** The monitor's settings that shape the topology (not the connection or sizing ones). */
    public record Options(Duration clockInterval, double systemicThreshold, Duration dailyGrace,
                          Duration historyRetention, OutputCounters counters) {
        public Options(Duration clockInterval, double systemicThreshold, Duration dailyGrace) {
            this(clockInterval, systemicThreshold, dailyGrace, ExposureTopology.DEFAULT_HISTORY_RETENTION,
                    OutputCounters.NONE);
        }

        public static Options defaults() {
            return new Options(ExposureTopology.DEFAULT_CLOCK_INTERVAL, ViewsTopology.defaultSystemicThreshold(),
                    AnalyticsTopology.DEFAULT_GRACE);
        }

        public Options withClockInterval(Duration interval) {
            return new Options(interval, systemicThreshold, dailyGrace, historyRetention, counters);
        }

        public Options withCounters(OutputCounters outputCounters) {
            return new Options(clockInterval, systemicThreshold, dailyGrace, historyRetention, outputCounters);
        }

        public Options withHistoryRetention(Duration retention) {
            return new Options(clockInterval, systemicThreshold, dailyGrace, retention, counters);
        }
    }

    public static Topology buildMonitorTopology(Topics topics, Duration clockInterval) {
        return buildMonitorTopology(topics, Options.defaults().withClockInterval(clockInterval));
    }

    public static Topology buildMonitorTopology(Topics topics, Options options) {
        StreamsBuilder builder = new StreamsBuilder();
        ExposureTopology.addTo(builder, topics, options.clockInterval(), options.historyRetention(),
                options.counters());
        KStream<String, OperatorExposure> exposures = AlertTopology.addTo(builder, topics, options.counters());
        ViewsTopology.addTo(builder, topics, exposures, options.systemicThreshold(), options.counters());
        AnalyticsTopology.addTo(builder, topics, exposures, options.dailyGrace());
        return builder.build();
    }
}
