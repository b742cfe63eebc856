package com.exposuremonitor.bench;

import com.exposuremonitor.runtime.Monitor;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The full application (MonitorTopology in a {@link Monitor}, its own JVM) over preloaded inputs, from
 * the moment Kafka Streams is RUNNING until its group has committed every input record.
 */
final class AppThroughput {
    private AppThroughput() {
    }

    static Rate run(String name, BenchCluster cluster, String prefix, String guarantee, long commitMs,
                    List<String> jvmArgs, Lag inputs, long expected, Duration timeout) throws IOException {
        String appId = "app-" + name;
        try (AppChild app = AppChild.start(cluster, prefix, appId, guarantee, commitMs, jvmArgs)) {
            long start = System.nanoTime();
            long end = inputs.awaitCaughtUp(appId, timeout);
            app.checkAlive();
            return Rate.between(name, expected, start, end);
        }
    }

    /** Waits for RUNNING; returns the nanoTime it was seen. */
    static long awaitRunning(Monitor monitor, Duration timeout) {
        Lag.await("Kafka Streams RUNNING", timeout, () -> monitor.streams().state() == KafkaStreams.State.RUNNING);
        return System.nanoTime();
    }
}
