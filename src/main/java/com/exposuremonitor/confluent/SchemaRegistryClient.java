package com.exposuremonitor.confluent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.avro.Schema;

/**
 * Client of the Confluent Schema Registry REST API (the subset a serializer and an operator need), with the
 * credentials, TLS settings and URL failover of its {@link RegistryClientConfig}. Ids and schemas are cached:
 * a schema id never changes its meaning, so caching is always safe.
 */
public final class SchemaRegistryClient {
    public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryClientConfig config;
    private final RegistryUrls urls;
    private final HttpClient http;
    private final RetryPolicy retry;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    /**
     * Per subject, ids by Schema. Keyed by the Schema object itself: Avro caches its hash and compares by
     * identity first, so a serializer's hot path never renders the schema to text.
     */
    private final Map<String, Map<Schema, Integer>> idsBySubject = new ConcurrentHashMap<>();
    private final LongAdder retried = new LongAdder();
    private final LongAdder unavailable = new LongAdder();
    private final LongAdder refused = new LongAdder();

    /** A registry without credentials; {@code urls} may list several, separated by commas. */
    public SchemaRegistryClient(String urls) {
        this(RegistryClientConfig.of(urls));
    }

    public SchemaRegistryClient(String urls, RetryPolicy retry) {
        this(RegistryClientConfig.of(urls).withRetry(retry));
    }

    public SchemaRegistryClient(RegistryClientConfig config) {
        this.config = config;
        this.urls = new RegistryUrls(config.urls());
        this.retry = config.retry();
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(retry.requestTimeout());
        config.tls().context().ifPresent(builder::sslContext);
        this.http = builder.build();
    }

    /** The URL requests go to now (it moves on when one fails). */
    public String baseUrl() {
        return urls.current().toString();
    }

    public RegistryClientConfig config() {
        return config;
    }

    /** Registry calls retried (after a connection error, a timeout, a 5xx or a 429), for metrics. */
    public long retried() {
        return retried.sum();
    }

    /** Registry calls that failed after every retry. */
    public long unavailable() {
        return unavailable.sum();
    }

    /** Registry calls refused for good (401/403, a wrong URL). */
    public long refused() {
        return refused.sum();
    }

    /** Registers the schema under the subject (idempotent) and returns its global id. */
    public int register(String subject, Schema schema) {
        Integer cached = cachedId(subject, schema);
        if (cached != null) {
            return cached;
        }
        JsonNode reply = send("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema), subject);
        int id = reply.path("id").asInt();
        remember(subject, id, schema);
        return id;
    }

    /** The id of a schema already registered under the subject, without registering it. */
    public int lookupId(String subject, Schema schema) {
        Integer cached = cachedId(subject, schema);
        if (cached != null) {
            return cached;
        }
        JsonNode reply = send("POST", "/subjects/" + encode(subject), schemaBody(schema), subject);
        int id = reply.path("id").asInt();
        remember(subject, id, schema);
        return id;
    }

    /** The schema with this global id; {@link ConfluentException.UnknownSchemaId} when there is none. */
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        try {
            JsonNode reply = send("GET", "/schemas/ids/" + id, null, null);
            Schema schema = parseWithReferences(reply);
            schemasById.put(id, schema);
            return schema;
        } catch (ConfluentException.RegistryError e) {
            if (e.errorCode() == ErrorCodes.SCHEMA_NOT_FOUND) {
                throw new ConfluentException.UnknownSchemaId(id, e.getMessage());
            }
            // Only 40403 says the id does not exist. Anything else (40401: another registry or context; a 400 or
            // 413 from a gateway) is about how we reach the registry, never the record's fault.
            throw new ConfluentException.RegistryRefused(e.httpStatus(), "schema id " + id + ": " + e.getMessage()
                    + "; is this the registry (and context) the producers register with?");
        }
    }

    /** The latest version under the subject, if the subject exists. */
    public Optional<RegisteredSchema> latest(String subject) {
        return version(subject, "latest");
    }

    /** A given version ("latest" or a number) under the subject, if it exists. */
    public Optional<RegisteredSchema> version(String subject, String version) {
        try {
            JsonNode reply = send("GET", "/subjects/" + encode(subject) + "/versions/" + version, null, subject);
            Schema schema = parseWithReferences(reply);
            return Optional.of(new RegisteredSchema(reply.path("subject").asText(subject),
                    reply.path("version").asInt(), reply.path("id").asInt(), schema));
        } catch (ConfluentException.RegistryError e) {
            if (e.httpStatus() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Whether the registry would accept the schema as the subject's next version. */
    public boolean isCompatible(String subject, Schema schema) {
        JsonNode reply = send("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest",
                schemaBody(schema), subject);
        return reply.path("is_compatible").asBoolean();
    }

    /** The compatibility level of the subject, or the global one when subject is null. */
    public String compatibility(String subject) {
        String path = subject == null ? "/config" : "/config/" + encode(subject) + "?defaultToGlobal=true";
        return send("GET", path, null, subject).path("compatibilityLevel").asText();
    }

    /** Sets the compatibility level of the subject, or the global one when subject is null. */
    public void setCompatibility(String subject, String level) {
        String path = subject == null ? "/config" : "/config/" + encode(subject);
        ObjectNode body = JSON.createObjectNode().put("compatibility", level);
        send("PUT", path, body.toString(), subject);
    }

    private Integer cachedId(String subject, Schema schema) {
        Map<Schema, Integer> ids = idsBySubject.get(subject);
        return ids == null ? null : ids.get(schema);
    }

    private void remember(String subject, int id, Schema schema) {
        idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>()).put(schema, id);
        schemasById.putIfAbsent(id, schema);
    }

    private static String schemaBody(Schema schema) {
        return JSON.createObjectNode().put("schema", schema.toString()).toString();
    }

    /**
     * A schema as the registry gives it, with its references (Confluent's schema references: named types
     * registered under subjects of their own) parsed first, depth first, by the same parser, so the schema can
     * use their names.
     */
    private Schema parseWithReferences(JsonNode reply) {
        Schema.Parser parser = new Schema.Parser();
        addReferences(parser, reply.path("references"), new HashSet<>());
        return parser.parse(reply.path("schema").asText());
    }

    private void addReferences(Schema.Parser parser, JsonNode references, Set<String> parsed) {
        for (JsonNode reference : references) {
            String subject = reference.path("subject").asText();
            int version = reference.path("version").asInt();
            if (!parsed.add(subject + "/" + version)) {
                continue; // shared by two references: Avro refuses a second definition of a name
            }
            JsonNode referenced = send("GET", "/subjects/" + encode(subject) + "/versions/" + version, null, null);
            addReferences(parser, referenced.path("references"), parsed);
            parser.parse(referenced.path("schema").asText());
        }
    }

    private JsonNode send(String method, String path, String body, String subject) {
        HttpResponse<String> response;
        try {
            response = retry.call(() -> attempt(method, path, body), method + " " + path + " at " + urls,
                    retried::increment);
        } catch (ConfluentException.RegistryUnavailable e) {
            unavailable.increment();
            throw e;
        } catch (ConfluentException.RegistryRefused e) {
            refused.increment();
            throw e;
        }
        try {
            return parse(response, subject);
        } catch (ConfluentException.RegistryRefused e) {
            refused.increment();
            throw e;
        }
    }

    /** One try at the current URL; a connection failure or a 5xx hands the next try to the next URL. */
    private HttpResponse<String> attempt(String method, String path, String body)
            throws IOException, InterruptedException {
        URI base = urls.current();
        try {
            HttpResponse<String> response = http.send(request(base, method, path, body),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() >= 500) {
                urls.failed(base);
            }
            return response;
        } catch (IOException e) {
            urls.failed(base);
            Optional<String> tls = RegistryTls.permanentFailure(e);
            if (tls.isPresent() && !urls.alternatives()) {
                throw new ConfluentException.RegistryRefused(method + " " + base + path + ": " + tls.get(), e);
            }
            if (tls.isPresent()) {
                // one node's certificate (expired, say) is no reason to give up on the others
                throw new IOException(base + ": " + tls.get(), e);
            }
            throw new IOException(base + ": " + e, e);
        }
    }

    private HttpRequest request(URI base, String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(retry.requestTimeout())
                .header("Accept", CONTENT_TYPE)
                .method(method, body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", CONTENT_TYPE);
        }
        config.auth().headers(base).forEach(request::header);
        return request.build();
    }

    private static JsonNode parse(HttpResponse<String> response, String subject) {
        JsonNode json = readJson(response.body());
        int status = response.statusCode();
        if (status / 100 == 2) {
            return json;
        }
        int errorCode = json.path("error_code").asInt(status);
        String message = json.path("message").asText(response.body());
        if (status == 409 && subject != null) {
            throw new ConfluentException.IncompatibleSchema(subject, message);
        }
        if (refused(status, errorCode)) {
            throw new ConfluentException.RegistryRefused(status, message + hint(status));
        }
        throw new ConfluentException.RegistryError(status, errorCode, message);
    }

    /**
     * 401/403, or a 404 without one of the registry's own 404 codes (a wrong URL or a proxy in the way):
     * nothing a retry or another record would change.
     */
    private static boolean refused(int status, int errorCode) {
        return status == 401 || status == 403 || (status == 404 && errorCode / 100 != 404);
    }

    private static String hint(int status) {
        return status == 404 ? "; is the schema registry URL right?"
                : "; check the schema registry credentials (basic.auth.* or bearer.auth.*) and their permissions";
    }

    private static JsonNode readJson(String body) {
        try {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode().put("message", body);
        }
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
