package com.exposuremonitor.api;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitor's HTTP API on the JDK's HTTP server: JSON queries, SSE streams, health, metrics and the
 * OpenAPI document. Requests run on a fixed pool; each SSE stream holds a thread of a separate bounded pool.
 */
public final class HttpApi implements AutoCloseable {
    public static final int REQUEST_THREADS = 8;
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    private final HttpServer server;
    private final ExecutorService requests;
    private final SseStreams streams;

    private HttpApi(HttpServer server, ExecutorService requests, SseStreams streams) {
        this.server = server;
        this.requests = requests;
        this.streams = streams;
    }

    /**
     * Binds {@code host:port} (port 0: any free port) and starts serving.
     *
     * @param bearerToken when neither null nor empty, every endpoint but {@code /health} requires it
     */
    public static HttpApi start(String host, int port, String bearerToken, ApiBackend backend) throws IOException {
        return start(host, port, bearerToken, backend, Duration.ofMillis(SseStreams.KEEP_ALIVE_MILLIS));
    }

    static HttpApi start(String host, int port, String bearerToken, ApiBackend backend, Duration keepAlive)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 64);
        ExecutorService requests = Executors.newFixedThreadPool(REQUEST_THREADS, daemonThreads("api-http"));
        SseStreams streams = new SseStreams(keepAlive.toMillis());
        server.createContext("/", new Router(backend, new BearerAuth(bearerToken), new Views(new Peers()),
                streams, openApiDocument()));
        server.setExecutor(requests);
        server.start();
        HttpApi api = new HttpApi(server, requests, streams);
        LOG.info("HTTP API on http://{}:{} (bearer token {})", host, api.port(),
                bearerToken == null || bearerToken.isEmpty() ? "off" : "required");
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
        streams.close();
        server.stop(0);
        requests.shutdownNow();
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
