package com.exposuremonitor.bench;

import java.time.Instant;
import java.util.function.Supplier;

/** Event times of preloaded history: one second apart from a start, so later snapshots always win. */
final class SyntheticClock implements Supplier<Instant> {
    private Instant next;

    SyntheticClock(Instant start) {
        this.next = start;
    }

    @Override
    public Instant get() {
        Instant now = next;
        next = next.plusSeconds(1);
        return now;
    }
}
