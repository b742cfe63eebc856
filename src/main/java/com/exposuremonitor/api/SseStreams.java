package com.exposuremonitor.api;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.avro.generic.IndexedRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server-Sent Event streams, one pooled thread each (at most {@link #MAX_STREAMS}). A client that stops
 * reading falls behind by {@link #BACKLOG} events and is disconnected; a failed write unsubscribes.
 */
final class SseStreams implements AutoCloseable {
    static final int MAX_STREAMS = 64;
    private static final Logger LOG = LoggerFactory.getLogger(SseStreams.class);
    static final int BACKLOG = 1000;
    static final long KEEP_ALIVE_MILLIS = 15_000;

    /** Subscribes a consumer of records to a feed, e.g. {@code feed::subscribeAlerts}. */
    interface Source<T> extends Function<Consumer<T>, Subscription> {
    }

    /** How one record becomes a frame: its event name and id. */
    record Framing<T extends IndexedRecord>(String event, Function<T, String> id) {
    }

    private final ExecutorService pool = new ThreadPoolExecutor(0, MAX_STREAMS, 60, TimeUnit.SECONDS,
            new SynchronousQueue<>(), HttpApi.daemonThreads("api-sse"));
    private final long keepAliveMillis;

    SseStreams(long keepAliveMillis) {
        this.keepAliveMillis = keepAliveMillis;
    }

    /** Starts streaming on a pooled thread; false when every stream thread is taken. */
    <T extends IndexedRecord> boolean start(HttpExchange ex, Source<T> source, Predicate<T> filter,
                                            Framing<T> framing) {
        try {
            pool.execute(() -> stream(ex, source, filter, framing));
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    private <T extends IndexedRecord> void stream(HttpExchange ex, Source<T> source,
                                                  Predicate<T> filter, Framing<T> framing) {
        BlockingQueue<T> queue = new LinkedBlockingQueue<>(BACKLOG);
        AtomicBoolean overflow = new AtomicBoolean();
        Subscription subscription = source.apply(v -> {
            if (filter.test(v) && !queue.offer(v)) {
                overflow.set(true);
            }
        });
        try (OutputStream out = open(ex)) {
            write(out, ": connected\n\n");
            while (!overflow.get()) {
                T next = queue.poll(keepAliveMillis, TimeUnit.MILLISECONDS);
                write(out, next == null ? ": keep-alive\n\n" : frame(framing, next));
            }
        } catch (IOException | InterruptedException e) {
            // the client went away, or the API is closing
        } catch (RuntimeException e) {
            LOG.warn("event stream ended: {}", e.toString());
        } finally {
            subscription.close();
            ex.close();
        }
    }

    private static OutputStream open(HttpExchange ex) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.getResponseHeaders().set("X-Accel-Buffering", "no");
        ex.sendResponseHeaders(200, 0);
        return ex.getResponseBody();
    }

    static <T extends IndexedRecord> String frame(Framing<T> framing, T record) {
        return "event: " + framing.event() + "\nid: " + oneLine(framing.id().apply(record))
                + "\ndata: " + AvroJson.toJson(record) + "\n\n";
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replace('\r', ' ').replace('\n', ' ');
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Ends every stream (their threads are interrupted and close their exchanges). */
    @Override
    public void close() {
        pool.shutdownNow();
    }
}
