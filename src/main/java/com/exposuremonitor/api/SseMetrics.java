package com.exposuremonitor.api;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;

/** The SSE figures in the backend's registry (what /metrics shows): open streams and dropped clients. */
final class SseMetrics implements AutoCloseable {
    private final MeterRegistry registry;
    private final List<Meter> meters;

    private SseMetrics(MeterRegistry registry, List<Meter> meters) {
        this.registry = registry;
        this.meters = meters;
    }

    /** Nothing to bind when the backend has no registry. */
    static SseMetrics bind(MeterRegistry registry, SseStreams streams) {
        if (registry == null) {
            return new SseMetrics(null, List.of());
        }
        String dropped = "SSE clients disconnected for being too slow to read";
        return new SseMetrics(registry, List.of(
                Gauge.builder("em.sse.clients", streams, SseStreams::openStreams)
                        .description("open SSE streams").register(registry),
                FunctionCounter.builder("em.sse.dropped", streams, SseStreams::droppedOnTimeout)
                        .tag("reason", "write_timeout").description(dropped).register(registry),
                FunctionCounter.builder("em.sse.dropped", streams, SseStreams::droppedOnBacklog)
                        .tag("reason", "backlog_full").description(dropped).register(registry)));
    }

    /** A later API on the same registry gets its own meters, not these (which would read a closed one). */
    @Override
    public void close() {
        if (registry != null) {
            meters.forEach(registry::remove);
        }
    }
}
