package com.exposuremonitor.cli;

import com.exposuremonitor.embedded.EmbeddedKafka;
import com.exposuremonitor.embedded.EmbeddedSchemaRegistry;
import com.exposuremonitor.replay.EventPublisher;
import com.exposuremonitor.replay.Scenario;
import com.exposuremonitor.runtime.Monitor;
import com.exposuremonitor.runtime.MonitorSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.avro.specific.SpecificRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Everything in one process: an embedded KRaft broker and schema registry, the monitor with its HTTP
 * API, and the bundled scenario replayed so that it ends today. Serves until Ctrl-C.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the monitor on an embedded broker and registry with the bundled scenario.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--http-port", defaultValue = "${env:EM_HTTP_PORT:-8080}",
            description = "HTTP API port (env EM_HTTP_PORT, default ${DEFAULT-VALUE}; 0 = any free port).")
    int httpPort;

    @Option(names = "--data-dir", defaultValue = "${env:EM_DEMO_DATA_DIR:-}",
            description = "Where the broker and state live; empty = a fresh temporary directory (env EM_DEMO_DATA_DIR).")
    String dataDir;

    @Option(names = "--clock-interval", defaultValue = "${env:EM_CLOCK_INTERVAL:-PT1M}",
            description = "Delinquency clock period (env EM_CLOCK_INTERVAL, default ${DEFAULT-VALUE}).")
    Duration clockInterval;

    @Option(names = "--api-token", defaultValue = "${env:EM_API_TOKEN:-}",
            description = "Bearer token for the HTTP API; empty = none (env EM_API_TOKEN).")
    String apiToken;

    @Override
    public Integer call() throws Exception {
        ShutdownSignal shutdown = new ShutdownSignal();
        Path data = dataDir.isBlank() ? Files.createTempDirectory("exposure-demo-") : Path.of(dataDir);
        System.out.println("exposure-monitor demo: starting an embedded Kafka broker and schema registry in " + data);
        try (EmbeddedKafka kafka = EmbeddedKafka.start(data.resolve("kafka"));
             EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(kafka.bootstrapServers(), 0);
             Monitor monitor = Monitor.start(settings(kafka, registry, data));
             DemoSummary summary = new DemoSummary(System.out, monitor)) {
            System.out.println("  Kafka            " + kafka.bootstrapServers());
            System.out.println("  Schema registry  " + registry.url());
            System.out.println("  HTTP API         " + monitor.url() + "   try: curl " + monitor.url() + "/operators");
            System.out.println("  Live feed (SSE)  " + monitor.url() + "/feed   alerts: " + monitor.url() + "/alerts/stream");
            replayScenario(monitor);
            System.out.println("Ctrl-C to stop");
            shutdown.awaitRequest();
            summary.printOperators();
        } finally {
            System.out.println("exposure-monitor demo stopped");
            shutdown.completed();
            if (dataDir.isBlank()) {
                deleteQuietly(data);
            }
        }
        return 0;
    }

    private MonitorSettings settings(EmbeddedKafka kafka, EmbeddedSchemaRegistry registry, Path data) {
        return new MonitorSettings(kafka.bootstrapServers(), registry.url(), "exposure-monitor-demo",
                data.resolve("state"), "127.0.0.1", httpPort, "em.", 3, (short) 1, true, "exactly_once_v2", 100,
                clockInterval, 0, 1, apiToken.isBlank() ? null : apiToken, Map.of());
    }

    /** The story ends in October 2026; it is moved by whole months so that its last event is recent. */
    private static void replayScenario(Monitor monitor) {
        List<SpecificRecord> events = Scenario.endingBy(Scenario.aiDatacenters().records(), Instant.now());
        try (EventPublisher publisher = new EventPublisher(monitor.settings().bootstrapServers(), Map.of(),
                monitor.topics())) {
            events.forEach(publisher::send);
            publisher.flush();
        }
        System.out.println("replayed the bundled scenario: " + events.size()
                + " events (financings, GPU deliveries, revenue reports, payment delays)");
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }
}
