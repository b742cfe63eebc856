package com.exposuremonitor.topology;

import java.time.Duration;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;

/**
 * Everything the monitor runs, in one Kafka Streams application: the exposure topology and the alert
 * topology, connected through the live-feed topic (so alert subscribers see exactly what the feed shows).
 */
public final class MonitorTopology {
    private MonitorTopology() {
    }

    public static Topology buildMonitorTopology(Topics topics, Duration clockInterval) {
        StreamsBuilder builder = new StreamsBuilder();
        ExposureTopology.addTo(builder, topics, clockInterval);
        AlertTopology.addTo(builder, topics);
        return builder.build();
    }
}
