package com.exposuremonitor.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The time and body limits every request is held to. */
@Timeout(60)
class HttpLimitsTest {
    private static final Duration TIME_LIMIT = Duration.ofMillis(500);
    private static final int MAX_BODY = 1024;
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final FakeBackend backend = new FakeBackend().found(ApiFixtures.exposure("op-1"));
    private HttpApi api;

    @BeforeEach
    void start() throws IOException {
        HttpSettings limits = new HttpSettings(HttpSettings.MAX_STREAMS, HttpSettings.STREAM_BACKLOG,
                HttpSettings.WRITE_TIMEOUT, TIME_LIMIT, MAX_BODY, "", "");
        api = HttpApi.start("127.0.0.1", 0, null, backend, limits);
    }

    @AfterEach
    void stop() {
        backend.releaseHangingLookups();
        api.close();
    }

    @Test
    void requestsPastTheTimeLimitAnswer503AndGiveTheirThreadsBack() {
        backend.hanging.add("op-slow");
        int requests = HttpApi.REQUEST_THREADS + 4; // without a limit these would hold every request thread
        long started = System.nanoTime();

        List<HttpResponse<String>> answers = IntStream.range(0, requests)
                .mapToObj(i -> send(HttpRequest.newBuilder(uri("/operators/op-slow")).GET()))
                .toList().stream().map(CompletableFuture::join).toList();

        assertThat((System.nanoTime() - started) / 1_000_000).as("all answered within ms").isLessThan(5_000);
        assertThat(answers).allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(ApiClient.json(r).get("error").asText())
                    .isEqualTo("the request took longer than its limit of 500 ms");
        });
        assertThat(backend.interruptedLookups).as("hanging lookups interrupted").hasValue(requests);
        assertThat(ApiClient.get(api, "/health").statusCode()).isEqualTo(200);
        assertThat(ApiClient.get(api, "/operators/op-1").statusCode()).isEqualTo(200);
    }

    @Test
    void aDeclaredBodyOverTheLimitIs413BeforeTheBodyIsSent() throws IOException {
        byte[] start = "a".repeat(100).getBytes(StandardCharsets.US_ASCII); // of 100 MB announced
        try (Socket socket = RawHttp.send(api.port(), "GET /health HTTP/1.1\r\nContent-Length: 100000000", start,
                65536)) {
            RawHttp.Response response = RawHttp.read(socket);

            assertThat(response.status()).isEqualTo(413);
            assertThat(response.headers().get("connection")).isEqualToIgnoringCase("close");
            assertThat(ApiClient.json(response.body()).get("error").asText())
                    .isEqualTo("request body too large: at most 1024 bytes (no endpoint takes a body)");
        }
    }

    @Test
    void aChunkedBodyIs413OnceItPassesTheLimitOnAnyEndpoint() throws IOException {
        ByteArrayOutputStream chunks = new ByteArrayOutputStream();
        for (int i = 0; i < 3; i++) { // 1.5 KiB, never the last chunk
            chunks.writeBytes(("200\r\n" + "b".repeat(512) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        try (Socket socket = RawHttp.send(api.port(), "POST /operators/op-1 HTTP/1.1\r\nTransfer-Encoding: chunked",
                chunks.toByteArray(), 65536)) {
            RawHttp.Response response = RawHttp.read(socket);

            assertThat(response.status()).isEqualTo(413);
            assertThat(ApiClient.json(response.body()).get("status").intValue()).isEqualTo(413);
        }
    }

    @Test
    void aBodyWithinTheLimitIsIgnored() {
        HttpResponse<String> health = send(HttpRequest.newBuilder(uri("/health"))
                .method("GET", HttpRequest.BodyPublishers.ofString("x".repeat(MAX_BODY)))).join();
        HttpResponse<String> post = send(HttpRequest.newBuilder(uri("/operators/op-1"))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))).join();

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(post.statusCode()).isEqualTo(405);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + api.port() + path);
    }

    private static CompletableFuture<HttpResponse<String>> send(HttpRequest.Builder request) {
        return CLIENT.sendAsync(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
