package com.exposuremonitor.api;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The time limit of one request, on the thread that handles it. When it passes, that thread is interrupted:
 * this ends a blocking socket read or write (the JDK closes an interrupted channel, so a client too slow to
 * send its request or to read its answer loses the connection) and any interruptible wait (a peer's answer,
 * a store retry's pause). A handler that still gets to answer is turned into a 503 by {@link #check()}. A
 * lookup that ignores interrupts would answer late (with 503); the backends' lookups are local store reads
 * and peer calls with their own 5 s timeouts, below the default limit.
 */
final class Deadline implements AutoCloseable {
    private static final ThreadLocal<Deadline> CURRENT = new ThreadLocal<>();
    private final Thread thread = Thread.currentThread();
    private final Duration limit;
    private final ScheduledFuture<?> expiry;
    private boolean running = true; // guarded by this
    private boolean expired; // guarded by this

    /** The request's answer came too late; the handler answers 503 with this message instead. */
    static final class Exceeded extends IOException {
        Exceeded(Duration limit) {
            super("the request took longer than its limit of " + limit.toMillis() + " ms");
        }
    }

    private Deadline(ScheduledExecutorService timer, Duration limit) {
        this.limit = limit;
        this.expiry = timer.schedule(this::expire, limit.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Starts the clock for a request handled on the calling thread. */
    static Deadline start(ScheduledExecutorService timer, Duration limit) {
        Deadline deadline = new Deadline(timer, limit);
        CURRENT.set(deadline);
        return deadline;
    }

    /** Called before a response is sent: throws when the calling thread's request is out of time. */
    static void check() throws Exceeded {
        Deadline deadline = CURRENT.get();
        if (deadline != null && deadline.expired()) {
            throw new Exceeded(deadline.limit);
        }
    }

    Exceeded exceeded() {
        return new Exceeded(limit);
    }

    synchronized boolean expired() {
        return expired;
    }

    /** Under the same lock as {@link #close()}, so a thread that has moved on is never interrupted. */
    private synchronized void expire() {
        if (running) {
            expired = true;
            thread.interrupt();
        }
    }

    /** Stops the clock and clears its interrupt, so the thread may still write a 503 and serve others. */
    @Override
    public void close() {
        expiry.cancel(false);
        boolean interrupted;
        synchronized (this) {
            running = false;
            interrupted = expired;
        }
        if (interrupted) {
            Thread.interrupted();
        }
        CURRENT.remove();
    }
}
