package com.exposuremonitor.embedded;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An in-process schema registry speaking the Confluent REST API, persisting to a compacted
 * {@code _schemas} topic so that schema ids are stable across restarts. Binds to loopback by default.
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {
    public static final String DEFAULT_TOPIC = "_schemas";

    private final HttpServer server;
    private final ExecutorService executor;
    private final RegistryLog log;

    private EmbeddedSchemaRegistry(HttpServer server, ExecutorService executor, RegistryLog log) {
        this.server = server;
        this.executor = executor;
        this.log = log;
    }

    public static EmbeddedSchemaRegistry start(String bootstrapServers, int port) {
        return start(bootstrapServers, InetAddress.getLoopbackAddress().getHostAddress(), port, DEFAULT_TOPIC);
    }

    public static EmbeddedSchemaRegistry start(String bootstrapServers, String host, int port, String topic) {
        return start(new KafkaRegistryLog(bootstrapServers, topic), host, port);
    }

    /** A registry that keeps its schemas in memory only: for unit tests that need no broker. */
    public static EmbeddedSchemaRegistry inMemory() {
        return start(new InMemoryRegistryLog(), InetAddress.getLoopbackAddress().getHostAddress(), 0);
    }

    private static EmbeddedSchemaRegistry start(RegistryLog log, String host, int port) {
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread thread = new Thread(r, "schema-registry-http");
            thread.setDaemon(true);
            return thread;
        });
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 64);
            server.createContext("/", new RegistryHttpHandler(new SchemaStore(log)));
            server.setExecutor(executor);
            server.start();
            return new EmbeddedSchemaRegistry(server, executor, log);
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

    public String url() {
        InetSocketAddress address = server.getAddress();
        return "http://" + address.getHostString() + ":" + address.getPort();
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
