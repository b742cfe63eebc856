package com.exposuremonitor.confluent;

import static org.assertj.core.api.Assertions.assertThat;

import com.exposuremonitor.avro.Financing;
import com.exposuremonitor.embedded.EmbeddedSchemaRegistry;
import com.exposuremonitor.testing.SampleEvents;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Schema references end to end: the shared enums of {@code schemas/common} registered once under subjects of
 * their own, a record schema registered as written (using them by name) with references to them, and records
 * of it read back by our deserializer, which resolves the references the registry returns.
 */
class SchemaReferencesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NAMESPACE = "com.exposuremonitor.avro.";
    private static EmbeddedSchemaRegistry registry;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        registry = EmbeddedSchemaRegistry.inMemory();
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    @Test
    void aRecordUsingTheSharedEnumsIsReadBackByOurDeserializer() throws Exception {
        ArrayNode references = JSON.createArrayNode();
        for (String shared : List.of("Instrument", "RateType", "Amortization", "FacilityStatus")) {
            String subject = "common-" + shared.toLowerCase(Locale.ROOT);
            register(subject, Files.readString(Path.of("schemas/common/" + shared + ".avsc")), null);
            references.addObject().put("name", NAMESPACE + shared).put("subject", subject).put("version", 1);
        }
        int id = register("financings-value", Files.readString(Path.of("schemas/Financing.avsc")), references);
        Financing bond = SampleEvents.bond("op-ref", 1);
        byte[] bytes = framed(id, Financing.getClassSchema(), bond, new SpecificDatumWriter<>(
                Financing.getClassSchema(), SpecificData.getForClass(Financing.class)));

        ConfluentAvroDeserializer<Financing> specific =
                new ConfluentAvroDeserializer<>(new SchemaRegistryClient(registry.url()), Financing.class);
        assertThat(specific.deserialize("financings", bytes)).isEqualTo(bond);
        ConfluentAvroDeserializer<GenericRecord> generic =
                new ConfluentAvroDeserializer<>(new SchemaRegistryClient(registry.url()), null);
        GenericRecord record = generic.deserialize("financings", bytes);
        // The .avsc files lack the avro.java.string hints of the generated class: compare what Avro parses by.
        assertThat(parsingForm(record.getSchema())).isEqualTo(parsingForm(Financing.getClassSchema()));
        assertThat(record.get("instrument")).hasToString("BOND");
        assertThat(new SchemaRegistryClient(registry.url()).latest("financings-value")).hasValueSatisfying(
                v -> assertThat(parsingForm(v.schema())).as("a version is parsed with its references too")
                        .isEqualTo(parsingForm(Financing.getClassSchema())));
    }

    @Test
    void aTypeReachedThroughTwoReferencesIsDefinedOnce() throws Exception {
        String severity = "{\"type\":\"enum\",\"name\":\"Level\",\"namespace\":\"t\",\"symbols\":[\"LOW\",\"HIGH\"]}";
        register("t-level", severity, null);
        ArrayNode toLevel = references("t.Level", "t-level");
        register("t-a", record("A", "level", "t.Level"), toLevel);
        register("t-b", record("B", "level", "t.Level"), toLevel);
        ArrayNode both = references("t.A", "t-a");
        both.addAll(references("t.B", "t-b"));
        String outer = "{\"type\":\"record\",\"name\":\"Outer\",\"namespace\":\"t\",\"fields\":["
                + "{\"name\":\"a\",\"type\":\"t.A\"},{\"name\":\"b\",\"type\":\"t.B\"}]}";
        int id = register("t-outer", outer, both);

        Schema schema = new SchemaRegistryClient(registry.url()).schemaById(id);
        assertThat(schema.getField("a").schema().getField("level").schema())
                .isSameAs(schema.getField("b").schema().getField("level").schema());
        GenericRecord value = new GenericData.Record(schema);
        value.put("a", level(schema.getField("a").schema(), "HIGH"));
        value.put("b", level(schema.getField("b").schema(), "LOW"));
        GenericRecord read = new ConfluentAvroDeserializer<GenericRecord>(new SchemaRegistryClient(registry.url()), null)
                .deserialize("t", framed(id, schema, value, new GenericDatumWriter<>(schema)));
        assertThat(((GenericRecord) read.get("a")).get("level")).hasToString("HIGH");
        assertThat(((GenericRecord) read.get("b")).get("level")).hasToString("LOW");
    }

    private static String parsingForm(Schema schema) {
        return SchemaNormalization.toParsingForm(schema);
    }

    private static GenericRecord level(Schema recordSchema, String symbol) {
        GenericRecord r = new GenericData.Record(recordSchema);
        r.put("level", new GenericData.EnumSymbol(recordSchema.getField("level").schema(), symbol));
        return r;
    }

    private static String record(String name, String field, String type) {
        return "{\"type\":\"record\",\"name\":\"" + name + "\",\"namespace\":\"t\",\"fields\":[{\"name\":\""
                + field + "\",\"type\":\"" + type + "\"}]}";
    }

    private static ArrayNode references(String name, String subject) {
        ArrayNode refs = JSON.createArrayNode();
        refs.addObject().put("name", name).put("subject", subject).put("version", 1);
        return refs;
    }

    private int register(String subject, String schema, ArrayNode references) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("schema", schema);
        if (references != null) {
            body.set("references", references);
        }
        HttpResponse<String> reply = http.send(HttpRequest.newBuilder(
                        URI.create(registry.url() + "/subjects/" + subject + "/versions"))
                .header("Content-Type", SchemaRegistryClient.CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = JSON.readTree(reply.body());
        assertThat(reply.statusCode()).as("register %s: %s", subject, reply.body()).isEqualTo(200);
        return json.path("id").asInt();
    }

    /** What a Confluent serializer writes for the record under that schema id. */
    private static <T> byte[] framed(int id, Schema schema, T record, DatumWriter<T> writer) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(ByteBuffer.allocate(4).putInt(id).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        writer.setSchema(schema);
        writer.write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
