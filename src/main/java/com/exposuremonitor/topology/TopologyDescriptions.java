package com.exposuremonitor.topology;

import com.exposuremonitor.confluent.SchemaRegistryClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code describe()} text of every topology, as committed under {@code topologies/}. Names of
 * processors, stores and changelogs are part of the contract with a running deployment (renaming a
 * store loses its state), so a test compares these files and fails when they drift.
 */
public final class TopologyDescriptions {
    public static final Path DEFAULT_DIR = Path.of("topologies");

    private TopologyDescriptions() {
    }

    /** File name (without .txt) to description, built with default topic names; no registry call is made. */
    public static Map<String, String> all() {
        Topics topics = new Topics(TopicNames.defaults(), new SchemaRegistryClient("http://127.0.0.1:1"));
        Map<String, String> out = new LinkedHashMap<>();
        out.put("exposure", ExposureTopology.buildExposureTopology(topics, ExposureTopology.DEFAULT_CLOCK_INTERVAL)
                .describe().toString());
        out.put("alerts", AlertTopology.buildAlertTopology(topics).describe().toString());
        out.put("views", com.exposuremonitor.topology.views.ViewsTopology.buildViewsTopology(topics,
                com.exposuremonitor.topology.views.ViewsTopology.defaultSystemicThreshold()).describe().toString());
        out.put("analytics", AnalyticsTopology.buildAnalyticsTopology(topics, AnalyticsTopology.DEFAULT_GRACE)
                .describe().toString());
        out.put("monitor", MonitorTopology.buildMonitorTopology(topics, ExposureTopology.DEFAULT_CLOCK_INTERVAL)
                .describe().toString());
        return out;
    }

    public static void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, String> e : all().entrySet()) {
            Files.writeString(dir.resolve(e.getKey() + ".txt"), e.getValue());
        }
    }
}
