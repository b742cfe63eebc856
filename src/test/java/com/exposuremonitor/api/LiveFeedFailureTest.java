package com.exposuremonitor.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.exposuremonitor.confluent.SchemaRegistryClient;
import com.exposuremonitor.embedded.EmbeddedSchemaRegistry;
import com.exposuremonitor.topology.TopicNames;
import com.exposuremonitor.topology.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.junit.jupiter.api.Test;

/** A live-feed reader that dies says so (and why), instead of leaving SSE clients silently starved. */
class LiveFeedFailureTest {

    @Test
    void aReaderThatDiesReportsItsCause() throws Exception {
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.inMemory()) {
            Topics topics = new Topics(TopicNames.defaults(), new SchemaRegistryClient(registry.url()));
            MockConsumer<String, byte[]> consumer = new MockConsumer<>(AutoOffsetResetStrategy.LATEST.name());
            for (String topic : List.of(topics.operatorExposure.name(), topics.alerts.name())) {
                consumer.updatePartitions(topic, List.of(new PartitionInfo(topic, 0, Node.noNode(), null, null)));
                consumer.updateEndOffsets(Map.of(new TopicPartition(topic, 0), 0L));
            }
            try (LiveFeed feed = new LiveFeed(consumer, topics)) {
                await("the reader has its partitions").atMost(Duration.ofSeconds(10))
                        .until(() -> !consumer.assignment().isEmpty());
                assertThat(feed.failure()).as("working").isEmpty();
                consumer.setPollException(new KafkaException("broker said no"));
                await("the reader's death is reported").atMost(Duration.ofSeconds(10))
                        .until(() -> feed.failure().isPresent());
                assertThat(feed.failure().get()).contains("live feed stopped").contains("broker said no");
            }
        }
    }
}
