package com.exposuremonitor.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.Test;

/**
 * Every schema in {@code schemas/} parses, documents every field, and stays BACKWARD compatible with its
 * released copy in {@code schemas/released/}: a new reader must read what the last release wrote.
 * After a deliberate release, refresh the copies with
 * {@code mvn -B test -Dtest=SchemaCatalogueTest -Dschemas.release=true}.
 */
class SchemaCatalogueTest {
    private static final Path SCHEMAS = Path.of("schemas");
    private static final Path RELEASED = SCHEMAS.resolve("released");

    @Test
    void everySchemaParsesAndDocumentsEveryField() throws IOException {
        Map<String, Schema> records = parseAll();
        assertThat(records).containsKeys("Financing", "GpuDelivery", "RevenueReport", "PaymentDelay",
                "OperatorExposure", "CounterpartyExposure", "LenderExposure", "DefaultRiskAlert", "DeadLetter", "AlertRule",
                "OperatorDailySnapshot", "SectorDailySummary");
        List<String> undocumented = new ArrayList<>();
        records.values().forEach(s -> collectUndocumented(s, undocumented, new java.util.HashSet<>()));
        assertThat(undocumented).as("schemas and fields without a doc").isEmpty();
    }

    @Test
    void everySchemaIsBackwardCompatibleWithItsReleasedCopy() throws IOException {
        Map<String, Schema> records = parseAll();
        if (Boolean.getBoolean("schemas.release")) {
            release(records);
        }
        List<String> problems = new ArrayList<>();
        for (Schema current : records.values()) {
            Path copy = RELEASED.resolve(current.getName() + ".avsc");
            if (!Files.exists(copy)) {
                problems.add(current.getName() + ": no released copy in " + copy);
                continue;
            }
            Schema released = new Schema.Parser().parse(copy.toFile());
            SchemaCompatibility.SchemaPairCompatibility result =
                    SchemaCompatibility.checkReaderWriterCompatibility(current, released);
            if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
                problems.add(current.getName() + ": " + result.getResult().getIncompatibilities());
            }
        }
        assertThat(problems).as("schemas that would break readers of released data").isEmpty();
    }

    /** Top-level record schemas by name, parsed the way the build parses them (shared types first). */
    static Map<String, Schema> parseAll() throws IOException {
        Schema.Parser parser = new Schema.Parser();
        for (Path common : list(SCHEMAS.resolve("common"))) {
            parser.parse(common.toFile());
        }
        Map<String, Schema> records = new LinkedHashMap<>();
        for (Path file : list(SCHEMAS)) {
            Schema schema = parser.parse(file.toFile());
            records.put(schema.getName(), schema);
        }
        return records;
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".avsc")).sorted().toList();
        }
    }

    private static void collectUndocumented(Schema schema, List<String> out, java.util.Set<String> seen) {
        switch (schema.getType()) {
            case RECORD -> {
                if (!seen.add(schema.getFullName())) {
                    return;
                }
                if (schema.getDoc() == null || schema.getDoc().isBlank()) {
                    out.add(schema.getFullName());
                }
                for (Schema.Field field : schema.getFields()) {
                    if (field.doc() == null || field.doc().isBlank()) {
                        out.add(schema.getFullName() + "." + field.name());
                    }
                    collectUndocumented(field.schema(), out, seen);
                }
            }
            case UNION -> schema.getTypes().forEach(t -> collectUndocumented(t, out, seen));
            case ARRAY -> collectUndocumented(schema.getElementType(), out, seen);
            case MAP -> collectUndocumented(schema.getValueType(), out, seen);
            case ENUM -> {
                if (schema.getDoc() == null || schema.getDoc().isBlank()) {
                    out.add(schema.getFullName());
                }
            }
            default -> { }
        }
    }

    private static void release(Map<String, Schema> records) throws IOException {
        Files.createDirectories(RELEASED);
        for (Schema schema : records.values()) {
            Files.writeString(RELEASED.resolve(schema.getName() + ".avsc"), schema.toString(true) + "\n");
        }
    }
}
