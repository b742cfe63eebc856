package com.exposuremonitor.api;

import static com.exposuremonitor.api.ApiClient.get;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenApiTest {

    @Test
    void theDocumentIsValidJsonListingEveryPath() throws IOException {
        try (HttpApi api = HttpApi.start("127.0.0.1", 0, "t", new FakeBackend())) {
            HttpResponse<String> response = get(api, "/openapi.json", "t");

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode doc = ApiClient.json(response);
            assertThat(doc.get("openapi").asText()).startsWith("3.0");
            List<String> paths = new ArrayList<>();
            doc.get("paths").fieldNames().forEachRemaining(paths::add);
            assertThat(paths).contains("/operators", "/operators/{id}", "/counterparties/{id}", "/contagion", "/lenders/{id}",
                    "/alerts", "/alerts/stream", "/feed", "/health", "/metrics", "/openapi.json", "/");
            assertThat(doc.at("/components/securitySchemes/bearerAuth/scheme").asText()).isEqualTo("bearer");
            assertThat(doc.at("/paths/~1operators~1{id}/get/responses").has("503")).isTrue();
            assertThat(doc.at("/paths/~1health/get/security").isEmpty()).isTrue();
            doc.get("paths").forEach(path -> path.forEach(operation ->
                    assertThat(operation.at("/responses/413/$ref").asText()).isEqualTo("#/components/responses/E413")));
            assertThat(doc.at("/paths/~1feed/get/responses/503/$ref").asText())
                    .isEqualTo("#/components/responses/E503Stream");
        }
    }

    @Test
    void everyReferenceResolves() throws IOException {
        JsonNode doc = AvroJson.MAPPER.readTree(OpenApiTest.class.getResourceAsStream("/openapi.json"));
        List<String> refs = new ArrayList<>();
        collect(doc, refs);

        assertThat(refs).isNotEmpty();
        refs.forEach(ref -> assertThat(doc.at(ref.substring(1)).isMissingNode()).as(ref).isFalse());
    }

    private static void collect(JsonNode node, List<String> refs) {
        if (node.has("$ref")) {
            refs.add(node.get("$ref").asText());
        }
        node.forEach(child -> collect(child, refs));
    }
}
