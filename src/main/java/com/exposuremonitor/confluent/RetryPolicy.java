package com.exposuremonitor.confluent;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Bounded retries for registry calls. Connection failures, timeouts, 5xx and 429 answers are retried with
 * a doubling backoff (a 429's {@code Retry-After} is honoured up to {@code maxBackoff}); when the attempts
 * run out the registry is {@link ConfluentException.RegistryUnavailable unavailable}. Any other answer is the
 * registry's final word and is returned as it is. With several registry URLs every attempt goes to the
 * client's current URL, which moves on after a connection failure or a 5xx: failover happens within these
 * attempts, not on top of them.
 *
 * <p>The whole budget stays a few seconds: a stream thread that waits here holds its transaction open,
 * so a longer outage is better answered by failing the task and retrying it (see the runtime's
 * thread-failure policy) than by blocking.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration requestTimeout) {
    /**
     * 3 attempts of at most 3 s, 200 ms then 400 ms apart (1 s cap): under 10 s in all, the exactly-once
     * transaction timeout, so a stream thread waiting here never outlives its transaction.
     */
    public static final RetryPolicy DEFAULT =
            new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofSeconds(3));

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1");
        }
    }

    public RetryPolicy(int maxAttempts, Duration initialBackoff, Duration requestTimeout) {
        this(maxAttempts, initialBackoff, initialBackoff.multipliedBy(1L << Math.min(maxAttempts, 20)),
                requestTimeout);
    }

    /** A call that may fail with an I/O error. */
    @FunctionalInterface
    public interface Call<T> {
        T run() throws IOException, InterruptedException;
    }

    <T> HttpResponse<T> call(Call<HttpResponse<T>> call, String what) {
        return call(call, what, () -> { });
    }

    /** As {@link #call(Call, String)}, telling {@code onRetry} before each retry. */
    <T> HttpResponse<T> call(Call<HttpResponse<T>> call, String what, Runnable onRetry) {
        long backoff = initialBackoff.toMillis();
        String last = null;
        Exception lastError = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            long wait = backoff;
            try {
                HttpResponse<T> response = call.run();
                if (!retriable(response.statusCode())) {
                    return response;
                }
                last = "HTTP " + response.statusCode();
                lastError = null;
                wait = retryAfterMillis(response).orElse(backoff);
            } catch (IOException e) {
                last = e.toString();
                lastError = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConfluentException.RegistryUnavailable(what + " interrupted", e);
            }
            if (attempt < maxAttempts) {
                onRetry.run();
                pause(Math.min(wait, maxBackoff.toMillis()), what);
                backoff = Math.min(backoff * 2, maxBackoff.toMillis());
            }
        }
        throw new ConfluentException.RegistryUnavailable(
                what + " failed after " + maxAttempts + " attempts, last: " + last, lastError);
    }

    static boolean retriable(int status) {
        return status >= 500 || status == 429 || status == 408;
    }

    /** Retry-After in seconds (the HTTP-date form is not used by registries and is ignored). */
    private static Optional<Long> retryAfterMillis(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(v -> {
            try {
                return Optional.of(Math.max(0, Long.parseLong(v.trim())) * 1000);
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    private static void pause(long millis, String what) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfluentException.RegistryUnavailable(what + " interrupted", e);
        }
    }
}
