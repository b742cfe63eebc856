package com.exposuremonitor.confluent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.exposuremonitor.avro.Financing;
import com.exposuremonitor.embedded.EmbeddedSchemaRegistry;
import com.exposuremonitor.testing.FaultyRegistryProxy;
import com.exposuremonitor.testing.FaultyRegistryProxy.Fault;
import java.time.Duration;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The registry client against a registry behind a fault-injecting proxy: transient faults (5xx, 429, slow
 * answers, refused connections) are retried within bounds and end as "unavailable", never as a verdict on a
 * record; a refusal (401, a wrong URL) fails at once; an unknown id stays the record's fault.
 */
class RegistryFaultsTest {
    private static final RetryPolicy QUICK =
            new RetryPolicy(4, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(500));

    private EmbeddedSchemaRegistry registry;
    private FaultyRegistryProxy proxy;
    private SchemaRegistryClient client;
    private int id;

    @BeforeEach
    void start() {
        registry = EmbeddedSchemaRegistry.inMemory();
        id = new SchemaRegistryClient(registry.url()).register("f-value", Financing.getClassSchema());
        proxy = FaultyRegistryProxy.start(registry.url());
        client = new SchemaRegistryClient(proxy.url(), QUICK);
    }

    @AfterEach
    void stop() {
        proxy.close();
        registry.close();
    }

    @Test
    void aBurstOf503IsRetriedAndTheSchemaStillArrives() {
        proxy.failNext(3, Fault.UNAVAILABLE_503);
        Schema schema = client.schemaById(id);
        assertThat(schema).isEqualTo(Financing.getClassSchema());
        assertThat(proxy.injected(Fault.UNAVAILABLE_503)).isEqualTo(3);
    }

    @Test
    void a429IsRetriedAfterTheRetryAfterTheRegistryAsksFor() {
        proxy.failNext(1, Fault.TOO_MANY_429);
        RetryPolicy patient = new RetryPolicy(2, Duration.ofMillis(10), Duration.ofSeconds(5), Duration.ofSeconds(2));
        SchemaRegistryClient polite = new SchemaRegistryClient(proxy.url(), patient);
        long start = System.nanoTime();
        assertThat(polite.schemaById(id)).isEqualTo(Financing.getClassSchema());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("waited the 1 s Retry-After, not 10 ms")
                .isGreaterThanOrEqualTo(Duration.ofMillis(1000));
        assertThat(proxy.injected(Fault.TOO_MANY_429)).isEqualTo(1);
    }

    @Test
    void anAnswerSlowerThanTheRequestTimeoutIsRetried() {
        proxy.slowBy(Duration.ofSeconds(2));
        proxy.failNext(1, Fault.SLOW);
        assertThat(client.schemaById(id)).isEqualTo(Financing.getClassSchema());
        assertThat(proxy.injected(Fault.SLOW)).isEqualTo(1);
    }

    @Test
    void a503ThatOutlastsTheRetriesIsUnavailableNotAnErrorOfTheRecord() {
        proxy.failNext(-1, Fault.UNAVAILABLE_503);
        assertThatThrownBy(() -> client.schemaById(id))
                .isInstanceOfSatisfying(ConfluentException.RegistryUnavailable.class,
                        e -> assertThat(e.registryFault()).isTrue())
                .hasMessageContaining("after 4 attempts").hasMessageContaining("HTTP 503");
        assertThat(proxy.injected(Fault.UNAVAILABLE_503)).isEqualTo(4);
    }

    @Test
    void aRegistryThatIsDownIsUnavailable() {
        proxy.down();
        assertThatThrownBy(() -> client.schemaById(id))
                .isInstanceOf(ConfluentException.RegistryUnavailable.class);
        proxy.up();
        assertThat(client.schemaById(id)).as("back once it is up").isEqualTo(Financing.getClassSchema());
    }

    @Test
    void a401FailsAtOnceWithAClearMessage() {
        proxy.failNext(-1, Fault.UNAUTHORIZED_401);
        assertThatThrownBy(() -> client.schemaById(id))
                .isInstanceOfSatisfying(ConfluentException.RegistryRefused.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(401);
                    assertThat(e.registryFault()).isTrue();
                })
                .hasMessageContaining("credentials");
        assertThat(proxy.injected(Fault.UNAUTHORIZED_401)).as("not retried").isEqualTo(1);
    }

    @Test
    void a40401ForAnIdIsTheWrongRegistryNotTheRecord() {
        proxy.failNext(-1, Fault.SUBJECT_NOT_FOUND_40401);
        assertThatThrownBy(() -> client.schemaById(id))
                .isInstanceOfSatisfying(ConfluentException.RegistryRefused.class,
                        e -> assertThat(e.registryFault()).isTrue())
                .hasMessageContaining("schema id " + id).hasMessageContaining("registry (and context)");
    }

    @Test
    void aWrongUrlIsARefusalButAnUnknownIdIsTheRecordsFault() {
        SchemaRegistryClient wrongPath = new SchemaRegistryClient(registry.url() + "/not-a-registry", QUICK);
        assertThatThrownBy(() -> wrongPath.schemaById(id))
                .isInstanceOf(ConfluentException.RegistryRefused.class).hasMessageContaining("URL");
        assertThatThrownBy(() -> client.schemaById(id + 1000))
                .isInstanceOfSatisfying(ConfluentException.UnknownSchemaId.class,
                        e -> assertThat(e.registryFault()).isFalse());
    }
}
