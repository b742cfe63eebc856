package com.exposuremonitor.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * The replay format: JSON lines, one input event per line.
 *
 * <pre>
 * # a comment; blank lines are skipped too
 * {"kind":"financing","eventId":"f-1","eventTime":"2026-01-05T12:00:00Z","operatorId":"campus-abilene",...}
 * </pre>
 *
 * <ul>
 *   <li>{@code kind}: {@code financing}, {@code gpu-delivery}, {@code revenue-report} or {@code payment-delay};
 *       every other member is named exactly as the Avro field, and unknown members are rejected.</li>
 *   <li>Money (scale 2) and MW (scale 3): a JSON string or number, read exactly as a BigDecimal and
 *       scaled to the schema's scale; a value that would lose digits is rejected, never rounded.</li>
 *   <li>Dates ISO {@code 2026-03-31}; {@code eventTime} an ISO-8601 instant {@code 2026-03-31T12:00:00Z}
 *       (milliseconds at most); enums by symbol; ints as JSON integers.</li>
 *   <li>Optional fields (a union with null, or a field with a default such as {@code usefulLifeMonths})
 *       may be omitted or null; a required field may not.</li>
 *   <li>A parsed record is also checked with {@code InputValidator}, so a line is accepted only when
 *       the stream processor would accept it too.</li>
 * </ul>
 *
 * {@link #write} produces the same one-line form (money as strings at the schema's scale, null
 * optional fields omitted), so {@code parse(write(r))} gives a record equal to {@code r}.
 */
public final class JsonEvents {

    public static final String KIND = "kind";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();
    /** Resolves enum symbols to the generated Java enums, from the classes next to this one. */
    private static final SpecificData ENUMS = new SpecificData(JsonEvents.class.getClassLoader());

    private JsonEvents() {
    }

    /**
     * Parses one line. Blank lines and lines whose first non-blank character is {@code #} give
     * {@link EventLine.Skipped}; a usable event gives {@link EventLine.Event}; anything else gives
     * {@link EventLine.Rejection} naming every problem found on the line.
     */
    public static EventLine parse(String line, int lineNumber) {
        String trimmed = line == null ? "" : line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
            return new EventLine.Skipped(lineNumber);
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(trimmed);
        } catch (JsonProcessingException e) {
            return reject(lineNumber, line, "malformed JSON: " + e.getOriginalMessage());
        }
        if (tree == null || !tree.isObject()) {
            return reject(lineNumber, line, "expected a JSON object, got " + describe(tree));
        }
        ObjectNode object = (ObjectNode) tree;
        JsonNode kindNode = object.get(KIND);
        if (kindNode == null || kindNode.isNull()) {
            return reject(lineNumber, line, "missing required field 'kind' (one of " + kinds() + ")");
        }
        Optional<EventKind> kind = kindNode.isTextual() ? EventKind.fromJsonName(kindNode.textValue())
                : Optional.empty();
        if (kind.isEmpty()) {
            return reject(lineNumber, line, "unknown kind " + kindNode + ", expected one of " + kinds());
        }
        return toRecord(kind.get(), object, lineNumber, line);
    }

    /** Reads every line of a UTF-8 file; never stops at the first bad line. */
    public static ParsedEvents read(Path file) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader);
        }
    }

    /** Reads every line; never stops at the first bad line. Line numbers start at 1. */
    public static ParsedEvents read(BufferedReader reader) throws IOException {
        List<EventLine.Event> events = new ArrayList<>();
        List<EventLine.Rejection> rejections = new ArrayList<>();
        int number = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            number++;
            if (number == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            EventLine parsed = parse(line, number);
            if (parsed instanceof EventLine.Event e) {
                events.add(e);
            } else if (parsed instanceof EventLine.Rejection r) {
                rejections.add(r);
            }
        }
        return new ParsedEvents(events, rejections);
    }

    /** {@link #read(BufferedReader)} on a string holding the whole file. */
    public static ParsedEvents readString(String text) {
        try {
            return read(new BufferedReader(new StringReader(text)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One line of JSON (no line break) that {@link #parse} turns back into an equal record. */
    public static String write(SpecificRecord record) {
        EventKind kind = EventKind.of(record);
        ObjectNode node = MAPPER.createObjectNode();
        node.put(KIND, kind.jsonName());
        for (Schema.Field field : kind.schema().getFields()) {
            Object value = record.get(field.pos());
            if (value != null) {
                node.set(field.name(), toJson(nonNull(field.schema()), value));
            }
        }
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + record, e);
        }
    }

    /** Writes each record as one line followed by '\n'. */
    public static void writeAll(Iterable<? extends SpecificRecord> records, Writer out) throws IOException {
        for (SpecificRecord r : records) {
            out.write(write(r));
            out.write('\n');
        }
    }

    // ---------------------------------------------------------------------------------------------

    private static EventLine toRecord(EventKind kind, ObjectNode object, int lineNumber, String line) {
        Schema schema = kind.schema();
        List<String> problems = new ArrayList<>();
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KIND.equals(name) && schema.getField(name) == null) {
                problems.add("unknown field '" + name + "' for kind " + kind.jsonName() + " (known fields: "
                        + String.join(", ", fieldNames(schema)) + ")");
            }
        }
        SpecificRecord record = kind.newRecord();
        for (Schema.Field field : schema.getFields()) {
            JsonNode value = object.get(field.name());
            if (value == null || value.isNull()) {
                if (isOptional(field)) {
                    record.put(field.pos(), GenericData.get().getDefaultValue(field));
                } else {
                    problems.add("missing required field '" + field.name() + "'");
                }
                continue;
            }
            try {
                record.put(field.pos(), fromJson(field.name(), nonNull(field.schema()), value));
            } catch (BadValue e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            return reject(lineNumber, line, String.join("; ", problems));
        }
        Optional<String> invalid = kind.validate(record);
        if (invalid.isPresent()) {
            return reject(lineNumber, line, "invalid " + kind.jsonName() + ": " + invalid.get());
        }
        return new EventLine.Event(lineNumber, kind, record);
    }

    private static boolean isOptional(Schema.Field field) {
        return field.hasDefaultValue() || field.schema().isNullable();
    }

    private static Object fromJson(String name, Schema schema, JsonNode value) {
        LogicalType logical = schema.getLogicalType();
        switch (schema.getType()) {
            case STRING:
                return text(name, value, "a JSON string");
            case ENUM: {
                String symbol = text(name, value, "a JSON string with an enum symbol");
                if (!schema.getEnumSymbols().contains(symbol)) {
                    throw new BadValue("bad enum symbol '" + symbol + "' for field '" + name + "', allowed: "
                            + String.join(", ", schema.getEnumSymbols()));
                }
                return ENUMS.createEnum(symbol, schema);
            }
            case LONG:
                if (logical instanceof LogicalTypes.TimestampMillis) {
                    return instant(name, value);
                }
                break;
            case INT:
                if (logical instanceof LogicalTypes.Date) {
                    return date(name, value);
                }
                if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                    throw new BadValue("bad number for field '" + name + "': expected a JSON integer, got "
                            + describe(value));
                }
                return value.intValue();
            case BYTES:
                if (logical instanceof LogicalTypes.Decimal decimal) {
                    return decimal(name, value, decimal);
                }
                break;
            default:
                break;
        }
        throw new IllegalStateException("field '" + name + "' has a type the replay format does not support: "
                + schema);
    }

    private static JsonNode toJson(Schema schema, Object value) {
        JsonNodeFactory f = MAPPER.getNodeFactory();
        if (value instanceof BigDecimal d) {
            int scale = ((LogicalTypes.Decimal) schema.getLogicalType()).getScale();
            BigDecimal scaled = d.scale() < scale ? d.setScale(scale) : d;
            return f.textNode(scaled.toPlainString());
        } else if (value instanceof Integer i) {
            return f.numberNode(i);
        }
        // String, Instant (ISO-8601 with Z), LocalDate (ISO), enums (symbol)
        return f.textNode(value instanceof Enum<?> e ? e.name() : value.toString());
    }

    private static String text(String name, JsonNode value, String expected) {
        if (!value.isTextual()) {
            throw new BadValue("field '" + name + "' must be " + expected + ", got " + describe(value));
        }
        return value.textValue();
    }

    private static Instant instant(String name, JsonNode value) {
        String text = text(name, value, "an ISO-8601 instant string like 2026-03-31T12:00:00Z");
        Instant instant;
        try {
            instant = Instant.parse(text);
            instant.toEpochMilli();
        } catch (DateTimeException | ArithmeticException e) {
            throw new BadValue("bad date for field '" + name + "': '" + text
                    + "' is not an ISO-8601 instant like 2026-03-31T12:00:00Z");
        }
        if (instant.getNano() % 1_000_000 != 0) {
            throw new BadValue("bad date for field '" + name + "': '" + text
                    + "' has digits below the millisecond, which timestamp-millis would lose");
        }
        return instant;
    }

    private static LocalDate date(String name, JsonNode value) {
        String text = text(name, value, "an ISO date string like 2026-03-31");
        try {
            return LocalDate.parse(text);
        } catch (DateTimeException e) {
            throw new BadValue("bad date for field '" + name + "': '" + text + "' is not an ISO date like 2026-03-31");
        }
    }

    private static BigDecimal decimal(String name, JsonNode value, LogicalTypes.Decimal type) {
        BigDecimal exact;
        if (value.isTextual()) {
            try {
                exact = new BigDecimal(value.textValue());
            } catch (NumberFormatException e) {
                throw new BadValue("bad number for field '" + name + "': '" + value.textValue()
                        + "' is not a decimal number");
            }
        } else if (value.isNumber()) {
            exact = value.decimalValue();
        } else {
            throw new BadValue("bad number for field '" + name + "': expected a decimal as a JSON string or number, got "
                    + describe(value));
        }
        BigDecimal scaled;
        try {
            scaled = exact.setScale(type.getScale(), RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new BadValue("bad number for field '" + name + "': " + exact.toPlainString() + " has more than "
                    + type.getScale() + " decimal places; it would lose digits");
        }
        if (scaled.precision() > type.getPrecision()) {
            throw new BadValue("bad number for field '" + name + "': " + exact.toPlainString() + " has more than "
                    + type.getPrecision() + " significant digits at scale " + type.getScale());
        }
        return scaled;
    }

    private static Schema nonNull(Schema schema) {
        if (schema.getType() != Schema.Type.UNION) {
            return schema;
        }
        return schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).findFirst()
                .orElseThrow(() -> new IllegalStateException("union without a non-null branch: " + schema));
    }

    private static Set<String> fieldNames(Schema schema) {
        Set<String> names = new LinkedHashSet<>();
        schema.getFields().forEach(f -> names.add(f.name()));
        return names;
    }

    private static String kinds() {
        return String.join(", ", EventKind.jsonNames());
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        String json = node.toString();
        String shown = json.length() > 40 ? json.substring(0, 40) + "..." : json;
        return node.getNodeType().name().toLowerCase(Locale.ROOT) + " " + shown;
    }

    private static EventLine.Rejection reject(int lineNumber, String line, String reason) {
        return new EventLine.Rejection(lineNumber, reason, line);
    }

    /** One field's value is unusable; the message names the field. */
    private static final class BadValue extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadValue(String message) {
            super(message, null, false, false);
        }
    }
}
