package com.exposuremonitor.api;

import static com.exposuremonitor.api.ApiClient.get;
import static com.exposuremonitor.api.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.exposuremonitor.avro.OperatorExposure;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /operators/{id}/history pages the published exposures; /operators/{id}?asOf= answers a point in time. */
class OperatorHistoryApiTest {
    private static final Instant T = ApiFixtures.T0;
    private final FakeBackend backend = new FakeBackend();
    private HttpApi api;

    @BeforeEach
    void start() throws IOException {
        backend.history.add(ApiFixtures.exposure("op-1", T, "100.00"));
        backend.history.add(ApiFixtures.exposure("op-1", T.plus(Duration.ofDays(1)), "200.00"));
        backend.history.add(ApiFixtures.exposure("op-1", T.plus(Duration.ofDays(2)), "300.00"));
        api = HttpApi.start("127.0.0.1", 0, null, backend);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void historyComesInPagesWithOnlyTheAskedFields() {
        JsonNode first = json(get(api, "/operators/op-1/history?fields=revenue,dscr&limit=2"));
        assertThat(first.get("operatorId").asText()).isEqualTo("op-1");
        assertThat(first.get("points")).hasSize(2);
        List<String> names = new ArrayList<>();
        first.get("points").get(0).fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("asOf", "revenue", "dscr");
        assertThat(first.get("points").get(1).get("revenue").asText()).isEqualTo("200.00");
        assertThat(first.get("complete").asBoolean()).isFalse();

        JsonNode second = json(get(api, "/operators/op-1/history?fields=revenue&limit=2&from="
                + first.get("next").asText()));
        assertThat(second.get("points")).singleElement()
                .satisfies(p -> assertThat(p.get("revenue").asText()).isEqualTo("300.00"));
        assertThat(second.get("complete").asBoolean()).isTrue();
    }

    @Test
    void historyWithoutFieldsHasWholeExposuresAndRespectsTheRange() {
        JsonNode page = json(get(api, "/operators/op-1/history?from=" + T.plus(Duration.ofHours(1)) + "&to="
                + T.plus(Duration.ofDays(1))));
        assertThat(page.get("points")).singleElement().satisfies(p -> {
            assertThat(p.get("revenue").asText()).isEqualTo("200.00");
            assertThat(p.has("lenders")).isTrue();
        });
    }

    @Test
    void aFullPageEndingAtToIsComplete() {
        JsonNode page = json(get(api, "/operators/op-1/history?limit=2&to=" + T.plus(Duration.ofDays(1))));
        assertThat(page.get("points")).hasSize(2);
        assertThat(page.get("complete").asBoolean()).as("nothing can follow within the range").isTrue();
        assertThat(page.has("next")).isFalse();
    }

    @Test
    void malformedHistoryQueriesAre400WithTheReason() {
        assertThat(get(api, "/operators/op-1/history?fields=nope").body()).contains("unknown fields [nope]");
        assertThat(get(api, "/operators/op-1/history?from=yesterday").statusCode()).isEqualTo(400);
        assertThat(get(api, "/operators/op-1/history?limit=0").body()).contains("limit must be 1..5000");
        assertThat(get(api, "/operators/op-1/history?from=2026-05-01&to=2026-04-01").body())
                .contains("from is after to");
        assertThat(get(api, "/operators/no-such/history").statusCode()).isEqualTo(404);
    }

    @Test
    void asOfAnswersTheExposureAsItStoodThen() {
        HttpResponse<String> between = get(api, "/operators/op-1?asOf=" + T.plus(Duration.ofHours(36)));
        assertThat(between.statusCode()).isEqualTo(200);
        assertThat(json(between).get("revenue").asText()).isEqualTo("200.00");
        assertThat(json(get(api, "/operators/op-1?asOf=2099-01-01")).get("revenue").asText()).isEqualTo("300.00");
        String secondDay = T.plus(Duration.ofDays(1)).toString().substring(0, 10);
        assertThat(json(get(api, "/operators/op-1?asOf=" + secondDay)).get("revenue").asText())
                .as("a date means the end of that day").isEqualTo("200.00");
        assertThat(get(api, "/operators/op-1?asOf=" + T.minusSeconds(1)).statusCode()).as("before the first")
                .isEqualTo(404);
        assertThat(get(api, "/operators/op-1?asOf=last-tuesday").body()).contains("asOf is an ISO-8601 instant");
    }
}
