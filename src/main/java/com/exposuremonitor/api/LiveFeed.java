package com.exposuremonitor.api;

import com.exposuremonitor.avro.DefaultRiskAlert;
import com.exposuremonitor.avro.OperatorExposure;
import com.exposuremonitor.topology.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * New operator-exposure and alert changes, read committed from Kafka without a consumer group (every
 * partition assigned, starting at the end) and fanned out to subscribers. Keeps the last 500 alerts.
 */
public final class LiveFeed implements FeedSource, AutoCloseable {
    public static final int RECENT_ALERTS = 500;
    private static final Logger LOG = LoggerFactory.getLogger(LiveFeed.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private final FeedHub hub = new FeedHub(RECENT_ALERTS);
    private final org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer;
    private final String exposureTopic;
    private final String alertTopic;
    private final Deserializer<OperatorExposure> exposures;
    private final Deserializer<DefaultRiskAlert> alerts;
    private final Thread thread;
    private volatile boolean running = true;
    /** Why the reader stopped, if it died: health reports it, since SSE clients would silently starve. */
    private volatile String failure;

    public LiveFeed(String bootstrapServers, Map<String, String> kafkaConfig, Topics topics) {
        this(new KafkaConsumer<>(consumerConfig(bootstrapServers, kafkaConfig), new StringDeserializer(),
                new ByteArrayDeserializer()), topics);
    }

    /** With a given consumer (tests use Kafka's MockConsumer to make the reader fail). */
    LiveFeed(org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer, Topics topics) {
        this.consumer = consumer;
        this.exposureTopic = topics.operatorExposure.name();
        this.alertTopic = topics.alerts.name();
        this.exposures = topics.operatorExposure.valueSerde().deserializer();
        this.alerts = topics.alerts.valueSerde().deserializer();
        this.thread = new Thread(this::run, "live-feed");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    static Map<String, Object> consumerConfig(String bootstrapServers, Map<String, String> kafkaConfig) {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "exposure-monitor-live-feed");
        return config;
    }

    @Override
    public Subscription subscribeExposures(Consumer<OperatorExposure> subscriber) {
        return hub.subscribeExposures(subscriber);
    }

    @Override
    public Subscription subscribeAlerts(Consumer<DefaultRiskAlert> subscriber) {
        return hub.subscribeAlerts(subscriber);
    }

    @Override
    public List<DefaultRiskAlert> recentAlerts() {
        return hub.recentAlerts();
    }

    @Override
    public java.util.Optional<String> failure() {
        return java.util.Optional.ofNullable(failure);
    }

    private void run() {
        try {
            while (running) {
                if (consumer.assignment().isEmpty() && !assignAll()) {
                    sleep(POLL.toMillis());
                    continue;
                }
                consumer.poll(POLL).forEach(this::dispatch);
            }
        } catch (WakeupException e) {
            if (running) {
                failure = "live feed woken up unexpectedly";
                LOG.error(failure, e);
            }
        } catch (RuntimeException e) {
            failure = "live feed stopped: " + e;
            LOG.error("live feed stopped", e);
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    /** Assigns every partition of both topics, at their ends; false while a topic has no partitions yet. */
    private boolean assignAll() {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(exposureTopic, alertTopic)) {
            List<PartitionInfo> infos;
            try {
                infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                LOG.warn("live feed waiting for topic {}: {}", topic, e.toString());
                return false;
            }
            if (infos == null || infos.isEmpty()) {
                return false;
            }
            infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        LOG.info("live feed streaming {} partitions of {} and {}", partitions.size(), exposureTopic, alertTopic);
        return true;
    }

    private void dispatch(ConsumerRecord<String, byte[]> record) {
        try {
            if (record.value() == null) {
                return; // a tombstone is no change to show
            }
            if (record.topic().equals(exposureTopic)) {
                hub.publishExposure(exposures.deserialize(record.topic(), record.value()));
            } else {
                hub.publishAlert(alerts.deserialize(record.topic(), record.value()));
            }
        } catch (RuntimeException e) {
            LOG.warn("live feed skipped {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.toString());
        }
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
