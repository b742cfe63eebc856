package com.exposuremonitor.api;

import static com.exposuremonitor.api.ApiClient.get;
import static com.exposuremonitor.api.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two instances, A and B, sharing one token: forwarding and merging between them. */
class ClusterApiTest {
    private static final String TOKEN = "cluster-token";
    private final FakeBackend backendA = new FakeBackend();
    private final FakeBackend backendB = new FakeBackend();
    private TwoInstances cluster;
    private HttpApi a;
    private HttpApi b;

    @BeforeEach
    void start() throws IOException {
        cluster = TwoInstances.start(TOKEN, backendA, backendB);
        a = cluster.a();
        b = cluster.b();
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void aRemoteAnswerIsForwardedToTheOwnerWithTheCallersToken() {
        backendA.operators.put("op-b", new Lookup.Remote<>("127.0.0.1", b.port()));
        backendB.found(ApiFixtures.exposure("op-b"));

        HttpResponse<String> response = get(a, "/operators/op-b", TOKEN);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("operatorId").asText()).isEqualTo("op-b");
        assertThat(response.body()).contains("\"revenue\":\"917000000.00\"");
        assertThat(backendB.operatorCalls).containsExactly("op-b");
    }

    @Test
    void theOwnersStatusIsRelayed() {
        backendA.operators.put("op-x", new Lookup.Remote<>("127.0.0.1", b.port()));

        HttpResponse<String> response = get(a, "/operators/op-x", TOKEN);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).get("error").asText()).isEqualTo("operator op-x not found");
    }

    @Test
    void aForwardedRequestIsNeverForwardedAgain() {
        backendA.operators.put("op-b", new Lookup.Remote<>("127.0.0.1", b.port()));
        backendB.operators.put("op-b", new Lookup.Remote<>("127.0.0.1", a.port()));

        HttpResponse<String> response = get(a, "/operators/op-b", TOKEN);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(backendA.operatorCalls).containsExactly("op-b");
    }

    @Test
    void anOwnerThatDoesNotAnswerIs502() throws IOException {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        backendA.operators.put("op-b", new Lookup.Remote<>("127.0.0.1", closedPort));

        assertThat(get(a, "/operators/op-b", TOKEN).statusCode()).isEqualTo(502);
    }

    @Test
    void operatorsAreMergedAcrossInstances() {
        Instant later = ApiFixtures.T0.plusSeconds(60);
        backendA.localOperators = new Lookup.Found<>(List.of(ApiFixtures.exposure("op-c"),
                ApiFixtures.exposure("op-a", ApiFixtures.T0, "1.00")));
        backendB.localOperators = new Lookup.Found<>(List.of(ApiFixtures.exposure("op-b"),
                ApiFixtures.exposure("op-a", later, "2.00")));

        JsonNode merged = json(get(a, "/operators", TOKEN));
        JsonNode local = json(get(a, "/operators?local=true", TOKEN));

        assertThat(merged).extracting(n -> n.get("operatorId").asText()).containsExactly("op-a", "op-b", "op-c");
        assertThat(merged.get(0).get("revenue").asText()).isEqualTo("2.00");
        assertThat(local).extracting(n -> n.get("operatorId").asText()).containsExactly("op-a", "op-c");
    }

    @Test
    void activeAlertsAreMergedAcrossInstances() {
        backendA.activeAlerts = new Lookup.Found<>(List.of(ApiFixtures.alert("op-a", "DSCR_LOW")));
        backendB.activeAlerts = new Lookup.Found<>(List.of(ApiFixtures.alert("op-b", "DSCR_LOW")));

        JsonNode merged = json(get(b, "/alerts?state=active", TOKEN));

        assertThat(merged).extracting(n -> n.get("subjectId").asText()).containsExactly("op-a", "op-b");
    }

    @Test
    void aListIs503WhenAnotherInstanceCannotAnswer() {
        backendB.localOperators = new Lookup.Unavailable<>("restoring");

        HttpResponse<String> response = get(a, "/operators", TOKEN);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(json(response).get("error").asText()).contains("127.0.0.1:" + b.port()).contains("503");
    }
}
