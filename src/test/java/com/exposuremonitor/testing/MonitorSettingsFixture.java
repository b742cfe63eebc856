package com.exposuremonitor.testing;

import com.exposuremonitor.runtime.MonitorSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** Settings of a monitor on the embedded cluster, with its own topic prefix and application id. */
public final class MonitorSettingsFixture {
    private MonitorSettingsFixture() {
    }

    public static MonitorSettings onCluster(EmbeddedKafkaExtension cluster, Path stateDir, int httpPort) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        return new MonitorSettings(cluster.bootstrapServers(), cluster.registryUrl(), "monitor-" + run, stateDir,
                "127.0.0.1", httpPort, "t" + run + ".", 3, (short) 1, true, "exactly_once_v2", 100,
                Duration.ofHours(1), 0, 1, null, Map.of());
    }
}
