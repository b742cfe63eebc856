package com.exposuremonitor.api;

import java.time.Duration;

/**
 * Limits and transport of the HTTP API. {@link #toString()} never shows the keystore password.
 *
 * @param maxStreams          SSE streams open at once; one more gets 503 (other endpoints never do)
 * @param streamBacklog       events queued for one SSE client before it is dropped as too slow
 * @param writeTimeout        a write to an SSE client blocked this long drops that client
 * @param requestTimeout      how long one request may take, reading its body and writing its answer included
 * @param maxBodyBytes        larger request bodies get 413 (no endpoint takes a body)
 * @param tlsKeystore         PKCS12 file with the server's key and certificate; empty: plain HTTP
 * @param tlsKeystorePassword password of that keystore (a secret)
 */
public record HttpSettings(int maxStreams, int streamBacklog, Duration writeTimeout, Duration requestTimeout,
                           long maxBodyBytes, String tlsKeystore, String tlsKeystorePassword) {
    public static final int MAX_STREAMS = 256;
    public static final int STREAM_BACKLOG = 1000;
    public static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    public static final long MAX_BODY_BYTES = 65_536;

    public HttpSettings {
        positive("max streams", maxStreams);
        positive("stream backlog", streamBacklog);
        positive("write timeout", writeTimeout);
        positive("request timeout", requestTimeout);
        if (maxBodyBytes < 0) {
            throw new IllegalArgumentException("max body bytes must not be negative, got " + maxBodyBytes);
        }
        tlsKeystore = tlsKeystore == null ? "" : tlsKeystore;
        tlsKeystorePassword = tlsKeystorePassword == null ? "" : tlsKeystorePassword;
    }

    public static HttpSettings defaults() {
        return new HttpSettings(MAX_STREAMS, STREAM_BACKLOG, WRITE_TIMEOUT, REQUEST_TIMEOUT, MAX_BODY_BYTES, "", "");
    }

    public boolean tls() {
        return !tlsKeystore.isEmpty();
    }

    public HttpSettings withTls(String keystore, String password) {
        return new HttpSettings(maxStreams, streamBacklog, writeTimeout, requestTimeout, maxBodyBytes, keystore,
                password);
    }

    @Override
    public String toString() {
        return "HttpSettings[maxStreams=" + maxStreams + ", streamBacklog=" + streamBacklog + ", writeTimeout="
                + writeTimeout + ", requestTimeout=" + requestTimeout + ", maxBodyBytes=" + maxBodyBytes
                + ", tlsKeystore=" + (tls() ? tlsKeystore : "none") + ", tlsKeystorePassword="
                + (tlsKeystorePassword.isEmpty() ? "none" : "[hidden]") + "]";
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    private static void positive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
