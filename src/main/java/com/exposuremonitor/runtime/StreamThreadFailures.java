package com.exposuremonitor.runtime;

import com.exposuremonitor.confluent.ConfluentException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the instance does when a stream thread dies. A transient fault (the registry or the broker away for
 * a while) is answered by replacing the thread after a growing backoff, so an outage is not a rebalance
 * storm; too many failures in the window, or a fault no retry will mend (the registry refusing our
 * credentials), shut the client down, and {@link #fatal()} says why for {@code /health}.
 */
public final class StreamThreadFailures implements StreamsUncaughtExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(StreamThreadFailures.class);

    /** Waits on the failed thread; a test passes one that only records. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final ThreadRestarts limits;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Deque<Instant> recent = new ArrayDeque<>();
    private volatile String fatal;
    private long replaced;

    public StreamThreadFailures(ThreadRestarts limits) {
        this(limits, Clock.systemUTC(), d -> Thread.sleep(d.toMillis()));
    }

    StreamThreadFailures(ThreadRestarts limits, Clock clock, Sleeper sleeper) {
        this.limits = limits;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    @Override
    public StreamThreadExceptionResponse handle(Throwable exception) {
        Optional<ConfluentException> refused = ConfluentException.registryFaultIn(exception)
                .filter(ConfluentException.RegistryRefused.class::isInstance);
        if (refused.isPresent()) {
            return giveUp("the schema registry refuses the monitor: " + refused.get().getMessage(), exception);
        }
        if (Thread.currentThread().getName().contains("GlobalStreamThread")) {
            // Kafka Streams cannot replace the thread of the global rules table: it closes the client.
            return giveUp("the global thread (the rules in force) failed: " + rootCause(exception), exception);
        }
        int failures = remember(clock.instant());
        if (failures > limits.maxReplacements()) {
            return giveUp("a stream thread failed " + failures + " times within " + limits.window()
                    + "; last: " + rootCause(exception), exception);
        }
        Duration wait = backoff(failures);
        LOG.warn("stream thread failed ({} of at most {} within {}); replacing it in {}: {}", failures,
                limits.maxReplacements(), limits.window(), wait, rootCause(exception));
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        replacedOne();
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    /** Why the instance stopped processing for good, once it has. */
    public Optional<String> fatal() {
        return Optional.ofNullable(fatal);
    }

    /** Stream threads replaced so far. */
    public synchronized long replaced() {
        return replaced;
    }

    private synchronized void replacedOne() {
        replaced++;
    }

    private synchronized int remember(Instant now) {
        Instant horizon = now.minus(limits.window());
        while (!recent.isEmpty() && !recent.peekFirst().isAfter(horizon)) {
            recent.removeFirst();
        }
        recent.addLast(now);
        return recent.size();
    }

    Duration backoff(int failures) {
        Duration wait = limits.backoff();
        for (int i = 1; i < failures && wait.compareTo(limits.maxBackoff()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(limits.maxBackoff()) > 0 ? limits.maxBackoff() : wait;
    }

    private StreamThreadExceptionResponse giveUp(String why, Throwable exception) {
        fatal = why;
        LOG.error("stopping stream processing for good: {}", why, exception);
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }

    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? e.toString() : e.getClass().getSimpleName() + " caused by " + root;
    }
}
