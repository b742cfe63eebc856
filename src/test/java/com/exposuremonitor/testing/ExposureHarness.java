package com.exposuremonitor.testing;

import com.exposuremonitor.avro.DeadLetter;
import com.exposuremonitor.avro.Financing;
import com.exposuremonitor.avro.GpuDelivery;
import com.exposuremonitor.avro.OperatorExposure;
import com.exposuremonitor.avro.PaymentDelay;
import com.exposuremonitor.avro.RevenueReport;
import com.exposuremonitor.confluent.SchemaRegistryClient;
import com.exposuremonitor.embedded.EmbeddedSchemaRegistry;
import com.exposuremonitor.topology.ExposureTopology;
import com.exposuremonitor.topology.MonitorTopology;
import com.exposuremonitor.topology.Topic;
import com.exposuremonitor.topology.TopicNames;
import com.exposuremonitor.topology.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The production exposure topology in a TopologyTestDriver, with a real (in-memory) schema registry
 * behind the serdes. Typed input topics for valid events, raw byte topics for bad input.
 */
public final class ExposureHarness implements AutoCloseable {
    public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.inMemory();
    private final Path stateDir;
    public final Topics topics;
    public final TopologyTestDriver driver;
    public final TestInputTopic<String, Financing> financings;
    public final TestInputTopic<String, GpuDelivery> gpuDeliveries;
    public final TestInputTopic<String, RevenueReport> revenueReports;
    public final TestInputTopic<String, PaymentDelay> paymentDelays;
    public final TestOutputTopic<String, OperatorExposure> feed;
    public final TestOutputTopic<byte[], DeadLetter> deadLetters;

    public ExposureHarness() {
        this(ExposureTopology.DEFAULT_CLOCK_INTERVAL, START);
    }

    /** @param wallClockStart the driver's initial wall-clock time, which the delinquency clock reads */
    public ExposureHarness(Duration clockInterval, Instant wallClockStart) {
        this(topics -> ExposureTopology.buildExposureTopology(topics, clockInterval), wallClockStart);
    }

    /** Any production topology built from the catalogue, e.g. the whole monitor. */
    public ExposureHarness(Function<Topics, Topology> topology, Instant wallClockStart) {
        try {
            stateDir = Files.createTempDirectory("exposure-harness-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        topics = new Topics(TopicNames.defaults(), new SchemaRegistryClient(registry.url()));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "exposure-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(topology.apply(topics), props, wallClockStart);
        financings = input(topics.financings);
        gpuDeliveries = input(topics.gpuDeliveries);
        revenueReports = input(topics.revenueReports);
        paymentDelays = input(topics.paymentDelays);
        feed = output(topics.operatorExposure);
        deadLetters = output(topics.deadLetters);
    }

    /** Sends any event to its topic, keyed by its operatorId, timestamped with its eventTime. */
    public void send(SpecificRecord event) {
        if (event instanceof Financing f) {
            financings.pipeInput(f.getOperatorId(), f, f.getEventTime());
        } else if (event instanceof GpuDelivery g) {
            gpuDeliveries.pipeInput(g.getOperatorId(), g, g.getEventTime());
        } else if (event instanceof RevenueReport r) {
            revenueReports.pipeInput(r.getOperatorId(), r, r.getEventTime());
        } else if (event instanceof PaymentDelay p) {
            paymentDelays.pipeInput(p.getOperatorId(), p, p.getEventTime());
        } else {
            throw new IllegalArgumentException("not an input event: " + event.getClass());
        }
    }

    /** A raw byte input topic, for records no valid producer would write. */
    public TestInputTopic<byte[], byte[]> raw(String topicName) {
        return driver.createInputTopic(topicName, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** The whole monitor (exposure and alerts) with the given delinquency clock. */
    public static ExposureHarness monitor(Duration clockInterval, Instant wallClockStart) {
        return new ExposureHarness(topics -> MonitorTopology.buildMonitorTopology(topics, clockInterval),
                wallClockStart);
    }

    public <V> TestInputTopic<String, V> input(Topic<String, V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    public <K, V> TestOutputTopic<K, V> output(Topic<K, V> topic) {
        return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(),
                topic.valueSerde().deserializer());
    }

    public KeyValueStore<String, OperatorExposure> exposureStore() {
        return driver.getKeyValueStore(ExposureTopology.EXPOSURE_STORE);
    }

    public SchemaRegistryClient registry() {
        return topics.registry();
    }

    @Override
    public void close() throws IOException {
        try {
            driver.close();
        } finally {
            registry.close();
            EmbeddedKafkaExtension.deleteRecursively(stateDir);
        }
    }
}
