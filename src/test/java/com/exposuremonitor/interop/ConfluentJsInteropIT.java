package com.exposuremonitor.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.exposuremonitor.avro.Amortization;
import com.exposuremonitor.avro.FacilityStatus;
import com.exposuremonitor.avro.Financing;
import com.exposuremonitor.avro.Instrument;
import com.exposuremonitor.avro.RateType;
import com.exposuremonitor.confluent.ConfluentAvroSerde;
import com.exposuremonitor.confluent.SchemaRegistryClient;
import com.exposuremonitor.confluent.SubjectNames;
import com.exposuremonitor.confluent.WireFormat;
import com.exposuremonitor.embedded.EmbeddedKafka;
import com.exposuremonitor.embedded.EmbeddedSchemaRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Interoperability proof against the official Confluent JavaScript client ({@code @confluentinc/schemaregistry},
 * pinned in {@code src/test/js/package.json}): our embedded registry serves its REST calls, and our serdes and
 * its serdes produce and read the same Confluent wire format, byte for byte.
 *
 * <p>The JS side is {@code src/test/js/interop.mjs}, run with {@code node}; its packages must be installed
 * first ({@code npm ci --prefix src/test/js}). The record is a {@link Financing}: strings, a timestamp-millis,
 * a date, four enums, an int, a bytes decimal(20,2) and a nullable decimal, so both union branches and a
 * decimal whose two's complement needs a leading sign byte are covered.
 */
class ConfluentJsInteropIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();
    private static final long NODE_TIMEOUT_SECONDS = 60;
    private static final String TOPIC = "interop.financing";
    private static final String SUBJECT = SubjectNames.topicName(TOPIC, false);

    @TempDir
    static Path tmp;

    private static Path jsDir;
    private static EmbeddedKafka kafka;
    private static EmbeddedSchemaRegistry registry;
    private static SchemaRegistryClient client;
    private static Path schemaFile;

    @BeforeAll
    static void start() throws Exception {
        jsDir = projectDir().resolve("src/test/js");
        if (!Files.isDirectory(jsDir.resolve("node_modules/@confluentinc/schemaregistry"))) {
            fail("The Confluent JS client is not installed in " + jsDir.resolve("node_modules")
                    + ": run npm ci in src/test/js (npm ci --prefix src/test/js)");
        }
        kafka = EmbeddedKafka.start(tmp.resolve("kafka"));
        registry = EmbeddedSchemaRegistry.start(kafka.bootstrapServers(), 0);
        client = new SchemaRegistryClient(registry.url());
        // The schema exactly as our Java serializer registers it (Schema#toString of the generated class).
        schemaFile = tmp.resolve("Financing.avsc");
        Files.writeString(schemaFile, Financing.getClassSchema().toString(), StandardCharsets.UTF_8);
    }

    @AfterAll
    static void stop() throws Exception {
        if (registry != null) {
            registry.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    static Stream<Arguments> records() {
        Financing termLoan = Financing.newBuilder()
                .setEventId("7d0f6c1e-3b7a-4f52-9a0e-2c4b8f1d5e61")
                .setEventTime(Instant.parse("2026-03-02T14:30:05.123Z"))
                .setOperatorId("op-nimbus-compute")
                .setFacilityId("tl-2025-b")
                .setLenderId("bank.consortium-7")
                .setInstrument(Instrument.GPU_BACKED_LOAN)
                .setOutstandingPrincipal(new BigDecimal("2187500000.00"))
                .setAnnualRateBps(1125)
                .setRateType(RateType.FLOATING)
                .setMaturityDate(LocalDate.parse("2030-12-31"))
                .setAmortization(Amortization.LINEAR)
                .setAnnualLeasePayment(null)
                .setStatus(FacilityStatus.ACTIVE)
                .build();
        Financing lease = Financing.newBuilder()
                .setEventId("evt-000042")
                .setEventTime(Instant.parse("1999-12-31T23:59:59.999Z"))
                .setOperatorId("op_Lab.A")
                .setFacilityId("lease-dc-3")
                .setLenderId("lessor-9")
                .setInstrument(Instrument.FINANCE_LEASE)
                .setOutstandingPrincipal(new BigDecimal("0.00"))
                .setAnnualRateBps(0)
                .setRateType(RateType.FIXED)
                .setMaturityDate(LocalDate.parse("1969-07-20")) // before the epoch: a negative day count
                .setAmortization(Amortization.BULLET)
                // unscaled 3800000000 = 0xE27F6600: the encoding needs a leading 0x00 sign byte
                .setAnnualLeasePayment(new BigDecimal("38000000.00"))
                .setStatus(FacilityStatus.DEFAULTED)
                .build();
        return Stream.of(Arguments.of("term loan, no lease payment", termLoan),
                Arguments.of("finance lease, lease payment needing a sign byte", lease));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    void javaReadsWhatTheJsClientWrote(String name, Financing expected) throws Exception {
        JsSerialized js = jsSerialize(expected);
        byte[] bytes = HEX.parseHex(js.hex);

        assertThat(WireFormat.schemaId(bytes)).as("schema id in the JS bytes").isEqualTo(js.schemaId);
        try (Serde<Financing> specific = ConfluentAvroSerde.specific(Financing.class, new SchemaRegistryClient(registry.url()), false);
             Serde<GenericRecord> generic = ConfluentAvroSerde.generic(new SchemaRegistryClient(registry.url()), false)) {
            Financing read = specific.deserializer().deserialize(TOPIC, bytes);
            assertThat(read).as("specific record read from the JS bytes; node stderr:%n%s", js.stderr)
                    .isEqualTo(expected);
            assertThat(read.getOutstandingPrincipal()).isEqualTo(expected.getOutstandingPrincipal());
            assertThat(read.getAnnualLeasePayment()).isEqualTo(expected.getAnnualLeasePayment());

            GenericRecord record = generic.deserializer().deserialize(TOPIC, bytes);
            assertThat(record.getSchema()).isEqualTo(Financing.getClassSchema());
            assertThat(record.get("outstandingPrincipal")).isEqualTo(expected.getOutstandingPrincipal());
            assertThat(record.get("annualLeasePayment")).isEqualTo(expected.getAnnualLeasePayment());
            assertThat(record.get("eventTime")).isEqualTo(expected.getEventTime());
            assertThat(record.get("maturityDate")).isEqualTo(expected.getMaturityDate());
            assertThat(record.get("instrument")).isInstanceOf(GenericData.EnumSymbol.class)
                    .hasToString(expected.getInstrument().name());
            assertThat(record.get("status")).hasToString(expected.getStatus().name());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    void jsClientReadsWhatJavaWrote(String name, Financing expected) throws Exception {
        byte[] bytes = javaSerialize(expected);

        NodeResult result = node("deserialize", registry.url(), TOPIC, HEX.formatHex(bytes));
        JsonNode out = result.json();
        assertThat(out.path("schemaId").asInt()).as("schema id the JS client read; node stderr:%n%s", result.stderr)
                .isEqualTo(WireFormat.schemaId(bytes));
        assertThat(out.path("record")).as("record the JS client read; node stderr:%n%s", result.stderr)
                .isEqualTo(toJsJson(expected));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    void sameSchemaIdAndIdenticalBytes(String name, Financing expected) throws Exception {
        JsSerialized js = jsSerialize(expected);
        byte[] javaBytes = javaSerialize(expected);

        // A fresh client, so nothing comes from the cache of the client that registered.
        SchemaRegistryClient fresh = new SchemaRegistryClient(registry.url());
        assertThat(fresh.lookupId(SUBJECT, Financing.getClassSchema()))
                .as("our lookup (POST /subjects/%s) of the schema the JS client registered", SUBJECT)
                .isEqualTo(js.schemaId);
        assertThat(fresh.schemaById(js.schemaId)).isEqualTo(Financing.getClassSchema());
        assertThat(WireFormat.schemaId(javaBytes)).as("schema id our serializer wrote").isEqualTo(js.schemaId);
        assertThat(HEX.formatHex(javaBytes))
                .as("Confluent wire format of the same record and schema, Java vs JS; node stderr:%n%s", js.stderr)
                .isEqualTo(js.hex);
    }

    /**
     * Schema references: the JS client registers the shared enums of {@code schemas/common} under subjects of
     * their own and {@code Financing.avsc} as written, with references to them; its serializer and a fresh JS
     * deserializer resolve them through our registry, and our deserializer reads the same bytes.
     */
    @Test
    void aSchemaWithReferencesRegisteredByTheJsClientIsReadByBothClients() throws Exception {
        String topic = "interop.references";
        Financing expected = (Financing) records().findFirst().orElseThrow().get()[1];
        Path recordFile = Files.createTempFile(tmp, "record", ".json");
        Files.writeString(recordFile, JSON.writeValueAsString(toJsJson(expected)), StandardCharsets.UTF_8);
        Path schemas = projectDir().resolve("schemas");
        List<String> args = new ArrayList<>(List.of("references", registry.url(), topic,
                schemas.resolve("Financing.avsc").toString(), recordFile.toString()));
        for (String shared : List.of("Instrument", "RateType", "Amortization", "FacilityStatus")) {
            args.add(schemas.resolve("common/" + shared + ".avsc").toString());
        }
        NodeResult result = node(args.toArray(String[]::new));
        JsonNode out = result.json();
        byte[] bytes = HEX.parseHex(out.path("hex").asText());

        assertThat(out.path("record")).as("the JS client read back; node stderr:%n%s", result.stderr)
                .isEqualTo(toJsJson(expected));
        assertThat(result.stderr).as("the JS deserializer fetched a reference from our registry")
                .contains("GET /subjects/" + topic + "-Instrument/versions/1");
        assertThat(WireFormat.schemaId(bytes)).isEqualTo(out.path("schemaId").asInt());
        try (Serde<Financing> specific = ConfluentAvroSerde.specific(Financing.class,
                new SchemaRegistryClient(registry.url()), false)) {
            assertThat(specific.deserializer().deserialize(topic, bytes)).isEqualTo(expected);
        }
        byte[] ours = javaSerialize(expected);
        assertThat(HEX.formatHex(bytes, WireFormat.HEADER_SIZE, bytes.length))
                .as("the same Avro body as our serializer writes")
                .isEqualTo(HEX.formatHex(ours, WireFormat.HEADER_SIZE, ours.length));
    }

    @Test
    void unknownSchemaIdIsReportedByTheRegistryAsConfluentError40403() throws Exception {
        byte[] bytes = javaSerialize(records().findFirst().map(a -> (Financing) a.get()[1]).orElseThrow());
        int unknownId = 987_654_321;
        bytes[1] = (byte) (unknownId >>> 24);
        bytes[2] = (byte) (unknownId >>> 16);
        bytes[3] = (byte) (unknownId >>> 8);
        bytes[4] = (byte) unknownId;

        NodeResult result = runNode("deserialize", registry.url(), TOPIC, HEX.formatHex(bytes));
        assertThat(result.exitCode).as("exit code of a JS deserialize of an unknown schema id; stdout:%n%s%nstderr:%n%s",
                result.stdout, result.stderr).isEqualTo(1);
        // The JS client turns the registry's {"error_code":40403,"message":...} body into a RestError.
        assertThat(result.stderr).as("node stderr").contains("GET /schemas/ids/" + unknownId)
                .contains("HTTP status 404, error_code 40403");
    }

    // ------------------------------------------------------------------------------------------------

    private record JsSerialized(int schemaId, String hex, String stderr) {
    }

    private record NodeResult(List<String> command, int exitCode, String stdout, String stderr) {
        /** The one line of JSON node printed, failing with node's stderr when it did not succeed. */
        JsonNode json() throws IOException {
            if (exitCode != 0) {
                fail("node exited with %d: %s%nstdout:%n%s%nstderr:%n%s", exitCode, String.join(" ", command),
                        stdout, stderr);
            }
            String[] lines = stdout.strip().split("\\R");
            try {
                return JSON.readTree(lines[lines.length - 1]);
            } catch (IOException e) {
                throw new AssertionError("node printed no JSON line: " + stdout + "\nstderr:\n" + stderr, e);
            }
        }
    }

    private JsSerialized jsSerialize(Financing record) throws Exception {
        Path recordFile = Files.createTempFile(tmp, "record", ".json");
        Files.writeString(recordFile, JSON.writeValueAsString(toJsJson(record)), StandardCharsets.UTF_8);
        NodeResult result = node("serialize", registry.url(), TOPIC, schemaFile.toString(), recordFile.toString());
        JsonNode out = result.json();
        assertThat(out.path("schemaId").isInt()).as("schemaId in %s; node stderr:%n%s", out, result.stderr).isTrue();
        assertThat(out.path("hex").asText()).as("hex in %s", out).matches("(?:[0-9a-f]{2})+");
        return new JsSerialized(out.path("schemaId").asInt(), out.path("hex").asText(), result.stderr);
    }

    private byte[] javaSerialize(Financing record) {
        try (Serde<Financing> serde = ConfluentAvroSerde.specific(Financing.class, client, false)) {
            return serde.serializer().serialize(TOPIC, record);
        }
    }

    /** The record in interop.mjs's JSON conventions (decimals as plain strings, dates and timestamps as numbers). */
    private static JsonNode toJsJson(Financing f) throws IOException {
        ObjectNode json = JSON.createObjectNode()
                .put("eventId", f.getEventId())
                .put("eventTime", f.getEventTime().toEpochMilli())
                .put("operatorId", f.getOperatorId())
                .put("facilityId", f.getFacilityId())
                .put("lenderId", f.getLenderId())
                .put("instrument", f.getInstrument().name())
                .put("outstandingPrincipal", f.getOutstandingPrincipal().toPlainString())
                .put("annualRateBps", f.getAnnualRateBps())
                .put("rateType", f.getRateType().name())
                .put("maturityDate", f.getMaturityDate().toEpochDay())
                .put("amortization", f.getAmortization().name())
                .put("annualLeasePayment", f.getAnnualLeasePayment() == null ? null
                        : f.getAnnualLeasePayment().toPlainString())
                .put("status", f.getStatus().name());
        // Re-read, so that numbers get the same node types as in node's output.
        return JSON.readTree(JSON.writeValueAsString(json));
    }

    private static Path projectDir() {
        return Path.of(System.getProperty("exposure.projectDir", System.getProperty("user.dir")));
    }

    private static NodeResult node(String... args) throws Exception {
        return runNode(args);
    }

    private static NodeResult runNode(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(System.getProperty("exposure.node", "node"));
        command.add("interop.mjs");
        command.addAll(List.of(args));
        Path stdout = Files.createTempFile(tmp, "node", ".out");
        Path stderr = Files.createTempFile(tmp, "node", ".err");
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .directory(jsDir.toFile())
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile())
                    .start();
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command.get(0) + " (Node.js 20+ must be on the PATH, "
                    + "or set -Dexposure.node=/path/to/node): " + e.getMessage(), e);
        }
        if (!process.waitFor(NODE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            fail("node did not finish within %d s: %s%nstderr:%n%s", NODE_TIMEOUT_SECONDS, String.join(" ", command),
                    Files.readString(stderr));
        }
        NodeResult result = new NodeResult(command, process.exitValue(),
                Files.readString(stdout, StandardCharsets.UTF_8), Files.readString(stderr, StandardCharsets.UTF_8));
        System.out.printf("$ %s%n-> exit %d%n%s%s", String.join(" ", command), result.exitCode, result.stdout, result.stderr);
        return result;
    }
}
