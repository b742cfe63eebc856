package com.exposuremonitor.confluent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.exposuremonitor.avro.Financing;
import com.exposuremonitor.avro.GpuDelivery;
import com.exposuremonitor.embedded.EmbeddedSchemaRegistry;
import com.exposuremonitor.testing.SampleEvents;
import com.exposuremonitor.testing.SchemaVariants;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The serde against a real registry HTTP server (its log in memory, so no broker is needed). */
class ConfluentAvroSerdeTest {
    private static EmbeddedSchemaRegistry registry;
    private static SchemaRegistryClient client;

    @BeforeAll
    static void startRegistry() {
        registry = EmbeddedSchemaRegistry.inMemory();
        client = new SchemaRegistryClient(registry.url());
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @Test
    void specificRecordsRoundTripWithDecimalsDatesAndNulls() {
        Serde<Financing> serde = ConfluentAvroSerde.specific(Financing.class, client, false);
        Financing bond = SampleEvents.bond("op-1", 1);
        byte[] bytes = serde.serializer().serialize("financings", bond);
        assertThat(serde.deserializer().deserialize("financings", bytes)).isEqualTo(bond);
    }

    @Test
    void bytesAreMagicZeroThenBigEndianIdThenPlainAvroBinary() throws IOException {
        Financing bond = SampleEvents.bond("op-2", 2);
        byte[] bytes = new ConfluentAvroSerializer<Financing>(client, false, true).serialize("layout", bond);

        int id = client.lookupId("layout-value", Financing.getClassSchema());
        assertThat(bytes[0]).isZero();
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);
        assertThat(Arrays.copyOfRange(bytes, 5, bytes.length)).isEqualTo(plainAvro(bond));
    }

    @Test
    void keysAndValuesUseTopicNameStrategySubjects() {
        new ConfluentAvroSerializer<Financing>(client, true, true).serialize("subjects", SampleEvents.bond("k", 1));
        new ConfluentAvroSerializer<Financing>(client, false, true).serialize("subjects", SampleEvents.bond("v", 1));
        assertThat(client.latest("subjects-key")).isPresent();
        assertThat(client.latest("subjects-value")).isPresent();
    }

    @Test
    void genericRecordsRoundTripWithLogicalTypesAsJavaTypes() {
        Serde<GenericRecord> serde = ConfluentAvroSerde.generic(client, false);
        GenericRecord record = new GenericData.Record(Financing.getClassSchema());
        Financing bond = SampleEvents.bond("op-3", 3);
        bond.getSchema().getFields().forEach(f -> record.put(f.name(), bond.get(f.pos())));
        GenericRecord back = serde.deserializer().deserialize("generic", serde.serializer().serialize("generic", record));
        assertThat(back.get("outstandingPrincipal")).isEqualTo(bond.getOutstandingPrincipal());
        assertThat(back.get("maturityDate")).isEqualTo(bond.getMaturityDate());
        assertThat(back.get("operatorId")).hasToString("op-3");
    }

    @Test
    void anOlderWriterIsResolvedToTheReadersSchemaWithDefaults() {
        Schema olderGpu = withoutFields(GpuDelivery.getClassSchema(), "usefulLifeMonths", "reservedForCounterpartyId");
        GpuDelivery full = SampleEvents.batch("op-4", 4);
        GenericRecord old = new GenericData.Record(olderGpu);
        olderGpu.getFields().forEach(f -> old.put(f.name(), full.get(f.name())));
        byte[] bytes = new ConfluentAvroSerializer<GenericRecord>(client, false, true).serialize("evolved", old);

        GpuDelivery read = new ConfluentAvroDeserializer<>(client, GpuDelivery.class).deserialize("evolved", bytes);
        assertThat(read.getUsefulLifeMonths()).isEqualTo(72);
        assertThat(read.getReservedForCounterpartyId()).isNull();
        assertThat(read.getItLoadMw()).isEqualByComparingTo("100");
    }

    @Test
    void aRecordOfAnotherTopicsSchemaIsASchemaMismatch() {
        byte[] gpuBytes = new ConfluentAvroSerializer<GpuDelivery>(client, false, true)
                .serialize("mixed", SampleEvents.batch("op-5", 5));
        assertThatThrownBy(() -> new ConfluentAvroDeserializer<>(client, Financing.class).deserialize("mixed", gpuBytes))
                .isInstanceOf(ConfluentException.SchemaMismatch.class)
                .hasMessageContaining("GpuDelivery")
                .hasMessageContaining("Financing");
    }

    @Test
    void anUnknownSchemaIdIsReportedWithTheId() {
        byte[] bytes = {0, 0, 0, 0x30, 0x39, 2, 'x'};
        assertThatThrownBy(() -> new ConfluentAvroDeserializer<>(client, Financing.class).deserialize("t", bytes))
                .isInstanceOfSatisfying(ConfluentException.UnknownSchemaId.class,
                        e -> assertThat(e.schemaId()).isEqualTo(12345));
    }

    @Test
    void aTruncatedBodyAndTrailingBytesAreRejected() {
        byte[] bytes = new ConfluentAvroSerializer<Financing>(client, false, true)
                .serialize("cut", SampleEvents.bond("op-6", 6));
        ConfluentAvroDeserializer<Financing> reader = new ConfluentAvroDeserializer<>(client, Financing.class);
        assertThatThrownBy(() -> reader.deserialize("cut", Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(ConfluentException.TruncatedPayload.class);
        assertThatThrownBy(() -> reader.deserialize("cut", Arrays.copyOf(bytes, bytes.length + 2)))
                .isInstanceOf(ConfluentException.InvalidPayload.class)
                .hasMessageContaining("trailing bytes");
    }

    @Test
    void anIncompatibleSchemaIsRefusedWithTheRegistrysReason() {
        Schema v1 = SchemaBuilder.record("Thing").fields().requiredString("a").endRecord();
        Schema v2 = SchemaBuilder.record("Thing").fields().requiredString("a").requiredInt("b").endRecord();
        client.register("compat-value", v1);
        assertThat(client.isCompatible("compat-value", v2)).isFalse();
        assertThatThrownBy(() -> client.register("compat-value", v2))
                .isInstanceOf(ConfluentException.IncompatibleSchema.class)
                .hasMessageContaining("compat-value");
    }

    @Test
    void withoutAutoRegistrationAnUnregisteredSchemaFailsWithTheRegistrysErrorCode() {
        ConfluentAvroSerializer<Financing> serializer = new ConfluentAvroSerializer<>(client, false, false);
        assertThatThrownBy(() -> serializer.serialize("never-registered", SampleEvents.bond("x", 1)))
                .isInstanceOfSatisfying(ConfluentException.RegistryError.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCodes.SUBJECT_NOT_FOUND));
    }

    @Test
    void anUnreachableRegistryFailsAfterBoundedRetries() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        RetryPolicy quick = new RetryPolicy(3, Duration.ofMillis(1), Duration.ofSeconds(2));
        SchemaRegistryClient unreachable = new SchemaRegistryClient("http://127.0.0.1:" + closedPort, quick);
        assertThatThrownBy(() -> unreachable.schemaById(1))
                .isInstanceOf(ConfluentException.RegistryUnavailable.class)
                .hasMessageContaining("after 3 attempts");
    }

    @Test
    void aDecimalWrittenAtAnotherScaleIsRefusedWithTheFieldNamed() {
        Schema atScale4 = SchemaVariants.withDecimalScale(Financing.getClassSchema(), "outstandingPrincipal", 4);
        Financing bond = SampleEvents.bond("op-1", 1);
        ConfluentAvroSerializer<GenericRecord> writer = new ConfluentAvroSerializer<>(client, false, true);
        byte[] bytes = writer.serialize("scaled", SchemaVariants.copy(bond, atScale4));
        ConfluentAvroDeserializer<Financing> reader = new ConfluentAvroDeserializer<>(client, Financing.class);
        assertThatThrownBy(() -> reader.deserialize("scaled", bytes))
                .isInstanceOf(ConfluentException.SchemaMismatch.class)
                .hasMessageContaining("decimal outstandingPrincipal is written at scale 4 but read at scale 2");
        Schema widerPrecision = new Schema.Parser().parse(atScale4.toString()
                .replace("\"precision\":20,\"scale\":4", "\"precision\":30,\"scale\":2"));
        byte[] wide = writer.serialize("wide", SchemaVariants.copy(bond, widerPrecision));
        assertThatThrownBy(() -> reader.deserialize("wide", wide))
                .isInstanceOf(ConfluentException.SchemaMismatch.class).hasMessageContaining("precision 30");
    }

    @Test
    void configuredByClassNameLikeConfluentsSerializers() {
        Map<String, Object> config = Map.of(ConfluentConfig.SCHEMA_REGISTRY_URL, registry.url(),
                ConfluentConfig.SPECIFIC_AVRO_READER, "true");
        ConfluentAvroSerializer<Financing> serializer = new ConfluentAvroSerializer<>();
        serializer.configure(config, false);
        ConfluentAvroDeserializer<Object> deserializer = new ConfluentAvroDeserializer<>();
        deserializer.configure(config, false);
        Financing bond = SampleEvents.bond("op-7", 7);
        assertThat(deserializer.deserialize("configured", serializer.serialize("configured", bond))).isEqualTo(bond);
    }

    private static byte[] plainAvro(Financing record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<Financing>(Financing.getClassSchema(), SpecificData.getForClass(Financing.class))
                .write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static Schema withoutFields(Schema schema, String... dropped) {
        java.util.List<String> drop = Arrays.asList(dropped);
        java.util.List<Schema.Field> kept = schema.getFields().stream().filter(f -> !drop.contains(f.name()))
                .map(f -> new Schema.Field(f, f.schema())).toList();
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, kept);
    }
}
