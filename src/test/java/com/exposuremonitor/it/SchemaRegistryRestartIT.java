package com.exposuremonitor.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.exposuremonitor.confluent.SchemaRegistryClient;
import com.exposuremonitor.embedded.EmbeddedSchemaRegistry;
import com.exposuremonitor.testing.EmbeddedKafkaExtension;
import java.net.InetAddress;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Schema ids and settings survive a restart of the registry, because they live in its compacted topic. */
class SchemaRegistryRestartIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension CLUSTER = new EmbeddedKafkaExtension();

    private static final Schema A = SchemaBuilder.record("A").fields().requiredString("x").endRecord();
    private static final Schema B = SchemaBuilder.record("B").fields().requiredLong("y").endRecord();
    private static final Schema C = SchemaBuilder.record("C").fields().requiredInt("z").endRecord();

    @Test
    void everySchemaIdAndSettingSurvivesARestart() {
        Map<String, Integer> before;
        try (EmbeddedSchemaRegistry first = start()) {
            SchemaRegistryClient client = new SchemaRegistryClient(first.url());
            before = Map.of("a", client.register("a-value", A), "b", client.register("b-value", B),
                    "a-again", client.register("other-value", A));
            client.setCompatibility("b-value", "FULL");
        }
        try (EmbeddedSchemaRegistry second = start()) {
            SchemaRegistryClient client = new SchemaRegistryClient(second.url());
            assertThat(client.schemaById(before.get("a"))).isEqualTo(A);
            assertThat(client.schemaById(before.get("b"))).isEqualTo(B);
            assertThat(client.lookupId("a-value", A)).isEqualTo(before.get("a"));
            assertThat(client.lookupId("other-value", A)).isEqualTo(before.get("a-again")).isEqualTo(before.get("a"));
            assertThat(client.compatibility("b-value")).isEqualTo("FULL");
            int fresh = client.register("c-value", C);
            assertThat(fresh).as("a new schema never reuses an id").isGreaterThan(Math.max(before.get("a"), before.get("b")));
        }
    }

    private static EmbeddedSchemaRegistry start() {
        return EmbeddedSchemaRegistry.start(CLUSTER.bootstrapServers(),
                InetAddress.getLoopbackAddress().getHostAddress(), 0, "_schemas_restart_test");
    }
}
