package com.exposuremonitor.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.exposuremonitor.avro.DeadLetter;
import com.exposuremonitor.avro.Financing;
import com.exposuremonitor.confluent.ConfluentException;
import com.exposuremonitor.confluent.SchemaRegistryClient;
import com.exposuremonitor.embedded.EmbeddedSchemaRegistry;
import com.exposuremonitor.embedded.RegistrySecurity;
import com.exposuremonitor.topology.DeadLetterFormat;
import com.exposuremonitor.topology.DeadLetterHandlers;
import com.exposuremonitor.topology.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The registry's credentials given with the monitor's Kafka passthrough (--config, --kafka-config) reach every
 * registry client it builds: its own (Topics, and with them the live feed); the dead-letter handlers need none
 * (KIP-1034 letters are the original bytes). Against a registry that demands them, so that a dropped
 * key is a 401.
 */
class RegistryPassThroughTest {
    private static final String PASSWORD = "pass-through-pw";
    private static final Map<String, String> CREDENTIALS = Map.of("basic.auth.credentials.source", "USER_INFO",
            "basic.auth.user.info", "monitor:" + PASSWORD);
    private static EmbeddedSchemaRegistry registry;

    @BeforeAll
    static void start() {
        registry = EmbeddedSchemaRegistry.inMemory(RegistrySecurity.none().withBasicUser("monitor", PASSWORD));
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    @Test
    void theMonitorsOwnClientUsesTheCredentialsOfThePassthrough() {
        SchemaRegistryClient client = new SchemaRegistryClient(settings(CREDENTIALS).registryClientConfig());
        assertThat(client.register("f-value", Financing.getClassSchema())).isPositive();
        SchemaRegistryClient without = new SchemaRegistryClient(settings(Map.of()).registryClientConfig());
        assertThatThrownBy(() -> without.schemaById(1)).isInstanceOf(ConfluentException.RegistryRefused.class);
    }

    @Test
    void theDeadLetterHandlersNeedNoRegistry() {
        Properties props = Monitor.streamsProperties(settings(Map.of()), new HostInfo("localhost", 8080));
        DeadLetterHandlers.Deserialization handler = new DeadLetterHandlers.Deserialization();
        java.util.List<String> counted = new java.util.ArrayList<>();
        Map<String, Object> configs = asMap(props);
        configs.put(DeadLetterHandlers.COUNTERS_CONFIG, new com.exposuremonitor.topology.OutputCounters() {
            @Override
            public void deadLetter(String errorType) {
                counted.add(errorType);
            }

            @Override
            public void alert(com.exposuremonitor.avro.DefaultRiskAlert alert) {
            }
        });
        handler.configure(configs);

        DeserializationExceptionHandler.Response response = handler.handleError(new Context(),
                new ConsumerRecord<>("em.financings", 0, 42L, new byte[0], new byte[] {1, 2}),
                new SerializationException("not Avro"));

        ProducerRecord<byte[], byte[]> letter = response.deadLetterQueueRecords().get(0);
        assertThat(letter.topic()).isEqualTo("em.dead-letters");
        assertThat(letter.value()).as("the original bytes, no registry-framed envelope").containsExactly(1, 2);
        DeadLetter read = DeadLetterFormat.read(letter.key(), letter.value(), letter.headers());
        assertThat(read.getErrorType()).isEqualTo(DeadLetters.DESERIALIZATION);
        assertThat(read.getSourceOffset()).isEqualTo(42L);
        assertThat(counted).as("the metrics see the handlers' letters too").containsExactly(DeadLetters.DESERIALIZATION);
    }

    @Test
    void theRegistryUrlGivenApartWinsOverOneInThePassthrough() {
        Map<String, String> passthrough = new HashMap<>(CREDENTIALS);
        passthrough.put("schema.registry.url", "http://elsewhere:1");
        MonitorSettings s = settings(passthrough);
        assertThat(Monitor.streamsProperties(s, new HostInfo("localhost", 8080)).get("schema.registry.url"))
                .isEqualTo(registry.url());
        assertThat(s.registryClientConfig().urls()).singleElement().hasToString(registry.url());
    }

    @Test
    void settingsShowNoRegistrySecret() {
        Map<String, String> passthrough = new HashMap<>(CREDENTIALS);
        passthrough.put("bearer.auth.token", "tok-" + PASSWORD);
        passthrough.put("schema.registry.ssl.truststore.password", PASSWORD);
        MonitorSettings s = settings(passthrough);
        MonitorSettings inUrl = new MonitorSettings("localhost:9092",
                registry.url().replace("://", "://monitor:" + PASSWORD + "@"), "app", Path.of("state"), "127.0.0.1",
                8080, "em.", 1, (short) 1, true, "exactly_once_v2", 100, Duration.ofHours(1), 0, 1, null, Map.of());
        assertThat(s.toString()).contains("basic.auth.user.info=[hidden]").doesNotContain(PASSWORD);
        Map<String, String> urlInPassthrough = Map.of("schema.registry.url",
                registry.url().replace("://", "://monitor:" + PASSWORD + "@"));
        assertThat(settings(urlInPassthrough).toString()).as("credentials in a passthrough URL")
                .doesNotContain(PASSWORD);
        assertThat(inUrl.toString()).contains("[hidden]@").doesNotContain(PASSWORD);
    }

    private static MonitorSettings settings(Map<String, String> kafkaConfig) {
        return new MonitorSettings("localhost:9092", registry.url(), "app", Path.of("state"), "127.0.0.1", 8080,
                "em.", 1, (short) 1, true, "exactly_once_v2", 100, Duration.ofHours(1), 0, 1, null, kafkaConfig);
    }

    private static Map<String, Object> asMap(Properties props) {
        Map<String, Object> map = new HashMap<>();
        props.forEach((k, v) -> map.put(String.valueOf(k), v));
        return map;
    }

    /** Where the failed record came from, as Kafka Streams tells a handler. */
    private static final class Context implements ErrorHandlerContext {
        @Override
        public String topic() {
            return "em.financings";
        }

        @Override
        public int partition() {
            return 0;
        }

        @Override
        public long offset() {
            return 42L;
        }

        @Override
        public Headers headers() {
            return new RecordHeaders();
        }

        @Override
        public String processorNodeId() {
            return "financings-source";
        }

        @Override
        public TaskId taskId() {
            return new TaskId(0, 0);
        }

        @Override
        public long timestamp() {
            return 0L;
        }

        @Override
        public byte[] sourceRawKey() {
            return "op-1".getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public byte[] sourceRawValue() {
            return new byte[] {1, 2};
        }
    }
}
