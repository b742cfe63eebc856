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

    /**
     * The rate counts until every output derived from the inputs is written (the live feed, alerts, views,
     * analytics), not only until the inputs are read: under exactly-once the downstream sub-topologies see
     * the feed only after each commit, so stopping at the inputs would flatter it.
     */
    static Rate run(String name, BenchCluster cluster, String prefix, String guarantee, long commitMs,
                    List<String> jvmArgs, Lag inputs, long expected, Duration timeout) throws IOException {
        String appId = "app-" + name;
        Lag everything = Lag.ofApplication(cluster.admin(), cluster.provision(prefix), appId, cluster.partitions(),
                guarantee.startsWith("exactly_once"));
        try (AppChild app = AppChild.start(cluster, prefix, appId, guarantee, commitMs, jvmArgs)) {
            long start = System.nanoTime();
            long inputsRead = inputs.awaitCaughtUp(appId, timeout);
            long end = everything.awaitCaughtUp(appId, timeout);
            app.checkAlive();
            System.out.printf("bench: %s read its inputs in %.1f s, wrote every derived output by %.1f s%n", name,
                    (inputsRead - start) / 1e9, (end - start) / 1e9);
            System.out.println("bench: " + name + " stream thread " + app.threadRatios());
            return Rate.between(name, expected, start, end);
        }
    }

    /** Waits for RUNNING; returns the nanoTime it was seen. */
    static long awaitRunning(Monitor monitor, Duration timeout) {
        Lag.await("Kafka Streams RUNNING", timeout, () -> monitor.streams().state() == KafkaStreams.State.RUNNING);
        return System.nanoTime();
    }
}
