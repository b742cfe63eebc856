package com.exposuremonitor.embedded;

import com.exposuremonitor.confluent.ErrorCodes;
import com.exposuremonitor.confluent.SchemaRegistryClient;
import com.exposuremonitor.embedded.SchemaReferences.Content;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Confluent Schema Registry REST API subset, routed by path segments. */
final class RegistryHttpHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryHttpHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    private final SchemaStore store;

    RegistryHttpHandler(SchemaStore store) {
        this.store = store;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Object reply;
            int status = 200;
            try {
                reply = route(exchange.getRequestMethod().toUpperCase(Locale.ROOT),
                        segments(exchange.getRequestURI().getRawPath()), exchange);
            } catch (RegistryException e) {
                status = e.httpStatus;
                reply = error(e.errorCode, e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("registry request {} failed", exchange.getRequestURI(), e);
                status = 500;
                reply = error(50001, "Error in the backend data store: " + e.getMessage());
            }
            byte[] body = (reply instanceof String raw ? raw : JSON.writeValueAsString(reply))
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", SchemaRegistryClient.CONTENT_TYPE);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private Object route(String method, List<String> path, HttpExchange exchange) throws IOException {
        String head = path.isEmpty() ? "" : path.get(0);
        return switch (head) {
            case "" -> JSON.createObjectNode();
            case "subjects" -> subjects(method, path, exchange);
            case "schemas" -> schemas(method, path);
            case "config" -> config(method, path, exchange);
            case "compatibility" -> compatibility(method, path, exchange);
            default -> throw notFound();
        };
    }

    private Object subjects(String method, List<String> path, HttpExchange exchange) throws IOException {
        if (path.size() == 1 && method.equals("GET")) {
            return store.subjects();
        }
        String subject = path.get(1);
        if (path.size() == 2 && method.equals("POST")) {
            return versionJson(store.lookup(subject, schemaOf(exchange)), true);
        }
        if (path.size() == 3 && path.get(2).equals("versions")) {
            return switch (method) {
                case "GET" -> store.versions(subject);
                case "POST" -> JSON.createObjectNode().put("id", store.register(subject, schemaOf(exchange)));
                default -> throw notFound();
            };
        }
        if (path.size() == 4 && path.get(2).equals("versions") && method.equals("GET")) {
            return versionJson(store.version(subject, path.get(3)), true);
        }
        if (path.size() == 5 && path.get(4).equals("schema") && method.equals("GET")) {
            return store.version(subject, path.get(3)).schema();
        }
        throw notFound();
    }

    private Object schemas(String method, List<String> path) {
        if (path.size() == 2 && path.get(1).equals("types") && method.equals("GET")) {
            return List.of("AVRO");
        }
        if (path.size() < 3 || !path.get(1).equals("ids") || !method.equals("GET")) {
            throw notFound();
        }
        int id = parseId(path.get(2));
        if (path.size() == 3) {
            Content content = store.schemaById(id);
            return withReferences(JSON.createObjectNode().put("schema", content.schema()), content);
        }
        if (path.size() == 4 && path.get(3).equals("schema")) {
            return store.schemaById(id).schema();
        }
        if (path.size() == 4 && path.get(3).equals("subjects")) {
            return store.versionsWithId(id).stream().map(SchemaStore.Version::subject).distinct().toList();
        }
        if (path.size() == 4 && path.get(3).equals("versions")) {
            ArrayNode list = JSON.createArrayNode();
            store.versionsWithId(id).forEach(v -> list.addObject().put("subject", v.subject())
                    .put("version", v.version()));
            return list;
        }
        throw notFound();
    }

    private Object config(String method, List<String> path, HttpExchange exchange) throws IOException {
        String subject = path.size() == 2 ? path.get(1) : null;
        if (path.size() > 2) {
            throw notFound();
        }
        if (method.equals("PUT")) {
            String text = body(exchange).path("compatibility").asText("");
            CompatibilityLevel level;
            try {
                level = CompatibilityLevel.parse(text);
            } catch (IllegalArgumentException e) {
                throw new RegistryException(422, ErrorCodes.INVALID_COMPATIBILITY_LEVEL,
                        "Invalid compatibility level. Valid values are none, backward, forward, full, "
                                + "backward_transitive, forward_transitive, and full_transitive");
            }
            store.setLevel(subject, level);
            return JSON.createObjectNode().put("compatibility", level.name());
        }
        if (!method.equals("GET")) {
            throw notFound();
        }
        CompatibilityLevel level = subject == null ? store.globalLevel()
                : store.subjectLevel(subject).orElseGet(() -> {
                    if (query(exchange).contains("defaultToGlobal=true")) {
                        return store.globalLevel();
                    }
                    throw new RegistryException(404, ErrorCodes.SUBJECT_COMPATIBILITY_NOT_CONFIGURED,
                            "Subject '" + subject + "' does not have subject-level compatibility configured");
                });
        return JSON.createObjectNode().put("compatibilityLevel", level.name());
    }

    private Object compatibility(String method, List<String> path, HttpExchange exchange) throws IOException {
        boolean shape = path.size() == 5 && path.get(1).equals("subjects") && path.get(3).equals("versions");
        if (!shape || !method.equals("POST")) {
            throw notFound();
        }
        boolean compatible = store.isCompatible(path.get(2), schemaOf(exchange), path.get(4));
        return JSON.createObjectNode().put("is_compatible", compatible);
    }

    private static ObjectNode versionJson(SchemaStore.Version v, boolean withSchema) {
        ObjectNode node = JSON.createObjectNode().put("subject", v.subject()).put("version", v.version())
                .put("id", v.id());
        return withSchema ? withReferences(node.put("schema", v.schema()), v.content()) : node;
    }

    /** Confluent leaves {@code references} out when there are none. */
    private static ObjectNode withReferences(ObjectNode node, Content content) {
        if (!content.references().isEmpty()) {
            node.set("references", SchemaReferences.toJson(content.references()));
        }
        return node;
    }

    private static Content schemaOf(HttpExchange exchange) throws IOException {
        JsonNode body = body(exchange);
        String type = body.path("schemaType").asText("AVRO");
        if (!type.equals("AVRO")) {
            throw new RegistryException(422, ErrorCodes.INVALID_SCHEMA, "Only AVRO schemas are supported, got " + type);
        }
        JsonNode schema = body.path("schema");
        if (!schema.isTextual()) {
            throw new RegistryException(422, ErrorCodes.INVALID_SCHEMA, "Empty schema");
        }
        return new Content(schema.asText(), SchemaReferences.fromJson(body.path("references")));
    }

    private static JsonNode body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw new RegistryException(413, 41301, "Request body larger than " + MAX_BODY_BYTES + " bytes");
            }
            try {
                return bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
            } catch (IOException e) {
                throw new RegistryException(400, 400, "Malformed JSON body: " + e.getMessage());
            }
        }
    }

    private static int parseId(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new RegistryException(404, ErrorCodes.SCHEMA_NOT_FOUND, "Schema " + text + " not found");
        }
    }

    private static String query(HttpExchange exchange) {
        String query = exchange.getRequestURI().getRawQuery();
        return query == null ? "" : query;
    }

    private static List<String> segments(String rawPath) {
        return Arrays.stream(rawPath.split("/")).filter(s -> !s.isEmpty())
                .map(s -> URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8)).toList();
    }

    private static ObjectNode error(int code, String message) {
        return JSON.createObjectNode().put("error_code", code).put("message", message);
    }

    private static RegistryException notFound() {
        return new RegistryException(404, 404, "HTTP 404 Not Found");
    }
}
