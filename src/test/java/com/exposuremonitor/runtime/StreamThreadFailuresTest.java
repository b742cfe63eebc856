package com.exposuremonitor.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.exposuremonitor.confluent.ConfluentException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

/** Failed stream threads are replaced after a growing backoff, within a limit per window, then the instance stops. */
class StreamThreadFailuresTest {
    private static final ThreadRestarts LIMITS =
            new ThreadRestarts(3, Duration.ofMinutes(10), Duration.ofSeconds(1), Duration.ofSeconds(3));

    private final MutableClock clock = new MutableClock();
    private final List<Duration> waits = new ArrayList<>();
    private final StreamThreadFailures failures = new StreamThreadFailures(LIMITS, clock, waits::add);

    @Test
    void replacesWithADoublingCappedBackoffThenStopsWithTheCause() {
        RuntimeException boom = new StreamsException("task 0_1 failed", new IllegalStateException("boom"));
        for (int i = 0; i < 3; i++) {
            assertThat(failures.handle(boom)).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
            clock.advance(Duration.ofSeconds(5));
        }
        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3));
        assertThat(failures.fatal()).isEmpty();
        assertThat(failures.handle(boom)).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
        assertThat(failures.fatal()).hasValueSatisfying(why -> assertThat(why)
                .contains("failed 4 times within PT10M").contains("boom"));
        assertThat(failures.replaced()).isEqualTo(3);
    }

    @Test
    void failuresOlderThanTheWindowAreForgotten() {
        RuntimeException boom = new IllegalStateException("boom");
        for (int i = 0; i < 10; i++) {
            assertThat(failures.handle(boom)).as("failure %d, one every 6 minutes", i + 1)
                    .isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
            clock.advance(Duration.ofMinutes(6));
        }
        assertThat(waits).as("never more than two in the window").allMatch(w -> w.compareTo(Duration.ofSeconds(2)) <= 0);
    }

    @Test
    void aRegistryThatRefusesUsStopsTheInstanceAtOnce() {
        RuntimeException refused = new StreamsException("failed",
                new ConfluentException.RegistryRefused(401, "injected; check the schema registry credentials"));
        assertThat(failures.handle(refused)).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
        assertThat(waits).isEmpty();
        assertThat(failures.fatal()).hasValueSatisfying(why -> assertThat(why).contains("HTTP 401"));
    }

    @Test
    void theGlobalThreadCannotBeReplacedSoTheInstanceStopsAndSaysWhy() throws Exception {
        java.util.concurrent.atomic.AtomicReference<StreamThreadExceptionResponse> answer =
                new java.util.concurrent.atomic.AtomicReference<>();
        Thread global = new Thread(() -> answer.set(failures.handle(new IllegalStateException("registry away"))),
                "app-GlobalStreamThread");
        global.start();
        global.join();
        assertThat(answer.get()).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
        assertThat(failures.fatal()).hasValueSatisfying(why -> assertThat(why).contains("global thread")
                .contains("registry away"));
        assertThat(waits).isEmpty();
    }

    @Test
    void theBudgetScalesWithTheStreamThreads() {
        assertThat(LIMITS.perThreads(4).maxReplacements()).isEqualTo(12);
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-12-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
