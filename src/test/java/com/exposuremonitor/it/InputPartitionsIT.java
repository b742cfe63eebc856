package com.exposuremonitor.it;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.exposuremonitor.runtime.Monitor;
import com.exposuremonitor.runtime.MonitorSettings;
import com.exposuremonitor.testing.EmbeddedKafkaExtension;
import com.exposuremonitor.topology.TopicNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** On a real broker, the monitor refuses input topics of unequal partition counts, naming them. */
class InputPartitionsIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension CLUSTER = new EmbeddedKafkaExtension();

    @TempDir
    Path stateDir;

    @Test
    void startUpRefusesInputTopicsWithUnequalPartitionCountsAndNamesThem() throws Exception {
        String prefix = "pc" + UUID.randomUUID().toString().substring(0, 6) + ".";
        TopicNames names = TopicNames.withPrefix(prefix);
        try (Admin admin = CLUSTER.kafka().admin()) {
            admin.createTopics(List.of(new NewTopic(names.financings(), 3, (short) 1),
                    new NewTopic(names.gpuDeliveries(), 3, (short) 1),
                    new NewTopic(names.revenueReports(), 2, (short) 1),
                    new NewTopic(names.paymentDelays(), 3, (short) 1))).all().get();
        }
        MonitorSettings settings = new MonitorSettings(CLUSTER.bootstrapServers(), CLUSTER.registryUrl(),
                "pc-" + prefix, stateDir, "127.0.0.1", 0, prefix, 3, (short) 1, true, "exactly_once_v2", 100,
                Duration.ofHours(1), 0, 1, null, Map.of());
        assertThatThrownBy(() -> Monitor.start(settings).close())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("equal partition counts")
                .hasMessageContaining(names.revenueReports() + "=2")
                .hasMessageContaining(names.financings() + "=3");
    }
}
