package com.exposuremonitor.api;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitor's HTTP API on the JDK's HTTP server (HTTPS with a keystore): JSON queries, SSE streams,
 * health, metrics and the OpenAPI document. Requests run on a fixed pool, each within a time limit and a
 * body size limit; each SSE stream has a thread of its own, up to a limit that only new streams run into.
 */
public final class HttpApi implements AutoCloseable {
    public static final int REQUEST_THREADS = 8;
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    private final HttpServer server;
    private final ExecutorService requests;
    private final ScheduledThreadPoolExecutor timer;
    private final SseStreams streams;
    private final SseMetrics metrics;

    private HttpApi(HttpServer server, ExecutorService requests, ScheduledThreadPoolExecutor timer,
                    SseStreams streams, SseMetrics metrics) {
        this.server = server;
        this.requests = requests;
        this.timer = timer;
        this.streams = streams;
        this.metrics = metrics;
    }

    /**
     * Binds {@code host:port} (port 0: any free port) and starts serving, with the default limits.
     *
     * @param bearerToken when neither null nor empty, every endpoint but {@code /health} requires it
     */
    public static HttpApi start(String host, int port, String bearerToken, ApiBackend backend) throws IOException {
        return start(host, port, bearerToken, backend, HttpSettings.defaults());
    }

    public static HttpApi start(String host, int port, String bearerToken, ApiBackend backend,
                                HttpSettings settings) throws IOException {
        return start(host, port, bearerToken, backend, settings, Duration.ofMillis(SseStreams.KEEP_ALIVE_MILLIS));
    }

    static HttpApi start(String host, int port, String bearerToken, ApiBackend backend, Duration keepAlive)
            throws IOException {
        return start(host, port, bearerToken, backend, HttpSettings.defaults(), keepAlive);
    }

    static HttpApi start(String host, int port, String bearerToken, ApiBackend backend, HttpSettings settings,
                         Duration keepAlive) throws IOException {
        // A connection backlog as long as the stream limit: dashboards reconnect all at once after a restart.
        HttpServer server = Transport.bind(new InetSocketAddress(host, port), Math.max(64, settings.maxStreams()),
                settings);
        ExecutorService requests = Executors.newFixedThreadPool(REQUEST_THREADS, daemonThreads("api-http"));
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemonThreads("api-timer"));
        timer.setRemoveOnCancelPolicy(true); // a deadline is cancelled by nearly every request
        SseStreams streams = new SseStreams(settings, keepAlive, timer);
        RequestLimits limits = new RequestLimits(timer, settings.requestTimeout(), settings.maxBodyBytes());
        Views views = new Views(new Peers(Transport.scheme(settings)));
        server.createContext("/", new Router(backend, new BearerAuth(bearerToken), views, streams, openApiDocument(),
                limits));
        server.setExecutor(requests);
        server.start();
        HttpApi api = new HttpApi(server, requests, timer, streams, SseMetrics.bind(backend.metrics(), streams));
        LOG.info("HTTP API on {}://{}:{} (bearer token {}; {})", Transport.scheme(settings), host, api.port(),
                bearerToken == null || bearerToken.isEmpty() ? "off" : "required", settings);
        return api;
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        metrics.close();
        streams.close();
        server.stop(0);
        requests.shutdownNow();
        timer.shutdownNow();
    }

    static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static byte[] openApiDocument() throws IOException {
        try (InputStream in = HttpApi.class.getResourceAsStream("/openapi.json")) {
            return in == null ? null : in.readAllBytes();
        }
    }
}
