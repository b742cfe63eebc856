package com.exposuremonitor.api;

import java.io.IOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One SSE client: the events waiting for it and the write in progress. Writes block (the JDK server's
 * channels are blocking), so a watchdog interrupts a write that has taken too long; interrupting a thread
 * blocked on a socket channel closes that channel, which is what frees the thread from a client that
 * stopped reading.
 */
final class SseClient<T> {
    /** Something that writes to the client and may block. */
    interface Write {
        void run() throws IOException;
    }

    private final Thread thread = Thread.currentThread();
    private final BlockingQueue<T> backlog;
    private volatile boolean overflowed;
    private boolean writing; // guarded by this
    private long writeStarted; // System.nanoTime(); guarded by this
    private boolean cutOff; // guarded by this

    /** Made on the thread that streams to the client: that is the thread the watchdog interrupts. */
    SseClient(int backlog) {
        this.backlog = new LinkedBlockingQueue<>(backlog);
    }

    /** Called on the feed's thread: never blocks; a full backlog marks the client for dropping. */
    void offer(T value) {
        if (!backlog.offer(value)) {
            overflowed = true;
        }
    }

    boolean overflowed() {
        return overflowed;
    }

    T next(long waitMillis) throws InterruptedException {
        return backlog.poll(waitMillis, TimeUnit.MILLISECONDS);
    }

    void write(Write write) throws IOException {
        synchronized (this) {
            writing = true;
            writeStarted = System.nanoTime();
        }
        try {
            write.run();
        } finally {
            synchronized (this) {
                writing = false;
            }
        }
    }

    /**
     * The watchdog's check. Under the same lock as the end of a write, so a write that has just finished
     * is never cut off.
     */
    synchronized void cutOffIfStuck(long now, long timeoutNanos) {
        if (writing && !cutOff && now - writeStarted > timeoutNanos) {
            cutOff = true;
            thread.interrupt();
        }
    }

    synchronized boolean cutOff() {
        return cutOff;
    }

    /** Ends the stream whatever it is doing (the API is closing). */
    void stop() {
        thread.interrupt();
    }
}
