package com.exposuremonitor.embedded;

import com.exposuremonitor.confluent.ErrorCodes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;

/**
 * Confluent's schema references: a schema may use named types (a shared enum, say) registered under subjects of
 * their own, listed as {@code {"name":..., "subject":..., "version":...}}. Parsing such a schema parses its
 * references first, depth first, with the same Avro parser; the schema is stored as written, its references
 * beside it, so a client can do the same.
 */
final class SchemaReferences {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A reference to the named type {@code name}, defined by {@code version} of {@code subject}. */
    record Reference(String name, String subject, int version) {
    }

    /** A schema's text and the references its names resolve through. */
    record Content(String schema, List<Reference> references) {
        Content {
            references = List.copyOf(references);
        }
    }

    /** The parsed schema, and its content in the canonical form that identifies it. */
    record Parsed(Schema schema, Content canonical) {
    }

    /** The registered versions a reference may point at. */
    @FunctionalInterface
    interface Versions {
        /** The version ("latest", "-1" or a number) of the subject; a {@link RegistryException} when absent. */
        Content get(String subject, String version);
    }

    private SchemaReferences() {
    }

    /**
     * Parses the content with its references; an unknown reference or an invalid schema is a 422. Avro 1.12
     * deprecates {@code toString(referencedSchemas, pretty)} but offers no other way to render a schema
     * without inlining named types defined elsewhere.
     */
    @SuppressWarnings("deprecation")
    static Parsed parse(Content content, Versions versions) {
        Schema.Parser parser = new Schema.Parser();
        List<Schema> referenced = new ArrayList<>();
        addReferences(parser, content.references(), versions, new HashSet<>(), referenced);
        Schema schema = parse(parser, content.schema());
        // Without its references inlined: the stored text stays what the writer meant, and equal schemas
        // registered with equal references get the same id.
        String canonical = referenced.isEmpty() ? schema.toString() : schema.toString(referenced, false);
        return new Parsed(schema, new Content(canonical, content.references()));
    }

    /** The references of a request or a log record ({@code references} array; absent means none). */
    static List<Reference> fromJson(JsonNode references) {
        List<Reference> out = new ArrayList<>();
        for (JsonNode r : references) {
            String name = r.path("name").asText("");
            String subject = r.path("subject").asText("");
            if (name.isBlank() || subject.isBlank() || !r.path("version").canConvertToInt()) {
                throw new RegistryException(422, ErrorCodes.INVALID_SCHEMA,
                        "Invalid schema reference " + r + ": name, subject and version are required");
            }
            out.add(new Reference(name, subject, r.path("version").asInt()));
        }
        return out;
    }

    static ArrayNode toJson(List<Reference> references) {
        ArrayNode array = JSON.createArrayNode();
        references.forEach(r -> array.addObject().put("name", r.name()).put("subject", r.subject())
                .put("version", r.version()));
        return array;
    }

    private static void addReferences(Schema.Parser parser, List<Reference> references, Versions versions,
                                      Set<String> seen, List<Schema> parsed) {
        for (Reference reference : references) {
            if (!seen.add(reference.subject() + "/" + reference.version())) {
                continue; // reached twice (a diamond): Avro refuses a second definition of the same name
            }
            Content target = referenced(reference, versions);
            addReferences(parser, target.references(), versions, seen, parsed);
            parsed.add(parse(parser, target.schema()));
        }
    }

    private static Content referenced(Reference reference, Versions versions) {
        try {
            return versions.get(reference.subject(), String.valueOf(reference.version()));
        } catch (RegistryException e) {
            throw new RegistryException(422, ErrorCodes.INVALID_SCHEMA, "Invalid schema: reference "
                    + reference.name() + " to version " + reference.version() + " of subject "
                    + reference.subject() + " not found");
        }
    }

    private static Schema parse(Schema.Parser parser, String schemaText) {
        try {
            return parser.parse(schemaText);
        } catch (AvroRuntimeException | NullPointerException e) { // Avro 1.12: an undefined name is an AvroTypeException
            throw new RegistryException(422, ErrorCodes.INVALID_SCHEMA, "Invalid schema: " + e.getMessage());
        }
    }
}
