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
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerRecord;
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
        AtomicBoolean stop = new AtomicBoolean();
        Map<String, Deque<Long>> pending = new ConcurrentHashMap<>();
        AtomicLong feedCountFrom = new AtomicLong(Long.MAX_VALUE);
        AtomicLong alertCountFrom = new AtomicLong(Long.MAX_VALUE);
        Thread feedReader = reader(cluster, topics.operatorExposure.name(), feed, feedCountFrom, stop, pending);
        Thread alertReader = reader(cluster, topics.alerts.name(), alerts, alertCountFrom, stop, null);
        feedReader.start();
        alertReader.start();
        // Every event is generated and serialized before the clock starts, stamped with the time it is due
        // to be sent: the paced loop then only hands bytes to the producer, so the bench's own work does
        // not steal the monitor's CPU. A late send counts against the monitor (latency is from eventTime).
        long total = (long) (rate * (duration.toMillis() + warmup.toMillis()) / 1000.0);
        long prep = Math.max(2_000, total / 30); // generous: generating and serializing runs at > 30,000/s
        long t0 = System.currentTimeMillis() + prep;
        List<ProducerRecord<String, byte[]>> planned = new java.util.ArrayList<>((int) total);
        for (long i = 0; i < total; i++) {
            long due = t0 + (long) (i * 1000.0 / rate);
            Workload.Event event = workload.next(Instant.ofEpochMilli(due));
            planned.add(sender.prepare(event));
            if (event.defect() == Workload.Defect.NONE) {
                pending.computeIfAbsent(event.key(), k -> new ConcurrentLinkedDeque<>()).add(due);
            }
        }
        if (System.currentTimeMillis() > t0) {
            System.out.printf("bench: latency events prepared %d ms late; the first sends are late%n",
                    System.currentTimeMillis() - t0);
        }
        long countFrom = t0 + warmup.toMillis();
        feedCountFrom.set(countFrom);
        alertCountFrom.set(countFrom);
        while (System.currentTimeMillis() < t0) {
            Thread.sleep(1);
        }
        long sent = 0;
        for (ProducerRecord<String, byte[]> record : planned) {
            long wait = record.timestamp() - System.currentTimeMillis();
            if (wait > 0) {
                Thread.sleep(wait);
            }
            sender.send(record);
            sent++;
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
    private static Thread reader(BenchCluster cluster, String topic, Percentiles into, AtomicLong countFrom,
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
                            if (r.timestamp() >= countFrom.get()) {
                                into.add(now - r.timestamp());
                            }
                            continue;
                        }
                        Deque<Long> waiting = pending.get(new String(r.key(), StandardCharsets.UTF_8));
                        while (waiting != null && !waiting.isEmpty() && waiting.peekFirst() <= r.timestamp()) {
                            long eventTime = waiting.pollFirst();
                            if (eventTime >= countFrom.get()) {
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
