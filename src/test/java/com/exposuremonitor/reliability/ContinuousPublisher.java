package com.exposuremonitor.reliability;

import com.exposuremonitor.replay.EventPublisher;
import com.exposuremonitor.topology.Topics;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.RecordMetadata;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.specific.SpecificRecord;

/**
 * Publishes generated valid events continuously, {@code perTick} events every 100 ms, from its own thread,
 * until {@link #stop()} or until {@code limit} events are sent. Sends that fail (e.g. while the broker is
 * down past the delivery timeout) are counted; the verifier works from what the input topics hold.
 */
public final class ContinuousPublisher implements AutoCloseable {
    private final EventGenerator generator;
    private final EventPublisher publisher;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "continuous-publisher");
        thread.setDaemon(true);
        return thread;
    });
    private final int perTick;
    private final long limit;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Queue<Future<RecordMetadata>> pending = new ConcurrentLinkedQueue<>();

    public ContinuousPublisher(String bootstrap, Topics topics, EventGenerator generator, int perTick, long limit) {
        this.generator = generator;
        this.publisher = new EventPublisher(bootstrap, Map.of(), topics);
        this.perTick = perTick;
        this.limit = limit;
    }

    public ContinuousPublisher start() {
        executor.scheduleWithFixedDelay(this::tick, 0, 100, TimeUnit.MILLISECONDS);
        return this;
    }

    private void tick() {
        for (int i = 0; i < perTick && sent.get() < limit; i++) {
            SpecificRecord event = generator.next();
            try {
                pending.add(publisher.send(event));
            } catch (RuntimeException e) {
                failed.incrementAndGet();
            }
            sent.incrementAndGet();
        }
    }

    public long sent() {
        return sent.get();
    }

    public long failed() {
        return failed.get();
    }

    /** Stops publishing and waits until every event handed to the producer is acknowledged or failed. */
    public void stop() {
        executor.shutdown();
        try {
            executor.awaitTermination(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        publisher.flush();
        for (Future<RecordMetadata> f = pending.poll(); f != null; f = pending.poll()) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException e) {
                failed.incrementAndGet();
            }
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        publisher.close();
    }
}
