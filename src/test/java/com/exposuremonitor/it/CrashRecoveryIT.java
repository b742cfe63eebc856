package com.exposuremonitor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.exposuremonitor.confluent.SchemaRegistryClient;
import com.exposuremonitor.reliability.ContinuousPublisher;
import com.exposuremonitor.reliability.EventGenerator;
import com.exposuremonitor.reliability.Reliability;
import com.exposuremonitor.runtime.MonitorSettings;
import com.exposuremonitor.testing.EmbeddedKafkaExtension;
import com.exposuremonitor.topology.TopicNames;
import com.exposuremonitor.topology.Topics;
import com.exposuremonitor.verify.VerifierReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged monitor as its own JVM ({@code java -jar target/exposure-monitor.jar run}, exactly-once,
 * 5 s commit interval), killed with SIGKILL in the middle of an open transaction and restarted, again
 * and again, while a producer keeps publishing; afterwards the verifier finds every operator's final
 * exposure, the alerts and the dead letters exactly as the pure domain computes them, and no transaction
 * left open. {@code -Dcrash.cycles=N} sets the number of kills (3 by default; 10 for the full run).
 */
class CrashRecoveryIT {
    private static final int CYCLES = Integer.getInteger("crash.cycles", 3);
    private static final int OPERATORS = 40;

    @RegisterExtension
    static final EmbeddedKafkaExtension CLUSTER = new EmbeddedKafkaExtension();

    @TempDir
    Path work;

    private final List<Process> processes = new ArrayList<>();

    @Test
    void killedInsideOpenTransactionsTheMonitorNeitherLosesNorDoubleCountsAnEvent() throws Exception {
        String run = Reliability.runId();
        MonitorSettings settings = Reliability.settings(CLUSTER.bootstrapServers(), CLUSTER.registryUrl(),
                work.resolve("state"), run, 5000, Map.of("consumer.session.timeout.ms", "6000",
                        "consumer.heartbeat.interval.ms", "1500"));
        Topics topics = new Topics(TopicNames.withPrefix(settings.topicPrefix()),
                new SchemaRegistryClient(settings.schemaRegistryUrl()));
        Random random = new Random(42);
        List<String> kills = new ArrayList<>();
        List<Boolean> killedWithStateInFlight = new ArrayList<>();
        long started = System.nanoTime();
        try (Admin admin = CLUSTER.kafka().admin();
             ContinuousPublisher publisher = new ContinuousPublisher(CLUSTER.bootstrapServers(), topics,
                     new EventGenerator(7, OPERATORS), 8, 200_000)) {
            for (int cycle = 1; cycle <= CYCLES; cycle++) {
                long startedAt = System.currentTimeMillis();
                Process monitor = start(settings, cycle);
                awaitRunning(monitor, cycle);
                if (cycle == 1) {
                    publisher.start();
                }
                long openForMs = 1000 + random.nextInt(2500);
                TransactionDescription open = awaitOpenTransaction(admin, settings.applicationId(), startedAt,
                        openForMs, cycle);
                long uncommitted = uncommittedFeedRecords(admin, settings.topicPrefix() + "operator-exposure");
                // The kill must hit work in flight: state changes written in the open transaction.
                long stateInFlight = open.topicPartitions().stream()
                        .filter(tp -> tp.topic().startsWith(settings.applicationId())
                                && tp.topic().endsWith("-changelog")).count();
                killedWithStateInFlight.add(stateInFlight > 0);
                monitor.toHandle().destroyForcibly(); // SIGKILL: no shutdown hook, no commit, no abort
                assertThat(monitor.waitFor(30, TimeUnit.SECONDS)).as("killed monitor #%d exits", cycle).isTrue();
                kills.add("cycle " + cycle + ": SIGKILL with a transaction open for "
                        + (System.currentTimeMillis() - startOf(open)) + " ms over " + stateInFlight
                        + " changelog partitions, " + uncommitted + " uncommitted feed records, " + publisher.sent() + " events published so far");
            }
            publisher.stop();
            Process last = start(settings, CYCLES + 1);
            awaitRunning(last, CYCLES + 1);
            VerifierReport running = Reliability.awaitVerified(Reliability.verifier(settings), Duration.ofMinutes(3),
                    "the restarted monitor caught up with every event");
            last.toHandle().destroy(); // SIGTERM: a clean stop
            assertThat(last.waitFor(60, TimeUnit.SECONDS)).as("the last monitor stops on SIGTERM").isTrue();
            VerifierReport report = Reliability.verifier(settings).verifyStopped();
            kills.forEach(k -> System.out.println("CrashRecoveryIT " + k));
            System.out.printf("CrashRecoveryIT: %d kills, %d events published (%d failed sends), %.0f s; %s%n",
                    CYCLES, publisher.sent(), publisher.failed(),
                    (System.nanoTime() - started) / 1e9, report.summary());
            assertThat(killedWithStateInFlight).as("every kill interrupted a transaction with state changes in it")
                    .hasSize(CYCLES).containsOnly(true);
            assertThat(report.ok()).as("%s", report).isTrue();
            assertThat(report.inputRecords()).isEqualTo(running.inputRecords()).isGreaterThan(0);
            assertThat(report.operators()).isEqualTo(OPERATORS);
            assertThat(report.alerts()).as("the generated stream raises alerts").isPositive();
        } finally {
            processes.forEach(p -> p.toHandle().destroyForcibly());
            for (Process p : processes) {
                p.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private Process start(MonitorSettings s, int cycle) throws IOException {
        Path jar = Path.of(System.getProperty("exposure.projectDir", ".")).resolve("target/exposure-monitor.jar");
        assertThat(jar).as("run after package: the executable jar").exists();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-jar", jar.toString(), "run",
                "--bootstrap-servers", s.bootstrapServers(), "--schema-registry-url", s.schemaRegistryUrl(),
                "--application-id", s.applicationId(), "--state-dir", s.stateDir().toString(),
                "--topic-prefix", s.topicPrefix(), "--partitions", String.valueOf(s.partitions()),
                "--replication-factor", String.valueOf(s.replicationFactor()),
                "--processing-guarantee", s.processingGuarantee(),
                "--commit-interval-ms", String.valueOf(s.commitIntervalMs()),
                "--clock-interval", s.clockInterval().toString(), "--http-port", "0"));
        s.kafkaConfig().forEach((k, v) -> command.addAll(List.of("--kafka-config", k + "=" + v)));
        Path log = work.resolve("monitor-" + cycle + ".log");
        // A file, not a pipe: a killed child must never block on a full pipe, and we read it while it runs.
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        processes.add(process);
        return process;
    }

    private void awaitRunning(Process process, int cycle) {
        Path log = work.resolve("monitor-" + cycle + ".log");
        await("monitor #" + cycle + " reaches RUNNING").atMost(Duration.ofMinutes(2)).until(() -> {
            assertThat(process.isAlive()).as("monitor #%d alive; output:%n%s", cycle, read(log)).isTrue();
            return read(log).contains("-> RUNNING");
        });
    }

    /**
     * Waits until a transaction that this process began (not the killed one's, which shares its
     * transactional id until fenced) has been open for at least {@code ms}.
     */
    private static TransactionDescription awaitOpenTransaction(Admin admin, String app, long since, long ms,
                                                               int cycle) {
        return await("monitor #" + cycle + " inside a transaction open for " + ms + " ms")
                .atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                .until(() -> ongoing(admin, app), o -> o.isPresent() && startOf(o.get()) > since
                        && System.currentTimeMillis() - startOf(o.get()) >= ms)
                .orElseThrow();
    }

    private static long startOf(TransactionDescription d) {
        return d.transactionStartTimeMs().orElse(-1);
    }

    private static Optional<TransactionDescription> ongoing(Admin admin, String app) throws Exception {
        List<String> ids = admin.listTransactions().all().get().stream()
                .filter(t -> t.transactionalId().startsWith(app + "-") && t.state() == TransactionState.ONGOING)
                .map(TransactionListing::transactionalId).toList();
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        return admin.describeTransactions(ids).all().get().values().stream()
                .filter(d -> d.state() == TransactionState.ONGOING).findFirst();
    }

    /** Records on the feed that no read_committed reader may see yet: high watermark minus last stable offset. */
    private static long uncommittedFeedRecords(Admin admin, String feed) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        admin.describeTopics(List.of(feed)).allTopicNames().get().get(feed).partitions()
                .forEach(p -> request.put(new TopicPartition(feed, p.partition()), OffsetSpec.latest()));
        long high = admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all().get()
                .values().stream().mapToLong(i -> i.offset()).sum();
        long stable = admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get()
                .values().stream().mapToLong(i -> i.offset()).sum();
        return high - stable;
    }

    private static String read(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
    }
}
