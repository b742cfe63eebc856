package com.exposuremonitor.bench;

/**
 * A throughput measured in a steady window: progress samples (time, records done) are taken all along,
 * and the rate is the slope from the first sample that is both past the warm-up time and past
 * {@link #FROM} of the records, to the last sample before {@link #TO} of them. Start-up, restore,
 * rebalance and JIT warm-up (C2 compiles for tens of seconds on two cores) are left out, and so is the
 * ragged end of a run.
 */
final class Steady {
    static final double FROM = 0.1;
    static final double TO = 0.95;

    private final long total;
    private final long warmupNanos;
    /** The first sample's time: the warm-up counts from it. */
    private long first = Long.MIN_VALUE;
    private long t1;
    private long c1 = -1;
    private long t2;
    private long c2 = -1;

    Steady(long total, double warmupSeconds) {
        this.total = total;
        this.warmupNanos = (long) (warmupSeconds * 1e9);
    }

    void sample(long nanos, long done) {
        if (first == Long.MIN_VALUE) {
            first = nanos;
        }
        if (c1 < 0 && done >= FROM * total && nanos - first >= warmupNanos) {
            t1 = nanos;
            c1 = done;
        }
        if (c1 >= 0 && done <= TO * total) {
            t2 = nanos;
            c2 = done;
        }
    }

    /** The steady rate; fails when the run ended before a window could be seen. */
    Rate rate(String name) {
        if (c1 < 0 || c2 <= c1 || t2 <= t1) {
            throw new IllegalStateException(name + ": no steady window after " + warmupNanos / 1_000_000_000
                    + " s of warm-up (" + c1 + ".." + c2 + " of " + total + " records); send more events");
        }
        Rate rate = Rate.between(name, c2 - c1, t1, t2);
        if (rate.records() < 200_000 && rate.seconds() < 60) {
            System.out.printf("bench: %s steady window is short (%,d records in %.1f s; wanted >= 200,000 or "
                    + ">= 60 s): use the full sizes for the figures that count%n", name, rate.records(), rate.seconds());
        }
        return rate;
    }
}
