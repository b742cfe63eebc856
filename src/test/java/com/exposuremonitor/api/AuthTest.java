package com.exposuremonitor.api;

import static com.exposuremonitor.api.ApiClient.get;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuthTest {
    private static final String TOKEN = "s3cret-token-value";
    private final FakeBackend backend = new FakeBackend().found(ApiFixtures.exposure("op-1"));
    private HttpApi api;

    @BeforeEach
    void start() throws IOException {
        api = HttpApi.start("127.0.0.1", 0, TOKEN, backend);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void withoutATokenIs401() {
        HttpResponse<String> response = get(api, "/operators/op-1");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Bearer");
        assertThat(ApiClient.json(response).get("status").intValue()).isEqualTo(401);
        assertThat(get(api, "/openapi.json").statusCode()).isEqualTo(401);
        assertThat(get(api, "/alerts/stream").statusCode()).isEqualTo(401);
    }

    @Test
    void aWrongTokenIs401AndNeverEchoed() {
        String wrong = "wrong-guess-" + TOKEN;

        HttpResponse<String> response = get(api, "/operators/op-1", wrong);
        HttpResponse<String> basic = ApiClient.send(api, "GET", "/operators/op-1", "Basic " + TOKEN);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).doesNotContain(wrong).doesNotContain(TOKEN).doesNotContain("wrong-guess");
        assertThat(basic.statusCode()).isEqualTo(401);
        assertThat(basic.body()).doesNotContain(TOKEN);
    }

    @Test
    void theRightTokenIs200() {
        assertThat(get(api, "/operators/op-1", TOKEN).statusCode()).isEqualTo(200);
        assertThat(ApiClient.send(api, "GET", "/operators/op-1", "bearer " + TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    void theDashboardPageLoadsWithoutATokenSoItCanAskForOneButItsDataDoesNot() {
        HttpResponse<String> page = get(api, "/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<html").doesNotContain(TOKEN);
        assertThat(get(api, "/operators").statusCode()).isEqualTo(401);
    }

    @Test
    void healthNeedsNoToken() {
        assertThat(get(api, "/health").statusCode()).isEqualTo(200);
    }

    @Test
    void bearerAuthChecks() {
        assertThat(new BearerAuth(null).permits(null)).isTrue();
        assertThat(new BearerAuth("").permits(null)).isTrue();
        assertThat(new BearerAuth("t").permits("Bearer t")).isTrue();
        assertThat(new BearerAuth("t").permits("Bearer tt")).isFalse();
        assertThat(new BearerAuth("t").permits("Bearer")).isFalse();
        assertThat(new BearerAuth("t").permits(null)).isFalse();
    }
}
