package com.exposuremonitor.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP proxy in front of a schema registry that injects the faults a real network and a real registry
 * show: down (connections refused, by closing the listening socket), 503 answers, 429 with Retry-After,
 * slow answers and 401. A fault applies to the next {@code n} requests ({@link #failNext}) or to all until
 * {@link #heal()}; every injected fault is counted.
 */
public final class FaultyRegistryProxy implements AutoCloseable {
    /** What a request meets. */
    public enum Fault { UNAVAILABLE_503, TOO_MANY_429, SLOW, UNAUTHORIZED_401, SUBJECT_NOT_FOUND_40401 }

    private final String target;
    private final int port;
    private final HttpClient client = HttpClient.newHttpClient();
    private final Map<Fault, AtomicInteger> injected = new EnumMap<>(Fault.class);
    private final AtomicInteger forwarded = new AtomicInteger();
    private volatile HttpServer server;
    private volatile Fault fault;
    private final AtomicInteger remaining = new AtomicInteger();
    private volatile Duration slowness = Duration.ofSeconds(2);
    private volatile int downs;

    private FaultyRegistryProxy(String target, int port) {
        this.target = target.endsWith("/") ? target.substring(0, target.length() - 1) : target;
        this.port = port;
        for (Fault f : Fault.values()) {
            injected.put(f, new AtomicInteger());
        }
    }

    public static FaultyRegistryProxy start(String targetUrl) {
        FaultyRegistryProxy proxy = new FaultyRegistryProxy(targetUrl, freePort());
        proxy.up();
        return proxy;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The next {@code requests} requests meet {@code f}; a negative count means every request, until healed. */
    public void failNext(int requests, Fault f) {
        remaining.set(requests);
        fault = f;
    }

    public void slowBy(Duration delay) {
        slowness = delay;
    }

    public void heal() {
        fault = null;
    }

    /** Closes the listening socket: connections are refused until {@link #up()}. */
    public synchronized void down() {
        if (server != null) {
            server.stop(0);
            server = null;
            downs++;
        }
    }

    public synchronized void up() {
        if (server != null) {
            return;
        }
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
            s.createContext("/", this::handle);
            s.setExecutor(Executors.newCachedThreadPool());
            s.start();
            server = s;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the proxy again on " + port, e);
        }
    }

    public int injected(Fault f) {
        return injected.get(f).get();
    }

    /** Faults injected in all, a down period counted as one. */
    public int injectedTotal() {
        return injected.values().stream().mapToInt(AtomicInteger::get).sum() + downs;
    }

    public int forwarded() {
        return forwarded.get();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            Fault f = take();
            if (f == Fault.SLOW) {
                pause(slowness);
            } else if (f != null) {
                answer(ex, f);
                return;
            }
            forward(ex);
        }
    }

    private Fault take() {
        Fault f = fault;
        if (f == null) {
            return null;
        }
        int left = remaining.getAndDecrement();
        if (left == 0) {
            fault = null;
            return null;
        }
        injected.get(f).incrementAndGet();
        return f;
    }

    private static void answer(HttpExchange ex, Fault f) throws IOException {
        int status = switch (f) {
            case UNAVAILABLE_503 -> 503;
            case TOO_MANY_429 -> 429;
            case UNAUTHORIZED_401 -> 401;
            case SUBJECT_NOT_FOUND_40401 -> 404;
            case SLOW -> throw new IllegalArgumentException("not an answer");
        };
        int code = f == Fault.SUBJECT_NOT_FOUND_40401 ? 40401 : status;
        if (f == Fault.TOO_MANY_429) {
            ex.getResponseHeaders().set("Retry-After", "1");
        }
        byte[] body = ("{\"error_code\":" + code + ",\"message\":\"injected " + f + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private void forward(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + ex.getRequestURI()))
                .method(ex.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        String contentType = ex.getRequestHeaders().getFirst("Content-Type");
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<byte[]> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        forwarded.incrementAndGet();
        response.headers().firstValue("Content-Type").ifPresent(v -> ex.getResponseHeaders().set("Content-Type", v));
        byte[] reply = response.body();
        ex.sendResponseHeaders(response.statusCode(), reply.length == 0 ? -1 : reply.length);
        if (reply.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(reply);
            }
        }
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis()); // the fault being injected is a slow registry
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        down();
    }
}
