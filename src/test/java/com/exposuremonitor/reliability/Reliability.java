package com.exposuremonitor.reliability;

import static org.awaitility.Awaitility.await;

import com.exposuremonitor.runtime.MonitorSettings;
import com.exposuremonitor.verify.Verifier;
import com.exposuremonitor.verify.VerifierReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.awaitility.core.ConditionTimeoutException;

/** Shared pieces of the reliability tests: settings, the verifier, waiting for it, offsets. */
public final class Reliability {
    /** Longer than any test, so the wall-clock delinquency clock never ticks and asOf depends on events only. */
    public static final Duration NO_CLOCK_TICK = Duration.ofDays(1);

    private Reliability() {
    }

    public static String runId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** Exactly-once settings on 3 partitions, HTTP on a free port, no delinquency tick during the test. */
    public static MonitorSettings settings(String bootstrap, String registryUrl, Path stateDir, String run,
                                           long commitIntervalMs, Map<String, String> kafkaConfig) {
        return new MonitorSettings(bootstrap, registryUrl, "rel-" + run, stateDir, "127.0.0.1", 0, "r" + run + ".", 3,
                (short) 1, true, "exactly_once_v2", commitIntervalMs, NO_CLOCK_TICK, 0, 1, null, kafkaConfig);
    }

    public static Verifier verifier(MonitorSettings s) {
        return new Verifier(s.bootstrapServers(), s.schemaRegistryUrl(), s.topicPrefix(), s.applicationId(),
                s.kafkaConfig());
    }

    /** Waits until the verifier finds nothing wrong (the monitor caught up); fails with its last report. */
    public static VerifierReport awaitVerified(Verifier verifier, Duration atMost, String what) {
        AtomicReference<VerifierReport> last = new AtomicReference<>();
        try {
            await(what).atMost(atMost).pollInterval(Duration.ofSeconds(2)).until(() -> {
                last.set(verifier.verify());
                return last.get().ok();
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(what + " never verified; last report: " + last.get(), e);
        }
        return last.get();
    }

    /** Sum of the application's committed offsets: grows as it commits processed input. */
    public static long committedTotal(String bootstrap, String applicationId) {
        Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        try (Admin admin = Admin.create(config)) {
            return admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get().values()
                    .stream().filter(o -> o != null).mapToLong(OffsetAndMetadata::offset).sum();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } catch (Exception e) {
            return -1;
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
