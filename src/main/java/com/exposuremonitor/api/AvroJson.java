package com.exposuremonitor.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;

/**
 * Avro records (specific or generic) as JSON for the API: field names as in the schema, decimals as strings
 * with their exact digits (never doubles), dates as ISO {@code 2026-03-31}, timestamps as ISO-8601 UTC
 * instants, enums as their symbols, null as null. Non-finite doubles (never produced) become null.
 */
public final class AvroJson {
    /** The mapper the API writes with; thread-safe. */
    public static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Conversions.DecimalConversion DECIMALS = new Conversions.DecimalConversion();

    private AvroJson() {
    }

    public static ObjectNode toTree(IndexedRecord record) {
        return (ObjectNode) value(record.getSchema(), record);
    }

    public static ArrayNode toTree(Collection<? extends IndexedRecord> records) {
        ArrayNode out = NODES.arrayNode();
        records.forEach(r -> out.add(toTree(r)));
        return out;
    }

    /** One line of JSON (no newlines, as SSE {@code data:} needs). */
    public static String toJson(IndexedRecord record) {
        return write(toTree(record));
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    static JsonNode value(Schema schema, Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        LogicalType logical = schema.getLogicalType();
        if (logical != null) {
            return logical(schema, logical, value);
        }
        return switch (schema.getType()) {
            case RECORD -> record((IndexedRecord) value);
            case UNION -> value(branch(schema, value), value);
            case ARRAY -> array(schema.getElementType(), (Collection<?>) value);
            case MAP -> map(schema.getValueType(), (Map<?, ?>) value);
            case ENUM, STRING -> NODES.textNode(value.toString());
            case BYTES -> NODES.textNode(Base64.getEncoder().encodeToString(bytes((ByteBuffer) value)));
            case FIXED -> NODES.textNode(Base64.getEncoder().encodeToString(((GenericFixed) value).bytes()));
            case INT -> NODES.numberNode(((Number) value).intValue());
            case LONG -> NODES.numberNode(((Number) value).longValue());
            case FLOAT, DOUBLE -> number(((Number) value).doubleValue());
            case BOOLEAN -> NODES.booleanNode((Boolean) value);
            case NULL -> NODES.nullNode();
        };
    }

    private static ObjectNode record(IndexedRecord record) {
        ObjectNode out = NODES.objectNode();
        for (Schema.Field field : record.getSchema().getFields()) {
            out.set(field.name(), value(field.schema(), record.get(field.pos())));
        }
        return out;
    }

    private static ArrayNode array(Schema items, Collection<?> values) {
        ArrayNode out = NODES.arrayNode();
        values.forEach(v -> out.add(value(items, v)));
        return out;
    }

    private static ObjectNode map(Schema values, Map<?, ?> map) {
        ObjectNode out = NODES.objectNode();
        map.forEach((k, v) -> out.set(k.toString(), value(values, v)));
        return out;
    }

    private static JsonNode number(double d) {
        return Double.isFinite(d) ? NODES.numberNode(d) : NODES.nullNode();
    }

    private static JsonNode logical(Schema schema, LogicalType logical, Object value) {
        if (logical instanceof LogicalTypes.Decimal decimal) {
            return NODES.textNode(decimal(schema, decimal, value).toPlainString());
        }
        if (logical instanceof LogicalTypes.Date) {
            LocalDate date = value instanceof LocalDate d ? d : LocalDate.ofEpochDay(((Number) value).longValue());
            return NODES.textNode(date.toString());
        }
        if (logical instanceof LogicalTypes.TimestampMillis) {
            return NODES.textNode(instant(value, ChronoUnit.MILLIS).toString());
        }
        if (logical instanceof LogicalTypes.TimestampMicros) {
            return NODES.textNode(instant(value, ChronoUnit.MICROS).toString());
        }
        return NODES.textNode(value.toString()); // uuid, local timestamps, times: their ISO toString
    }

    private static BigDecimal decimal(Schema schema, LogicalTypes.Decimal type, Object value) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof ByteBuffer buffer) {
            return DECIMALS.fromBytes(buffer.duplicate(), schema, type);
        }
        return DECIMALS.fromFixed((GenericFixed) value, schema, type);
    }

    private static Instant instant(Object value, ChronoUnit unit) {
        if (value instanceof Instant i) {
            return i;
        }
        return Instant.EPOCH.plus(((Number) value).longValue(), unit);
    }

    /** The branch of a union a Java value belongs to (records by full name, else by Avro type). */
    private static Schema branch(Schema union, Object value) {
        List<Schema> types = union.getTypes();
        for (Schema candidate : types) {
            if (candidate.getType() != Schema.Type.NULL && matches(candidate, value)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("value of " + value.getClass().getName() + " fits no branch of " + union);
    }

    private static boolean matches(Schema schema, Object value) {
        if (schema.getLogicalType() instanceof LogicalTypes.Decimal) {
            return value instanceof BigDecimal || value instanceof ByteBuffer || value instanceof GenericFixed;
        }
        return switch (schema.getType()) {
            case RECORD -> value instanceof IndexedRecord r && r.getSchema().getFullName().equals(schema.getFullName());
            case ENUM -> value instanceof Enum<?> e ? e.getDeclaringClass().getSimpleName().equals(schema.getName())
                    : value instanceof org.apache.avro.generic.GenericEnumSymbol<?> g
                    && g.getSchema().getFullName().equals(schema.getFullName());
            case STRING -> value instanceof CharSequence || value instanceof java.util.UUID;
            case ARRAY -> value instanceof Collection<?>;
            case MAP -> value instanceof Map<?, ?>;
            case BYTES -> value instanceof ByteBuffer;
            case FIXED -> value instanceof GenericFixed;
            case INT -> value instanceof Integer || value instanceof LocalDate || value instanceof java.time.LocalTime;
            case LONG -> value instanceof Long || value instanceof Instant || value instanceof java.time.temporal.Temporal;
            case FLOAT -> value instanceof Float;
            case DOUBLE -> value instanceof Double;
            case BOOLEAN -> value instanceof Boolean;
            default -> false;
        };
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return out;
    }
}
