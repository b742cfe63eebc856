package com.exposuremonitor.bench;

import com.exposuremonitor.topology.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Latency at a fixed input rate: events are produced paced at {@code rate}/s with eventTime = the
 * wall-clock time of sending, which the monitor keeps as the record timestamp of the exposure it
 * publishes (asOf) and of the alert (causeEventTime). Read_committed consumers of the live feed and of
 * the alerts take now - record timestamp. The first seconds are warm-up and not counted.
 */
final class LatencyRun {
    record Result(double rate, long sent, Percentiles feed, Percentiles alerts, long lagAtEnd) {
    }

    private LatencyRun() {
    }

    /** {@code applicationId} is a running monitor's (an {@link AppChild}) on {@code topics}. */
    static Result run(BenchCluster cluster, Topics topics, String applicationId, InputSender sender,
                      Workload workload, double rate, Duration duration, Duration warmup) throws InterruptedException {
        Percentiles feed = new Percentiles();
        Percentiles alerts = new Percentiles();
        long countFrom = System.currentTimeMillis() + warmup.toMillis();
        AtomicBoolean stop = new AtomicBoolean();
        Thread feedReader = reader(cluster, topics.operatorExposure.name(), feed, countFrom, stop);
        Thread alertReader = reader(cluster, topics.alerts.name(), alerts, countFrom, stop);
        feedReader.start();
        alertReader.start();
        long sent = 0;
        long start = System.nanoTime();
        long total = (long) (rate * (duration.toMillis() + warmup.toMillis()) / 1000.0);
        while (sent < total) {
            long due = Math.min(total, (long) ((System.nanoTime() - start) / 1e9 * rate) + 1);
            while (sent < due) {
                sender.send(workload.next(Instant.ofEpochMilli(System.currentTimeMillis())));
                sent++;
            }
            Thread.sleep(1);
        }
        sender.flush();
        Lag lag = new Lag(cluster.admin(), BenchCluster.inputs(topics.names()), cluster.partitions());
        long behind = lag.lag(applicationId, lag.endOffsets());
        lag.awaitCaughtUp(applicationId, Duration.ofMinutes(2));
        Thread.sleep(1000);
        stop.set(true);
        feedReader.join();
        alertReader.join();
        return new Result(rate, sent, feed, alerts, behind);
    }

    private static Thread reader(BenchCluster cluster, String topic, Percentiles into, long countFrom,
                                 AtomicBoolean stop) {
        KafkaConsumer<byte[], byte[]> consumer =
                PipeClients.consumer(cluster.bootstrapServers(), "latency-" + UUID.randomUUID(), true);
        List<TopicPartition> partitions = IntStream.range(0, cluster.partitions())
                .mapToObj(p -> new TopicPartition(topic, p)).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        Thread t = new Thread(() -> {
            try (consumer) {
                while (!stop.get()) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(20))) {
                        long now = System.currentTimeMillis();
                        if (r.timestamp() >= countFrom) {
                            into.add(now - r.timestamp());
                        }
                    }
                }
            }
        }, "latency-" + topic);
        t.setDaemon(true);
        return t;
    }
}
