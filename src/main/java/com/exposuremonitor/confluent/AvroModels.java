package com.exposuremonitor.confluent;

import java.util.HashSet;
import java.util.Set;
import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;

/** Which Avro data model reads and writes a value, so logical types (decimal, date, timestamp) map to Java types. */
final class AvroModels {
    /** Generic records with decimals as BigDecimal, dates as LocalDate and timestamps as Instant. */
    static final GenericData GENERIC = genericWithLogicalTypes();

    private AvroModels() {
    }

    static GenericData forValue(Object value) {
        return value instanceof SpecificRecord ? SpecificData.getForClass(value.getClass()) : GENERIC;
    }

    /**
     * Avro 1.12 refuses to instantiate classes it does not trust. A caller that asks for a specific
     * reader type trusts that type and the generated types it contains, and nothing else.
     */
    static synchronized void trustGeneratedTypesOf(Schema readerSchema) {
        ClassSecurityValidator.Builder trusted = ClassSecurityValidator.builder();
        collectNamedTypes(readerSchema, new HashSet<>()).forEach(trusted::add);
        ClassSecurityValidator.setGlobal(
                ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(), trusted.build()));
    }

    private static Set<String> collectNamedTypes(Schema schema, Set<String> names) {
        switch (schema.getType()) {
            case RECORD -> {
                if (names.add(schema.getFullName())) {
                    schema.getFields().forEach(f -> collectNamedTypes(f.schema(), names));
                }
            }
            case ENUM, FIXED -> names.add(schema.getFullName());
            case UNION -> schema.getTypes().forEach(t -> collectNamedTypes(t, names));
            case ARRAY -> collectNamedTypes(schema.getElementType(), names);
            case MAP -> collectNamedTypes(schema.getValueType(), names);
            default -> { }
        }
        return names;
    }

    private static GenericData genericWithLogicalTypes() {
        GenericData data = new GenericData();
        data.addLogicalTypeConversion(new Conversions.DecimalConversion());
        data.addLogicalTypeConversion(new Conversions.UUIDConversion());
        data.addLogicalTypeConversion(new TimeConversions.DateConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimestampMicrosConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimeMillisConversion());
        return data;
    }
}
