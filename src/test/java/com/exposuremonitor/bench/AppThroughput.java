package com.exposuremonitor.bench;

import com.exposuremonitor.runtime.Monitor;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The full application (MonitorTopology in a {@link Monitor}, its own JVM) over preloaded inputs. The rate
 * is the steady one ({@link Steady}: inputs committed after the warm-up, up to 95% of the preload), so start-up,
 * restore and JIT warm-up are left out; the time until every derived output is written (the live feed,
 * alerts, views, analytics) is reported beside it, so a downstream that falls behind cannot hide.
 */
final class AppThroughput {
    private AppThroughput() {
    }

    record Result(Rate steady, double secondsToAllInputs, double secondsToAllOutputs, String threadRatios,
                  java.util.Map<String, Long> produced) {
    }

    static Result run(String name, BenchCluster cluster, String prefix, String guarantee, long commitMs,
                      List<String> jvmArgs, Lag inputs, long expected, double warmupSeconds,
                      Duration timeout) throws IOException {
        String appId = "app-" + name;
        Lag everything = Lag.ofApplication(cluster.admin(), cluster.provision(prefix), appId, cluster.partitions(),
                guarantee.startsWith("exactly_once"));
        try (AppChild app = AppChild.start(cluster, prefix, appId, guarantee, commitMs, jvmArgs)) {
            long start = System.nanoTime();
            long deadline = start + timeout.toNanos();
            Steady steady = new Steady(expected, warmupSeconds);
            long done;
            do {
                Lag.sleep(100);
                done = inputs.committed(appId);
                steady.sample(System.nanoTime(), done);
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(name + " committed " + done + " of " + expected + " inputs");
                }
                app.checkAlive();
            } while (done < expected);
            long inputsRead = System.nanoTime();
            long end = everything.awaitCaughtUp(appId, timeout);
            app.checkAlive();
            String ratios = app.threadRatios();
            java.util.Map<String, Long> produced = app.produced();
            System.out.printf("bench: %s read its inputs in %.1f s, wrote every derived output by %.1f s%n", name,
                    (inputsRead - start) / 1e9, (end - start) / 1e9);
            System.out.println("bench: " + name + " stream thread " + ratios);
            return new Result(steady.rate(name), (inputsRead - start) / 1e9, (end - start) / 1e9, ratios, produced);
        }
    }

    /** Waits for RUNNING; returns the nanoTime it was seen. */
    static long awaitRunning(Monitor monitor, Duration timeout) {
        Lag.await("Kafka Streams RUNNING", timeout, () -> monitor.streams().state() == KafkaStreams.State.RUNNING);
        return System.nanoTime();
    }
}
