package com.exposuremonitor.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real single-node KRaft Kafka cluster (combined broker and controller) running in this JVM, on
 * Kafka's own server classes. Its data directory survives {@link #close()}, so a restart on the same
 * directory keeps every topic and offset.
 */
public final class EmbeddedKafka implements AutoCloseable {
    /** Fixed, so a restart on the same data directory finds the cluster it formatted. */
    private static final String CLUSTER_ID = "ExposureMonitorAAAAAAA";

    /** Name of the optional extra client listener on a fixed port (see {@link #start(Path, Map, int)}). */
    static final String FIXED_LISTENER = "FIXED";

    private final KafkaClusterTestKit cluster;
    private final int fixedPort;

    private EmbeddedKafka(KafkaClusterTestKit cluster, int fixedPort) {
        this.cluster = cluster;
        this.fixedPort = fixedPort;
    }

    public static EmbeddedKafka start(Path dataDir) {
        return start(dataDir, Map.of());
    }

    public static EmbeddedKafka start(Path dataDir, Map<String, String> brokerOverrides) {
        return start(dataDir, brokerOverrides, 0);
    }

    /**
     * Like {@link #start(Path, Map)}, with one more client listener bound to {@code clientPort} on loopback
     * (0: none), and {@link #bootstrapServers()} naming it. A broker restarted on the same data directory and
     * port keeps its address, so running clients reconnect by themselves. The test kit binds its own
     * listener to a pre-bound random port whatever the config says, hence the extra listener.
     */
    public static EmbeddedKafka start(Path dataDir, Map<String, String> brokerOverrides, int clientPort) {
        try {
            Files.createDirectories(dataDir);
            boolean formatted = isFormatted(dataDir);
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setClusterId(CLUSTER_ID)
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .setBaseDirectory(dataDir)
                    .build();
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes).setDeleteOnClose(false);
            singleNodeDefaults().forEach(builder::setConfigProp);
            if (clientPort > 0) {
                String broker = nodes.brokerListenerName().value();
                String controller = nodes.controllerListenerName().value();
                builder.setConfigProp("listeners", broker + "://localhost:0," + controller + "://localhost:0,"
                        + FIXED_LISTENER + "://localhost:" + clientPort);
                builder.setConfigProp("listener.security.protocol.map", broker + ":PLAINTEXT," + controller
                        + ":PLAINTEXT," + FIXED_LISTENER + ":PLAINTEXT");
            }
            brokerOverrides.forEach(builder::setConfigProp);
            KafkaClusterTestKit cluster = builder.build();
            if (!formatted) {
                cluster.format();
            }
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new EmbeddedKafka(cluster, clientPort);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the embedded broker", e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the embedded broker in " + dataDir + ": " + e, e);
        }
    }

    private static Map<String, String> singleNodeDefaults() {
        return Map.of(
                "offsets.topic.replication.factor", "1",
                "offsets.topic.num.partitions", "4",
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "transaction.state.log.num.partitions", "4",
                "group.initial.rebalance.delay.ms", "0",
                "auto.create.topics.enable", "false");
    }

    private static boolean isFormatted(Path dataDir) throws IOException {
        try (Stream<Path> files = Files.walk(dataDir, 4)) {
            return files.anyMatch(p -> p.getFileName().toString().equals("meta.properties"));
        }
    }

    public String bootstrapServers() {
        return fixedPort > 0 ? "localhost:" + fixedPort : cluster.bootstrapServers();
    }

    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }

    /** Creates the topic unless it exists. */
    public void createTopic(String name, int partitions, Map<String, String> configs) {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(configs))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + name + ": " + e.getCause(), e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted creating topic " + name, e);
        }
    }

    @Override
    public void close() {
        try {
            cluster.close();
        } catch (Exception e) {
            throw new IllegalStateException("error stopping the embedded broker: " + e, e);
        }
    }

}
