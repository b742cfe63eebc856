package com.exposuremonitor.bench;

/** {@code records} processed in {@code seconds}. */
record Rate(String name, long records, double seconds) {
    double perSecond() {
        return seconds <= 0 ? 0 : records / seconds;
    }

    static Rate between(String name, long records, long startNanos, long endNanos) {
        return new Rate(name, records, (endNanos - startNanos) / 1e9);
    }
}
