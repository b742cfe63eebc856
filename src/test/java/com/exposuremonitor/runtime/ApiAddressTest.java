package com.exposuremonitor.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.exposuremonitor.api.HttpSettings;
import com.exposuremonitor.topology.ExposureTopology;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The address an instance advertises to its peers, and the warning about an API open to the network. */
class ApiAddressTest {
    private static final Supplier<String> NO_LOOKUP = () -> {
        throw new AssertionError("the hostname is only needed for a wildcard bind address");
    };

    @TempDir
    Path stateDir;

    @Test
    void aConfiguredAdvertisedHostWins() {
        assertThat(ApiAddress.advertised("monitor", "0.0.0.0", NO_LOOKUP)).isEqualTo("monitor");
        assertThat(ApiAddress.advertised(" peer-2 ", "10.0.0.5", NO_LOOKUP)).isEqualTo("peer-2");
    }

    @Test
    void otherwiseTheBindHostUnlessItMeansEveryInterface() {
        assertThat(ApiAddress.advertised(null, "127.0.0.1", NO_LOOKUP)).isEqualTo("127.0.0.1");
        assertThat(ApiAddress.advertised("", "10.0.0.5", NO_LOOKUP)).isEqualTo("10.0.0.5");
        assertThat(ApiAddress.advertised(null, "0.0.0.0", () -> "node-7")).isEqualTo("node-7");
        assertThat(ApiAddress.advertised(null, "::", () -> "node-7")).isEqualTo("node-7");
    }

    @Test
    void aWildcardBindNeverAdvertisesLocalhost() {
        assertThatThrownBy(() -> ApiAddress.advertised(null, "0.0.0.0", () -> "localhost"))
                .hasMessageContaining("--advertised-host").hasMessageContaining("EM_ADVERTISED_HOST");
        assertThatThrownBy(() -> ApiAddress.advertised(null, "0.0.0.0", () -> null))
                .hasMessageContaining("--advertised-host");
    }

    @Test
    void theAdvertisedHostIsKafkaStreamsApplicationServer() {
        MonitorSettings settings = settings("0.0.0.0", null).withHttpPort(8080);
        MonitorSettings advertised = new MonitorSettings(settings.bootstrapServers(), settings.schemaRegistryUrl(),
                settings.applicationId(), stateDir, "0.0.0.0", 8080, "em.", 3, (short) 1, true, "exactly_once_v2", 100,
                Duration.ofHours(1), 0, 1, null, Map.of(), 0.25, Duration.ofHours(1), ThreadRestarts.defaults(),
                HttpSettings.defaults(), ExposureTopology.DEFAULT_HISTORY_RETENTION, "monitor");

        assertThat(settings.advertisedHost()).as("the older constructors leave it derived").isNull();
        assertThat(advertised.withStateDir(stateDir).withHttpPort(8080).advertisedHost()).isEqualTo("monitor");
        HostInfo self = new HostInfo(ApiAddress.advertised(advertised), 8080);
        assertThat(Monitor.streamsProperties(advertised, self).get(StreamsConfig.APPLICATION_SERVER_CONFIG))
                .isEqualTo("monitor:8080");
    }

    @Test
    void anApiOnTheNetworkWithoutATokenIsWarnedAbout() {
        assertThat(ApiAddress.unprotectedWarning("0.0.0.0", null)).get().asString()
                .contains("0.0.0.0").contains("--api-token");
        assertThat(ApiAddress.unprotectedWarning("10.1.2.3", "")).isPresent();
        assertThat(ApiAddress.unprotectedWarning("0.0.0.0", "s3cret")).as("token set").isEmpty();
        assertThat(ApiAddress.unprotectedWarning("127.0.0.1", null)).as("loopback").isEmpty();
        assertThat(ApiAddress.unprotectedWarning("::1", null)).as("IPv6 loopback").isEmpty();
        assertThat(ApiAddress.unprotectedWarning("localhost", null)).as("loopback by name").isEmpty();
    }

    @Test
    void theWarningIsLoggedWhenTheMonitorStarts() {
        Logger log = (Logger) LoggerFactory.getLogger(Monitor.class);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        log.addAppender(captured);
        try {
            // Nothing listens on port 1: start-up fails right after its checks, before anything binds.
            assertThatThrownBy(() -> Monitor.start(settings("0.0.0.0", "node-1")).close());
        } finally {
            log.detachAppender(captured);
        }
        assertThat(captured.list).anySatisfy(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.WARN);
            assertThat(e.getFormattedMessage()).contains("without --api-token");
        });
    }

    private MonitorSettings settings(String httpHost, String advertisedHost) {
        return new MonitorSettings("127.0.0.1:1", "http://127.0.0.1:1", "addr-test", stateDir, httpHost, 0, "em.", 3,
                (short) 1, true, "exactly_once_v2", 100, Duration.ofHours(1), 0, 1, null,
                Map.of("default.api.timeout.ms", "1000", "request.timeout.ms", "500"), 0.25, Duration.ofHours(1),
                ThreadRestarts.defaults(), HttpSettings.defaults(), ExposureTopology.DEFAULT_HISTORY_RETENTION,
                advertisedHost);
    }
}
