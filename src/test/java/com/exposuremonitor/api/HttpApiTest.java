package com.exposuremonitor.api;

import static com.exposuremonitor.api.ApiClient.get;
import static com.exposuremonitor.api.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpApiTest {
    private final FakeBackend backend = new FakeBackend();
    private HttpApi api;

    @BeforeEach
    void start() throws IOException {
        api = HttpApi.start("127.0.0.1", 0, null, backend);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void foundIs200WithTheRecordAndExactMoney() {
        backend.found(ApiFixtures.exposure("op-1"));

        HttpResponse<String> response = get(api, "/operators/op-1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body()).contains("\"revenue\":\"917000000.00\"");
        assertThat(json(response).get("asOfDate").asText()).isEqualTo("2026-03-31");
    }

    @Test
    void livenessStaysUpWhileRestoringAndReadinessWaitsForRunning() {
        backend.healthy = false; // rebalancing or restoring
        assertThat(get(api, "/health/live").statusCode()).as("alive while restoring").isEqualTo(200);
        assertThat(get(api, "/health/ready").statusCode()).as("not ready while restoring").isEqualTo(503);
        assertThat(get(api, "/health").statusCode()).as("/health is readiness").isEqualTo(503);
        backend.alive = false; // stopped for good
        assertThat(get(api, "/health/live").statusCode()).isEqualTo(503);
        backend.healthy = true;
        backend.alive = true;
        assertThat(get(api, "/health/ready").statusCode()).isEqualTo(200);
        assertThat(json(get(api, "/health/live")).get("status").asText()).isEqualTo("UP");
    }

    @Test
    void notFoundIs404WithAnErrorBody() {
        HttpResponse<String> response = get(api, "/operators/op-9");

        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode body = json(response);
        assertThat(body.get("error").asText()).isEqualTo("operator op-9 not found");
        assertThat(body.get("status").intValue()).isEqualTo(404);
    }

    @Test
    void unavailableIs503WithRetryAfter() {
        backend.operators.put("op-1", new Lookup.Unavailable<>("store not queryable"));

        HttpResponse<String> response = get(api, "/operators/op-1");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(json(response).get("error").asText()).isEqualTo("store not queryable");
    }

    @Test
    void viewsTheBackendDoesNotOfferYetAre503() {
        assertThat(get(api, "/counterparties/lab-a").statusCode()).isEqualTo(503);
        assertThat(get(api, "/lenders/bank-1").statusCode()).isEqualTo(503);
    }

    @Test
    void invalidIdsAre400BeforeAnyLookup() {
        HttpResponse<String> spaced = get(api, "/operators/bad%20id");
        HttpResponse<String> lender = get(api, "/lenders/x%22%3Cscript%3E");

        assertThat(spaced.statusCode()).isEqualTo(400);
        assertThat(json(spaced).get("error").asText()).isEqualTo("invalid operator id: \"bad id\"");
        assertThat(lender.statusCode()).isEqualTo(400);
        assertThat(json(lender).get("error").asText()).isEqualTo("invalid lender id: \"x?<script>\"");
        assertThat(backend.operatorCalls).isEmpty();
    }

    @Test
    void aLongInvalidIdIsEchoedAt64Characters() {
        String id = "a".repeat(60) + "!" + "b".repeat(200);

        HttpResponse<String> response = get(api, "/operators/" + id);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("error").asText())
                .isEqualTo("invalid operator id: \"" + "a".repeat(60) + "!bbb\"");
        assertThat(get(api, "/operators/" + "c".repeat(65)).statusCode()).isEqualTo(400);
        assertThat(get(api, "/operators/" + "c".repeat(64)).statusCode()).isEqualTo(404);
    }

    @Test
    void onlyGetIsAllowed() {
        HttpResponse<String> response = ApiClient.send(api, "POST", "/operators/op-1", null);

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET");
        assertThat(ApiClient.send(api, "DELETE", "/health", null).statusCode()).isEqualTo(405);
    }

    @Test
    void localOperatorsWhenAlone() {
        backend.localOperators = new Lookup.Found<>(List.of(ApiFixtures.exposure("op-b"),
                ApiFixtures.exposure("op-a")));

        JsonNode body = json(get(api, "/operators"));

        assertThat(body).extracting(n -> n.get("operatorId").asText()).containsExactly("op-a", "op-b");
    }

    @Test
    void activeAndRecentAlerts() {
        backend.activeAlerts = new Lookup.Found<>(List.of(ApiFixtures.alert("op-1", "DSCR_LOW")));
        backend.feed.publishAlert(ApiFixtures.alert("op-2", "CONCENTRATION"));

        assertThat(json(get(api, "/alerts")).get(0).get("rule").asText()).isEqualTo("DSCR_LOW");
        assertThat(json(get(api, "/alerts?state=active")).size()).isEqualTo(1);
        assertThat(json(get(api, "/alerts?state=recent")).get(0).get("rule").asText()).isEqualTo("CONCENTRATION");
        assertThat(get(api, "/alerts?state=bogus").statusCode()).isEqualTo(400);
    }

    @Test
    void healthFollowsTheBackend() {
        HttpResponse<String> up = get(api, "/health");
        backend.healthy = false;
        HttpResponse<String> down = get(api, "/health");

        assertThat(up.statusCode()).isEqualTo(200);
        assertThat(json(up).get("status").asText()).isEqualTo("UP");
        assertThat(json(up).get("streams").asText()).isEqualTo("RUNNING");
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(json(down).get("status").asText()).isEqualTo("DOWN");
    }

    @Test
    void metricsArePrometheusText() {
        assertThat(get(api, "/metrics").statusCode()).isEqualTo(503);
        backend.metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        backend.metrics.counter("api.test.hits").increment();

        HttpResponse<String> response = get(api, "/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain; version=0.0.4");
        assertThat(response.body()).contains("api_test_hits_total 1.0");
    }

    @Test
    void theDashboardIsServedAndUnknownPathsAre404() {
        assertThat(get(api, "/").statusCode()).isEqualTo(200);
        assertThat(get(api, "/web/app.js").statusCode()).isEqualTo(200);
        assertThat(get(api, "/web/no-such-file.js").statusCode()).isEqualTo(404);
        assertThat(get(api, "/web/../openapi.json").statusCode()).isEqualTo(404);
        assertThat(get(api, "/nothing/here/at/all").statusCode()).isEqualTo(404);
        assertThat(get(api, "/alerts/other").statusCode()).isEqualTo(404);
    }
}
