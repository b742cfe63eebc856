package com.exposuremonitor.embedded;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An in-process schema registry speaking the Confluent REST API, persisting to a compacted
 * {@code _schemas} topic so that schema ids are stable across restarts. Binds to loopback by default; may
 * require credentials and serve HTTPS ({@link RegistrySecurity}).
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {
    public static final String DEFAULT_TOPIC = "_schemas";

    private final HttpServer server;
    private final ExecutorService executor;
    private final RegistryLog log;
    private final boolean https;

    private EmbeddedSchemaRegistry(HttpServer server, ExecutorService executor, RegistryLog log, boolean https) {
        this.server = server;
        this.executor = executor;
        this.log = log;
        this.https = https;
    }

    public static EmbeddedSchemaRegistry start(String bootstrapServers, int port) {
        return start(bootstrapServers, InetAddress.getLoopbackAddress().getHostAddress(), port, DEFAULT_TOPIC);
    }

    public static EmbeddedSchemaRegistry start(String bootstrapServers, String host, int port, String topic) {
        return start(bootstrapServers, host, port, topic, RegistrySecurity.none());
    }

    /** A registry on its own topic (two registries on one broker need two), demanding what security says. */
    public static EmbeddedSchemaRegistry start(String bootstrapServers, String host, int port, String topic,
                                               RegistrySecurity security) {
        return start(new KafkaRegistryLog(bootstrapServers, topic), host, port, security);
    }

    /** A registry that keeps its schemas in memory only: for unit tests that need no broker. */
    public static EmbeddedSchemaRegistry inMemory() {
        return inMemory(RegistrySecurity.none());
    }

    public static EmbeddedSchemaRegistry inMemory(RegistrySecurity security) {
        return start(new InMemoryRegistryLog(), InetAddress.getLoopbackAddress().getHostAddress(), 0, security);
    }

    private static EmbeddedSchemaRegistry start(RegistryLog log, String host, int port, RegistrySecurity security) {
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread thread = new Thread(r, "schema-registry-http");
            thread.setDaemon(true);
            return thread;
        });
        try {
            HttpServer server = bind(new InetSocketAddress(host, port), security);
            server.createContext("/", new RegistryHttpHandler(new SchemaStore(log))).getFilters()
                    .add(new RegistryAuthFilter(security));
            server.setExecutor(executor);
            server.start();
            return new EmbeddedSchemaRegistry(server, executor, log, security.tls());
        } catch (IOException e) {
            log.close();
            executor.shutdownNow();
            throw new UncheckedIOException("cannot bind schema registry to " + host + ":" + port, e);
        } catch (RuntimeException e) {
            log.close();
            executor.shutdownNow();
            throw e;
        }
    }

    private static HttpServer bind(InetSocketAddress address, RegistrySecurity security) throws IOException {
        if (!security.tls()) {
            return HttpServer.create(address, 64);
        }
        HttpsServer server = HttpsServer.create(address, 64);
        server.setHttpsConfigurator(security.httpsConfigurator());
        return server;
    }

    public String url() {
        InetSocketAddress address = server.getAddress();
        return (https ? "https://" : "http://") + address.getHostString() + ":" + address.getPort();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        log.close();
    }
}
