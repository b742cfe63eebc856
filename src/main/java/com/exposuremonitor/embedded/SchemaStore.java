package com.exposuremonitor.embedded;

import com.exposuremonitor.confluent.ErrorCodes;
import com.exposuremonitor.embedded.SchemaReferences.Content;
import com.exposuremonitor.embedded.SchemaReferences.Parsed;
import com.exposuremonitor.embedded.SchemaReferences.Reference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.Schema;

/**
 * The registry's state: subjects, versions, global ids and compatibility settings. Every change is first
 * appended to the log and then applied through the same path a restart replays, so memory and log agree.
 */
final class SchemaStore {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One registered version of a subject: its schema text (canonical) and the references it resolves through. */
    record Version(String subject, int version, int id, Content content) {
        String schema() {
            return content.schema();
        }

        List<Reference> references() {
            return content.references();
        }
    }

    private final RegistryLog log;
    private final Map<String, List<Version>> subjects = new TreeMap<>();
    private final Map<Integer, Content> schemasById = new HashMap<>();
    /** A schema's global id, by its canonical text and references: the same pair gets the same id everywhere. */
    private final Map<Content, Integer> idsByContent = new HashMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel = CompatibilityLevel.BACKWARD;
    private int maxId;

    SchemaStore(RegistryLog log) {
        this.log = log;
        log.replay(this::apply);
    }

    synchronized int register(String subject, Content submitted) {
        Parsed parsed = parse(resolve(submitted));
        Content canonical = parsed.canonical();
        Optional<Version> existing = find(subject, canonical);
        if (existing.isPresent()) {
            return existing.get().id();
        }
        List<String> problems = levelOf(subject).problems(parsed.schema(), history(subject));
        if (!problems.isEmpty()) {
            throw new RegistryException(409, ErrorCodes.INCOMPATIBLE_SCHEMA,
                    "Schema being registered is incompatible with an earlier schema for subject \""
                            + subject + "\", details: " + problems);
        }
        int id = idsByContent.getOrDefault(canonical, maxId + 1);
        int version = versionsOf(subject).stream().mapToInt(Version::version).max().orElse(0) + 1;
        append(schemaKey(subject, version), schemaValue(subject, version, id, canonical));
        return id;
    }

    synchronized Version lookup(String subject, Content submitted) {
        requireSubject(subject);
        Content canonical = parse(resolve(submitted)).canonical();
        return find(subject, canonical).orElseThrow(() ->
                new RegistryException(404, ErrorCodes.SCHEMA_NOT_FOUND, "Schema not found"));
    }

    synchronized Version version(String subject, String version) {
        List<Version> versions = requireSubject(subject);
        if ("latest".equals(version) || "-1".equals(version)) {
            return versions.get(versions.size() - 1);
        }
        int wanted = parseVersion(version);
        return versions.stream().filter(v -> v.version() == wanted).findFirst().orElseThrow(() ->
                new RegistryException(404, ErrorCodes.VERSION_NOT_FOUND, "Version " + version + " not found."));
    }

    synchronized Content schemaById(int id) {
        Content schema = schemasById.get(id);
        if (schema == null) {
            throw new RegistryException(404, ErrorCodes.SCHEMA_NOT_FOUND, "Schema " + id + " not found");
        }
        return schema;
    }

    synchronized List<Version> versionsWithId(int id) {
        schemaById(id);
        return subjects.values().stream().flatMap(List::stream).filter(v -> v.id() == id).toList();
    }

    synchronized List<String> subjects() {
        return List.copyOf(subjects.keySet());
    }

    synchronized List<Integer> versions(String subject) {
        return requireSubject(subject).stream().map(Version::version).toList();
    }

    synchronized boolean isCompatible(String subject, Content submitted, String version) {
        Schema schema = parse(resolve(submitted)).schema();
        if (!subjects.containsKey(subject)) {
            return true;
        }
        List<Schema> against = "latest".equals(version) ? history(subject)
                : List.of(parse(version(subject, version).content()).schema());
        return levelOf(subject).problems(schema, against).isEmpty();
    }

    synchronized CompatibilityLevel globalLevel() {
        return globalLevel;
    }

    synchronized Optional<CompatibilityLevel> subjectLevel(String subject) {
        return Optional.ofNullable(subjectLevels.get(subject));
    }

    synchronized void setLevel(String subject, CompatibilityLevel level) {
        ObjectNode key = JSON.createObjectNode().put("keytype", "CONFIG").put("subject", subject).put("magic", 0);
        ObjectNode value = JSON.createObjectNode().put("compatibilityLevel", level.name());
        append(key.toString(), value.toString());
    }

    private void append(String key, String value) {
        log.append(key, value);
        apply(key, value);
    }

    /** Applies one log record; unknown record types (Confluent's NOOP, DELETE_SUBJECT...) are skipped. */
    private void apply(String keyText, String valueText) {
        JsonNode key = read(keyText);
        switch (key.path("keytype").asText()) {
            case "SCHEMA" -> applySchema(valueText);
            case "CONFIG" -> applyConfig(key, valueText);
            default -> { }
        }
    }

    private void applySchema(String valueText) {
        if (valueText == null) {
            return;
        }
        JsonNode value = read(valueText);
        Content content = new Content(value.path("schema").asText(),
                SchemaReferences.fromJson(value.path("references")));
        Version version = new Version(value.path("subject").asText(), value.path("version").asInt(),
                value.path("id").asInt(), content);
        List<Version> versions = subjects.computeIfAbsent(version.subject(), s -> new ArrayList<>());
        versions.removeIf(v -> v.version() == version.version());
        versions.add(version);
        versions.sort((a, b) -> Integer.compare(a.version(), b.version()));
        schemasById.putIfAbsent(version.id(), content);
        idsByContent.putIfAbsent(content, version.id());
        maxId = Math.max(maxId, version.id());
    }

    private void applyConfig(JsonNode key, String valueText) {
        String subject = key.path("subject").isTextual() ? key.path("subject").asText() : null;
        CompatibilityLevel level = valueText == null ? null
                : CompatibilityLevel.parse(read(valueText).path("compatibilityLevel").asText());
        if (subject == null) {
            globalLevel = level == null ? CompatibilityLevel.BACKWARD : level;
        } else if (level == null) {
            subjectLevels.remove(subject);
        } else {
            subjectLevels.put(subject, level);
        }
    }

    private Optional<Version> find(String subject, Content canonical) {
        return versionsOf(subject).stream().filter(v -> v.content().equals(canonical)).findFirst();
    }

    private List<Version> versionsOf(String subject) {
        return subjects.getOrDefault(subject, List.of());
    }

    private List<Schema> history(String subject) {
        return versionsOf(subject).stream().map(v -> parse(v.content()).schema()).toList();
    }

    private Parsed parse(Content content) {
        return SchemaReferences.parse(content, (subject, version) -> version(subject, version).content());
    }

    /** References as stored: "latest" (-1) pinned to the version it is now, so a schema's meaning never moves. */
    private Content resolve(Content submitted) {
        List<Reference> pinned = submitted.references().stream().map(r -> r.version() != -1 ? r
                : new Reference(r.name(), r.subject(), latestVersionOf(r))).toList();
        return new Content(submitted.schema(), pinned);
    }

    private int latestVersionOf(Reference reference) {
        List<Version> versions = versionsOf(reference.subject());
        if (versions.isEmpty()) {
            throw new RegistryException(422, ErrorCodes.INVALID_SCHEMA, "Invalid schema: reference "
                    + reference.name() + " to subject " + reference.subject() + " not found");
        }
        return versions.get(versions.size() - 1).version();
    }

    private CompatibilityLevel levelOf(String subject) {
        return subjectLevels.getOrDefault(subject, globalLevel);
    }

    private List<Version> requireSubject(String subject) {
        List<Version> versions = subjects.get(subject);
        if (versions == null || versions.isEmpty()) {
            throw new RegistryException(404, ErrorCodes.SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
        }
        return versions;
    }

    private static int parseVersion(String version) {
        try {
            int parsed = Integer.parseInt(version);
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // fall through to the registry's own error
        }
        throw new RegistryException(422, ErrorCodes.INVALID_VERSION,
                "The specified version '" + version + "' is not a valid version id. "
                        + "Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    private static String schemaKey(String subject, int version) {
        return JSON.createObjectNode().put("keytype", "SCHEMA").put("subject", subject)
                .put("version", version).put("magic", 1).toString();
    }

    /** Confluent's record of a schema in {@code _schemas}; {@code references} only when there are some. */
    private static String schemaValue(String subject, int version, int id, Content content) {
        ObjectNode value = JSON.createObjectNode().put("subject", subject).put("version", version).put("id", id)
                .put("schema", content.schema());
        if (!content.references().isEmpty()) {
            value.set("references", SchemaReferences.toJson(content.references()));
        }
        return value.put("deleted", false).toString();
    }

    private static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable registry log record: " + text, e);
        }
    }
}
