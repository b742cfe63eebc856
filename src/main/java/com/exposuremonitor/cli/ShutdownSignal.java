package com.exposuremonitor.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (SIGINT/SIGTERM) handling that lets the main thread close everything before the JVM exits:
 * the hook wakes the main thread, then waits until it reports that shutdown is complete.
 */
final class ShutdownSignal {
    private final CountDownLatch requested = new CountDownLatch(1);
    private final CountDownLatch completed = new CountDownLatch(1);

    ShutdownSignal() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            requested.countDown();
            try {
                completed.await(45, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "shutdown"));
    }

    void awaitRequest() throws InterruptedException {
        requested.await();
    }

    void completed() {
        completed.countDown();
    }
}
