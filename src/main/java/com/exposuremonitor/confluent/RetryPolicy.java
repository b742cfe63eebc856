package com.exposuremonitor.confluent;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Bounded retries for registry calls: connection failures and 5xx answers are retried with a doubling
 * backoff; anything else is the registry's final word.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration requestTimeout) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(10));

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1");
        }
    }

    /** A call that may fail with an I/O error. */
    @FunctionalInterface
    public interface Call<T> {
        T run() throws IOException, InterruptedException;
    }

    <T> HttpResponse<T> call(Call<HttpResponse<T>> call, String what) {
        long backoff = initialBackoff.toMillis();
        Exception last = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            try {
                HttpResponse<T> response = call.run();
                if (response.statusCode() < 500 || attempt == maxAttempts) {
                    return response;
                }
                last = new IOException("HTTP " + response.statusCode());
            } catch (IOException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConfluentException.RegistryUnavailable(what + " interrupted", e);
            }
            if (attempt < maxAttempts) {
                pause(backoff, what);
                backoff *= 2;
            }
        }
        throw new ConfluentException.RegistryUnavailable(
                what + " failed after " + maxAttempts + " attempts: " + last, last);
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
