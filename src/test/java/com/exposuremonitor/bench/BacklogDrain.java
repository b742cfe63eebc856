package com.exposuremonitor.bench;

import com.exposuremonitor.topology.TopicNames;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Catch-up after an outage: with the monitor stopped, the input of {@code outage} at the steady rate
 * piles up; the monitor is restarted (a new JVM) on the same state and application id. Start-up (JVM,
 * restore, rebalance: until Kafka Streams is RUNNING) is reported on its own; the drain clock runs from
 * RUNNING until every backlog record is committed, and counts only the records committed after RUNNING.
 */
final class BacklogDrain {
    record Result(double steadyRate, long backlog, double outageSeconds, double startupSeconds,
                  long drainedAfterRunning, double drainSeconds) {
        double drainRate() {
            return drainedAfterRunning / drainSeconds;
        }

        double ratio() {
            return drainRate() / steadyRate;
        }
    }

    private BacklogDrain() {
    }

    /** The monitor {@code applicationId} on {@code prefix} must have just been stopped. */
    static Result run(BenchCluster cluster, String prefix, String applicationId, long commitMs, List<String> jvmArgs,
                      InputSender sender, Workload workload, double steadyRate, Duration outage) throws IOException {
        long backlog = (long) (steadyRate * outage.toMillis() / 1000.0);
        sender.load(workload, backlog, () -> Instant.ofEpochMilli(System.currentTimeMillis()));
        Lag lag = new Lag(cluster.admin(), BenchCluster.inputs(TopicNames.withPrefix(prefix)), cluster.partitions());
        long target = lag.total();
        long started = System.nanoTime();
        try (AppChild app = AppChild.start(cluster, prefix, applicationId, "exactly_once_v2", commitMs, jvmArgs)) {
            long running = System.nanoTime();
            long left = target - lag.committed(applicationId);
            long end = lag.awaitCaughtUp(applicationId, Duration.ofMinutes(10));
            app.checkAlive();
            return new Result(steadyRate, backlog, outage.toMillis() / 1000.0, (running - started) / 1e9, left,
                    (end - running) / 1e9);
        }
    }
}
