package com.exposuremonitor.bench;

import com.exposuremonitor.topology.Topics;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Cost of one more event as history and keys grow: {@code history} events of the workload are preloaded,
 * the monitor ({@link AppProcess}, its own JVM, exactly-once, bounded RocksDB) processes them; then a
 * warm-up batch of the same workload goes through (so the JIT has compiled the hot path whatever the
 * history: a cold JVM would bill its compilations to the small history), then the measured batch, with
 * the monitor's process CPU sampled around it, and its live heap after full collections.
 */
final class CostGrowth {
    record Result(long history, long warmup, int operators, long measured, double historySeconds,
                  ProcessStats before, ProcessStats after, long liveHeapBytes) {
        /** Events the monitor had processed when the measured batch started. */
        long historyBeforeMeasured() {
            return history + warmup;
        }

        double cpuMicrosPerEvent() {
            return (after.processCpuNanos() - before.processCpuNanos()) / 1e3 / measured;
        }

        double streamThreadCpuMicrosPerEvent() {
            return (after.streamThreadCpuNanos() - before.streamThreadCpuNanos()) / 1e3 / measured;
        }

        double historyRate() {
            return history / historySeconds;
        }
    }

    private CostGrowth() {
    }

    static Result run(BenchCluster cluster, Workload.Spec spec, long history, long warmup, long measured,
                      long commitMs, List<String> jvmArgs) throws IOException, InterruptedException {
        String prefix = "cg" + history + "x" + spec.operators() + ".";
        Topics topics = cluster.provision(prefix);
        Workload workload = new Workload(spec);
        SyntheticClock clock = new SyntheticClock(Instant.parse("2025-01-01T00:00:00Z"));
        try (InputSender sender = new InputSender(cluster.bootstrapServers(), topics)) {
            sender.load(workload, history, clock);
            String appId = "cost-" + history + "-" + spec.operators();
            // Every derived output, not just the inputs: otherwise the history's downstream work (views,
            // alerts, analytics run a commit behind) would be billed to the measured events.
            Lag lag = Lag.ofApplication(cluster.admin(), topics, appId, cluster.partitions(), true);
            try (AppChild app = AppChild.start(cluster, prefix, appId, "exactly_once_v2", commitMs, jvmArgs)) {
                long start = System.nanoTime();
                long end = lag.awaitCaughtUp(appId, Duration.ofMinutes(30));
                sender.load(workload, warmup, clock);
                lag.awaitCaughtUp(appId, Duration.ofMinutes(10));
                Lag.sleep(1000);
                ProcessStats before = app.sample();
                sender.load(workload, measured, clock);
                lag.awaitCaughtUp(appId, Duration.ofMinutes(10));
                ProcessStats after = app.sample();
                return new Result(history, warmup, spec.operators(), measured, (end - start) / 1e9, before, after,
                        app.liveHeapBytes());
            }
        }
    }
}
