package com.exposuremonitor.runtime;

import com.exposuremonitor.confluent.ConfluentConfig;
import com.exposuremonitor.topology.DeadLetterHandlers;
import com.exposuremonitor.topology.TopicNames;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;

/**
 * Kafka Streams settings of the monitor: exactly-once v2 by default, dead-letter exception handlers, and
 * any client setting passed through unchanged (SASL/SSL and the like), which wins over the defaults. The
 * passthrough also carries the registry's credentials and TLS keys ({@code basic.auth.*},
 * {@code schema.registry.ssl.*}...) to the dead-letter handlers, which build their registry client from this
 * config; the registry URL given apart wins over one in the passthrough, as for the monitor's own client.
 */
public final class StreamsProperties {
    public static final String DEFAULT_GUARANTEE = StreamsConfig.EXACTLY_ONCE_V2;

    private StreamsProperties() {
    }

    public static Properties of(String applicationId, String bootstrapServers, String registryUrl, Path stateDir,
                                TopicNames topics, Map<String, String> passthrough) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, DEFAULT_GUARANTEE);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                DeadLetterHandlers.Deserialization.class.getName());
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                DeadLetterHandlers.Processing.class.getName());
        props.put("processing.exception.handler.global.enabled", "true");
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, topics.deadLetters());
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        // Fewer, fuller fetches when input trickles in: a fetch waits up to 20 ms for 64 KiB rather than
        // returning every few records, which costs the broker and the stream thread a request each. Well
        // inside the commit interval, so it adds no visible latency under exactly-once.
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MIN_BYTES_CONFIG), 64 * 1024);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), 20);
        // A stream thread that dies does not leave the group in time, so its replacement waits for the old
        // member's session to expire before it gets any task: 45 s by default, a minute of stalled output for
        // a registry blip. Heartbeats come from the consumer's own thread, so 10 s is still far from a GC pause.
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 10_000);
        // One bounded off-heap budget for all RocksDB stores, instead of a cache per store and partition.
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedMemoryRocksDBConfig.class.getName());
        props.putAll(passthrough);
        props.put(ConfluentConfig.SCHEMA_REGISTRY_URL, registryUrl);
        return props;
    }

    /** A failed stream thread is replaced, within the default limits and backoff ({@link StreamThreadFailures}). */
    public static StreamsUncaughtExceptionHandler replaceThread() {
        return new StreamThreadFailures(ThreadRestarts.defaults());
    }
}
