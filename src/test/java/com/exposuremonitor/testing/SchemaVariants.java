package com.exposuremonitor.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.IndexedRecord;

/**
 * Writer schemas other than the generated ones, and records copied into them: what another producer (or
 * a newer version of ours) may write to an input topic.
 */
public final class SchemaVariants {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SchemaVariants() {
    }

    /** The schema with one more int field, defaulting to 0: a new, BACKWARD-compatible version. */
    public static Schema withExtraField(Schema schema, String name) {
        ObjectNode root = tree(schema);
        ObjectNode field = ((ArrayNode) root.get("fields")).addObject();
        field.put("name", name).put("type", "int").put("default", 0);
        return new Schema.Parser().parse(root.toString());
    }

    /** The schema with the named top-level decimal field (or the decimal branch of its union) at another scale. */
    public static Schema withDecimalScale(Schema schema, String fieldName, int scale) {
        ObjectNode root = tree(schema);
        root.get("fields").forEach(f -> {
            if (fieldName.equals(f.get("name").asText())) {
                rescale(f.get("type"), scale);
            }
        });
        return new Schema.Parser().parse(root.toString());
    }

    private static void rescale(com.fasterxml.jackson.databind.JsonNode type, int scale) {
        if (type.isArray()) {
            type.forEach(t -> rescale(t, scale));
        } else if (type.isObject() && "decimal".equals(type.path("logicalType").asText())) {
            ((ObjectNode) type).put("scale", scale);
        }
    }

    /** The record's values in the target schema: fields it lacks take their defaults, decimals its scale. */
    public static GenericRecord copy(IndexedRecord record, Schema target) {
        return (GenericRecord) convert(record, target);
    }

    private static Object convert(Object value, Schema schema) {
        if (value == null) {
            return null;
        }
        return switch (schema.getType()) {
            case UNION -> convert(value, schema.getTypes().stream()
                    .filter(s -> s.getType() != Schema.Type.NULL).findFirst().orElseThrow());
            case RECORD -> record((IndexedRecord) value, schema);
            case ENUM -> new GenericData.EnumSymbol(schema, value.toString());
            case ARRAY -> {
                List<Object> out = new ArrayList<>();
                ((Collection<?>) value).forEach(v -> out.add(convert(v, schema.getElementType())));
                yield out;
            }
            case MAP -> {
                Map<Object, Object> out = new LinkedHashMap<>();
                ((Map<?, ?>) value).forEach((k, v) -> out.put(k.toString(), convert(v, schema.getValueType())));
                yield out;
            }
            default -> schema.getLogicalType() instanceof LogicalTypes.Decimal d && value instanceof BigDecimal b
                    ? b.setScale(d.getScale()) : value;
        };
    }

    private static GenericRecord record(IndexedRecord source, Schema schema) {
        GenericData.Record out = new GenericData.Record(schema);
        for (Schema.Field field : schema.getFields()) {
            Schema.Field from = source.getSchema().getField(field.name());
            out.put(field.pos(), from == null ? GenericData.get().getDefaultValue(field)
                    : convert(source.get(from.pos()), field.schema()));
        }
        return out;
    }

    private static ObjectNode tree(Schema schema) {
        try {
            return (ObjectNode) JSON.readTree(schema.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
