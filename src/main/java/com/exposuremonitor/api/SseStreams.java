package com.exposuremonitor.api;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.avro.generic.IndexedRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server-Sent Event streams, one thread each, at most {@link HttpSettings#maxStreams()} at once. A client
 * is dropped when it falls {@link HttpSettings#streamBacklog()} events behind, or when one write to it
 * stays blocked longer than {@link HttpSettings#writeTimeout()} (it stopped reading and its TCP buffers
 * are full); both are counted. A failed write unsubscribes.
 */
final class SseStreams implements AutoCloseable {
    static final long KEEP_ALIVE_MILLIS = 15_000;
    static final String THREAD_PREFIX = "api-sse";
    private static final Logger LOG = LoggerFactory.getLogger(SseStreams.class);

    /** Subscribes a consumer of records to a feed, e.g. {@code feed::subscribeAlerts}. */
    interface Source<T> extends Function<Consumer<T>, Subscription> {
    }

    /** How one record becomes a frame: its event name and id. */
    record Framing<T extends IndexedRecord>(String event, Function<T, String> id) {
    }

    private final Semaphore slots;
    private final int backlog;
    private final long keepAliveMillis;
    private final long writeTimeoutNanos;
    private final ThreadFactory threads = HttpApi.daemonThreads(THREAD_PREFIX);
    private final Set<SseClient<?>> clients = ConcurrentHashMap.newKeySet();
    private final LongAdder droppedOnTimeout = new LongAdder();
    private final LongAdder droppedOnBacklog = new LongAdder();
    private final ScheduledFuture<?> watchdog;
    private volatile boolean closed;

    SseStreams(HttpSettings settings, Duration keepAlive, ScheduledExecutorService timer) {
        this.slots = new Semaphore(settings.maxStreams());
        this.backlog = settings.streamBacklog();
        this.keepAliveMillis = keepAlive.toMillis();
        this.writeTimeoutNanos = settings.writeTimeout().toNanos();
        // A stuck write is cut off between one and one and a quarter write timeouts after it started.
        long period = Math.max(10, settings.writeTimeout().toMillis() / 4);
        this.watchdog = timer.scheduleWithFixedDelay(this::cutOffStuckWrites, period, period, TimeUnit.MILLISECONDS);
    }

    /** Starts streaming on a thread of its own; false when every stream slot is taken. */
    <T extends IndexedRecord> boolean start(HttpExchange ex, Source<T> source, Predicate<T> filter,
                                            Framing<T> framing) {
        if (closed || !slots.tryAcquire()) {
            return false;
        }
        try {
            threads.newThread(() -> {
                try {
                    stream(ex, source, filter, framing);
                } finally {
                    slots.release();
                }
            }).start();
            return true;
        } catch (RuntimeException | OutOfMemoryError e) { // no thread to be had
            slots.release();
            throw e;
        }
    }

    int openStreams() {
        return clients.size();
    }

    long droppedOnTimeout() {
        return droppedOnTimeout.sum();
    }

    long droppedOnBacklog() {
        return droppedOnBacklog.sum();
    }

    private <T extends IndexedRecord> void stream(HttpExchange ex, Source<T> source,
                                                  Predicate<T> filter, Framing<T> framing) {
        SseClient<T> client = new SseClient<>(backlog);
        clients.add(client);
        Subscription subscription = source.apply(v -> {
            if (filter.test(v)) {
                client.offer(v);
            }
        });
        try {
            OutputStream out = open(client, ex);
            write(client, out, ": connected\n\n");
            while (!client.overflowed() && !closed) {
                T next = client.next(keepAliveMillis);
                write(client, out, next == null ? ": keep-alive\n\n" : frame(framing, next));
            }
        } catch (IOException | InterruptedException e) {
            // the client went away or was cut off, or the API is closing
        } catch (RuntimeException e) {
            LOG.warn("event stream ended: {}", e.toString());
        } finally {
            subscription.close();
            end(client, ex);
        }
    }

    /** Closing may write (the last chunk), so a client that no longer reads is cut off here too. */
    private void end(SseClient<?> client, HttpExchange ex) {
        try {
            client.write(ex::close);
        } catch (IOException | RuntimeException e) {
            // already gone
        }
        clients.remove(client);
        if (client.cutOff()) {
            droppedOnTimeout.increment();
        } else if (client.overflowed()) {
            droppedOnBacklog.increment();
        }
    }

    private static OutputStream open(SseClient<?> client, HttpExchange ex) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.getResponseHeaders().set("X-Accel-Buffering", "no");
        client.write(() -> ex.sendResponseHeaders(200, 0));
        return ex.getResponseBody();
    }

    static <T extends IndexedRecord> String frame(Framing<T> framing, T record) {
        return "event: " + framing.event() + "\nid: " + oneLine(framing.id().apply(record))
                + "\ndata: " + AvroJson.toJson(record) + "\n\n";
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replace('\r', ' ').replace('\n', ' ');
    }

    private static void write(SseClient<?> client, OutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        client.write(() -> {
            out.write(bytes);
            out.flush();
        });
    }

    private void cutOffStuckWrites() {
        long now = System.nanoTime();
        clients.forEach(c -> c.cutOffIfStuck(now, writeTimeoutNanos));
    }

    /** Ends every stream (their threads are interrupted and close their exchanges). */
    @Override
    public void close() {
        closed = true;
        watchdog.cancel(false);
        clients.forEach(SseClient::stop);
    }
}
