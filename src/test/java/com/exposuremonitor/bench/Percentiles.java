package com.exposuremonitor.bench;

import java.util.Arrays;

/** Latency samples in milliseconds and their nearest-rank percentiles. */
final class Percentiles {
    private long[] samples = new long[1024];
    private int size;

    synchronized void add(long ms) {
        if (size == samples.length) {
            samples = Arrays.copyOf(samples, size * 2);
        }
        samples[size++] = ms;
    }

    synchronized int count() {
        return size;
    }

    /** Nearest-rank percentile, q in (0, 100]; -1 without samples. */
    synchronized long percentile(double q) {
        if (size == 0) {
            return -1;
        }
        long[] sorted = Arrays.copyOf(samples, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q / 100.0 * size);
        return sorted[Math.max(0, Math.min(size - 1, rank - 1))];
    }

    long max() {
        return percentile(100);
    }
}
