package com.exposuremonitor.runtime;

import java.time.Duration;

/**
 * How many times a failed stream thread is replaced before the instance gives up: at most
 * {@code maxReplacements} in any {@code window}, each after a backoff that doubles from {@code backoff}
 * up to {@code maxBackoff}.
 */
public record ThreadRestarts(int maxReplacements, Duration window, Duration backoff, Duration maxBackoff) {

    public ThreadRestarts {
        if (maxReplacements < 0) {
            throw new IllegalArgumentException("thread replacements must not be negative, got " + maxReplacements);
        }
        if (window.isNegative() || window.isZero() || backoff.isNegative() || maxBackoff.compareTo(backoff) < 0) {
            throw new IllegalArgumentException("thread replacement window must be positive and the backoff at most "
                    + "its maximum, got window " + window + ", backoff " + backoff + ", max " + maxBackoff);
        }
    }

    /**
     * Ten replacements in ten minutes, backing off from 1 s to 8 s: rides out a registry or broker outage of
     * a minute or so; a thread that fails for good stops the instance after about a minute of tries. The cap
     * stays under the exactly-once transaction timeout (10 s), as the failed thread still holds its tasks
     * while it waits.
     */
    /** The same budget for each of {@code threads} stream threads: one outage fails them all. */
    public ThreadRestarts perThreads(int threads) {
        return new ThreadRestarts(maxReplacements * Math.max(1, threads), window, backoff, maxBackoff);
    }

    public static ThreadRestarts defaults() {
        return new ThreadRestarts(10, Duration.ofMinutes(10), Duration.ofSeconds(1), Duration.ofSeconds(8));
    }
}
