package com.exposuremonitor.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The raw REST contract, as a Confluent client sees it: paths, JSON shapes, error codes, content type. */
class SchemaRegistryRestApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String V1 = "{\"type\":\"record\",\"name\":\"Pay\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}";
    private static final String V2 = "{\"type\":\"record\",\"name\":\"Pay\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"},"
            + "{\"name\":\"b\",\"type\":\"int\",\"default\":0}]}";
    private static EmbeddedSchemaRegistry registry;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        registry = EmbeddedSchemaRegistry.inMemory();
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    @Test
    void registerLookupLatestAndGetById() throws Exception {
        int id = call("POST", "/subjects/pay-value/versions", schemaBody(V1)).body.path("id").asInt();
        assertThat(id).isPositive();

        Reply again = call("POST", "/subjects/pay-value/versions", schemaBody(V1));
        assertThat(again.body.path("id").asInt()).as("re-registering is idempotent").isEqualTo(id);

        Reply lookup = call("POST", "/subjects/pay-value", schemaBody(V1));
        assertThat(lookup.body.path("version").asInt()).isEqualTo(1);
        assertThat(lookup.body.path("id").asInt()).isEqualTo(id);

        int id2 = call("POST", "/subjects/pay-value/versions", schemaBody(V2)).body.path("id").asInt();
        Reply latest = call("GET", "/subjects/pay-value/versions/latest", null);
        assertThat(latest.body.path("version").asInt()).isEqualTo(2);
        assertThat(latest.body.path("id").asInt()).isEqualTo(id2);
        assertThat(call("GET", "/subjects/pay-value/versions", null).body.toString()).isEqualTo("[1,2]");

        Reply byId = call("GET", "/schemas/ids/" + id, null);
        assertThat(JSON.readTree(byId.body.path("schema").asText())).isEqualTo(JSON.readTree(V1));
        assertThat(byId.contentType).isEqualTo("application/vnd.schemaregistry.v1+json");
    }

    @Test
    void theSameSchemaUnderAnotherSubjectKeepsItsGlobalId() throws Exception {
        String schema = "{\"type\":\"record\",\"name\":\"Shared\",\"fields\":[{\"name\":\"x\",\"type\":\"long\"}]}";
        int first = call("POST", "/subjects/one-value/versions", schemaBody(schema)).body.path("id").asInt();
        int second = call("POST", "/subjects/two-value/versions", schemaBody(schema)).body.path("id").asInt();
        assertThat(second).isEqualTo(first);
    }

    @Test
    void errorsCarryConfluentErrorCodes() throws Exception {
        Reply unknownSubject = call("GET", "/subjects/nope/versions/latest", null);
        assertThat(unknownSubject.status).isEqualTo(404);
        assertThat(unknownSubject.body.path("error_code").asInt()).isEqualTo(40401);

        Reply unknownId = call("GET", "/schemas/ids/99999", null);
        assertThat(unknownId.body.path("error_code").asInt()).isEqualTo(40403);

        Reply invalid = call("POST", "/subjects/bad-value/versions", "{\"schema\":\"{not avro\"}");
        assertThat(invalid.status).isEqualTo(422);
        assertThat(invalid.body.path("error_code").asInt()).isEqualTo(42201);

        call("POST", "/subjects/v-value/versions", schemaBody(V1));
        Reply missingVersion = call("GET", "/subjects/v-value/versions/7", null);
        assertThat(missingVersion.body.path("error_code").asInt()).isEqualTo(40402);
    }

    @Test
    void backwardCompatibilityIsEnforcedAndConfigurablePerSubject() throws Exception {
        String breaking = "{\"type\":\"record\",\"name\":\"Pay\",\"fields\":[{\"name\":\"c\",\"type\":\"int\"}]}";
        call("POST", "/subjects/strict-value/versions", schemaBody(V1));
        assertThat(call("GET", "/config", null).body.path("compatibilityLevel").asText()).isEqualTo("BACKWARD");
        assertThat(call("POST", "/compatibility/subjects/strict-value/versions/latest", schemaBody(breaking))
                .body.path("is_compatible").asBoolean()).isFalse();
        Reply refused = call("POST", "/subjects/strict-value/versions", schemaBody(breaking));
        assertThat(refused.status).isEqualTo(409);
        assertThat(refused.body.path("error_code").asInt()).isEqualTo(409);

        Reply noSubjectLevel = call("GET", "/config/strict-value", null);
        assertThat(noSubjectLevel.body.path("error_code").asInt()).isEqualTo(40408);
        assertThat(call("PUT", "/config/strict-value", "{\"compatibility\":\"NONE\"}").body.path("compatibility")
                .asText()).isEqualTo("NONE");
        assertThat(call("GET", "/config/strict-value", null).body.path("compatibilityLevel").asText()).isEqualTo("NONE");
        assertThat(call("POST", "/subjects/strict-value/versions", schemaBody(breaking)).status).isEqualTo(200);
        assertThat(call("PUT", "/config", "{\"compatibility\":\"SIDEWAYS\"}").body.path("error_code").asInt())
                .isEqualTo(42203);
    }

    @Test
    void schemaReferencesAreResolvedStoredAndReturnedAsConfluentDoes() throws Exception {
        String level = "{\"type\":\"enum\",\"name\":\"Level\",\"namespace\":\"r\",\"symbols\":[\"LOW\",\"HIGH\"]}";
        int levelId = call("POST", "/subjects/r-level/versions", schemaBody(level)).body.path("id").asInt();
        String usesLevel = "{\"type\":\"record\",\"name\":\"Alarm\",\"namespace\":\"r\",\"fields\":"
                + "[{\"name\":\"level\",\"type\":\"r.Level\"}]}";
        String references = "[{\"name\":\"r.Level\",\"subject\":\"r-level\",\"version\":1}]";
        String body = "{\"schema\":" + JSON.writeValueAsString(usesLevel) + ",\"schemaType\":\"AVRO\",\"references\":"
                + references + "}";

        Reply registered = call("POST", "/subjects/alarm-value/versions", body);
        assertThat(registered.status).as(registered.body.toString()).isEqualTo(200);
        int id = registered.body.path("id").asInt();
        assertThat(id).isNotEqualTo(levelId);
        assertThat(call("POST", "/subjects/alarm-value/versions", body).body.path("id").asInt()).isEqualTo(id);
        assertThat(call("POST", "/subjects/alarm-value", body).body.path("id").asInt()).as("lookup").isEqualTo(id);

        Reply byId = call("GET", "/schemas/ids/" + id, null);
        assertThat(byId.body.path("references")).isEqualTo(JSON.readTree(references));
        assertThat(byId.body.path("schema").asText()).as("stored without the enum inlined")
                .contains("Level").doesNotContain("symbols");
        assertThat(call("GET", "/subjects/alarm-value/versions/1", null).body.path("references"))
                .isEqualTo(JSON.readTree(references));
        assertThat(call("GET", "/schemas/ids/" + levelId, null).body.has("references"))
                .as("no references field when there are none").isFalse();

        Reply withoutReferences = call("POST", "/subjects/other-value/versions", schemaBody(usesLevel));
        assertThat(withoutReferences.status).isEqualTo(422);
        assertThat(withoutReferences.body.path("error_code").asInt()).isEqualTo(42201);
        Reply missing = call("POST", "/subjects/other-value/versions", body.replace("\"version\":1", "\"version\":9"));
        assertThat(missing.status).isEqualTo(422);
        assertThat(missing.body.path("message").asText()).contains("r-level").contains("not found");
    }

    private static String schemaBody(String schema) {
        return JSON.createObjectNode().put("schema", schema).toString();
    }

    private record Reply(int status, JsonNode body, String contentType) {
    }

    private Reply call(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(registry.url() + path))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), JSON.readTree(response.body()),
                response.headers().firstValue("Content-Type").orElse(""));
    }
}
