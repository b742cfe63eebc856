package com.exposuremonitor.bench;

import com.exposuremonitor.topology.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Latency at a fixed input rate: events are produced paced at {@code rate}/s with eventTime = the
 * wall-clock time of sending. The feed coalesces: one record per operator and commit carries the state
 * after all of that operator's events so far (its timestamp is asOf, the newest one's time). So every
 * valid event is timed, not only the newest of each record: an event counts as delivered when the first
 * feed record of its operator with asOf at or after its eventTime is read (read_committed), and its
 * latency is that moment minus its eventTime. An event that changed no figure is delivered by the next
 * record of its operator (so it is counted late, never early). Alerts: now minus causeEventTime.
 * The first seconds are warm-up and not counted.
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
        Map<String, Deque<Long>> pending = new ConcurrentHashMap<>();
        Thread feedReader = reader(cluster, topics.operatorExposure.name(), feed, countFrom, stop, pending);
        Thread alertReader = reader(cluster, topics.alerts.name(), alerts, countFrom, stop, null);
        feedReader.start();
        alertReader.start();
        long sent = 0;
        long start = System.nanoTime();
        long total = (long) (rate * (duration.toMillis() + warmup.toMillis()) / 1000.0);
        while (sent < total) {
            long due = Math.min(total, (long) ((System.nanoTime() - start) / 1e9 * rate) + 1);
            while (sent < due) {
                long now = System.currentTimeMillis();
                Workload.Event event = workload.next(Instant.ofEpochMilli(now));
                if (event.defect() == Workload.Defect.NONE) {
                    pending.computeIfAbsent(event.key(), k -> new ConcurrentLinkedDeque<>()).add(now);
                }
                sender.send(event);
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

    /** @param pending per operator, the eventTimes not yet seen in the feed (null: time each record itself) */
    private static Thread reader(BenchCluster cluster, String topic, Percentiles into, long countFrom,
                                 AtomicBoolean stop, Map<String, Deque<Long>> pending) {
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
                        if (pending == null) {
                            if (r.timestamp() >= countFrom) {
                                into.add(now - r.timestamp());
                            }
                            continue;
                        }
                        Deque<Long> waiting = pending.get(new String(r.key(), StandardCharsets.UTF_8));
                        while (waiting != null && !waiting.isEmpty() && waiting.peekFirst() <= r.timestamp()) {
                            long eventTime = waiting.pollFirst();
                            if (eventTime >= countFrom) {
                                into.add(now - eventTime);
                            }
                        }
                    }
                }
            }
        }, "latency-" + topic);
        t.setDaemon(true);
        return t;
    }
}
