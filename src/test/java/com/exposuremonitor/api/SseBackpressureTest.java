package com.exposuremonitor.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.exposuremonitor.avro.DefaultRiskAlert;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SSE under load: many dashboards at once, some of which stop reading. A client that stops reading
 * must cost a bounded time and never hold a thread or keep others from being served.
 */
@Timeout(120)
class SseBackpressureTest {
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(1);
    private final FakeBackend backend = new FakeBackend().found(ApiFixtures.exposure("op-1"));
    private final List<Socket> stalled = new ArrayList<>();
    private SseReaders readers;
    private HttpApi api;

    @AfterEach
    void stop() throws Exception {
        for (Socket socket : stalled) {
            socket.close();
        }
        if (readers != null) {
            readers.close();
        }
        api.close();
    }

    @Test
    void clientsThatStopReadingAreDroppedAfterTheWriteTimeoutWhileEveryoneElseIsServed() throws Exception {
        start(HttpSettings.MAX_STREAMS);
        long baseline = sseThreads();
        int total = 200;
        int neverReading = 20;
        readers = SseReaders.open(api.port(), "/feed", total - neverReading);
        for (int i = 0; i < neverReading; i++) {
            stalled.add(RawHttp.send(api.port(), "GET /alerts/stream HTTP/1.1", new byte[0], 4096));
        }
        await("all " + total + " streams open").atMost(Duration.ofSeconds(30))
                .until(() -> metric("em_sse_clients") == total);

        // 10 MiB for each client that never reads: far more than its TCP buffers hold, so its writes block.
        publishAlerts(40, 256 * 1024);

        await("the clients that never read are dropped, while /health and a lookup keep answering")
                .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
                    answersQuickly("/health");
                    answersQuickly("/operators/op-1");
                    return metric("em_sse_dropped_total{reason=\"write_timeout\"}") == neverReading;
                });
        assertThat(metric("em_sse_dropped_total{reason=\"backlog_full\"}")).as("40 events fit the backlog").isZero();
        assertThat(metric("em_sse_clients")).isEqualTo(total - neverReading);
        backend.feed.publishExposure(ApiFixtures.exposure("op-after"));
        await("every reading client gets the next change").atMost(Duration.ofSeconds(30))
                .until(() -> readers.allReceived("\"operatorId\":\"op-after\""));

        readers.close();
        readers = null;
        await("the SSE threads are back to the baseline once every client has gone")
                .atMost(Duration.ofSeconds(30)).until(() -> sseThreads() <= baseline);
        assertThat(metric("em_sse_clients")).isZero();
        assertThat(backend.feed.subscriberCount()).isZero();
    }

    @Test
    void beyondTheStreamLimitOnlyNewStreamsAreRefused() throws IOException {
        start(2);
        stalled.add(RawHttp.send(api.port(), "GET /feed HTTP/1.1", new byte[0], 65536));
        stalled.add(RawHttp.send(api.port(), "GET /alerts/stream HTTP/1.1", new byte[0], 65536));
        await("two streams open").atMost(Duration.ofSeconds(10)).until(() -> metric("em_sse_clients") == 2);

        HttpResponse<String> third = ApiClient.get(api, "/feed");

        assertThat(third.statusCode()).isEqualTo(503);
        assertThat(third.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(ApiClient.json(third).get("error").asText()).isEqualTo("too many open streams");
        assertThat(ApiClient.get(api, "/health").statusCode()).isEqualTo(200);
        assertThat(ApiClient.get(api, "/operators/op-1").statusCode()).isEqualTo(200);
        stalled.remove(0).close();
        await("a stream slot is free again once a client has gone").atMost(Duration.ofSeconds(10))
                .until(() -> metric("em_sse_clients") == 1);
        stalled.add(RawHttp.send(api.port(), "GET /feed HTTP/1.1", new byte[0], 65536));
        assertThat(RawHttp.read(stalled.get(stalled.size() - 1)).status()).isEqualTo(200);
    }

    private void start(int maxStreams) throws IOException {
        backend.metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        HttpSettings settings = new HttpSettings(maxStreams, HttpSettings.STREAM_BACKLOG, WRITE_TIMEOUT,
                HttpSettings.REQUEST_TIMEOUT, HttpSettings.MAX_BODY_BYTES, "", "");
        api = HttpApi.start("127.0.0.1", 0, null, backend, settings, Duration.ofMillis(200));
    }

    private void publishAlerts(int count, int size) {
        String explanation = "x".repeat(size);
        for (int i = 0; i < count; i++) {
            DefaultRiskAlert alert = ApiFixtures.alert("op-" + i, "DSCR_LOW");
            alert.setExplanation(explanation);
            backend.feed.publishAlert(alert);
        }
    }

    private void answersQuickly(String path) {
        long started = System.nanoTime();
        int status = ApiClient.get(api, path).statusCode();
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(status).as(path).isEqualTo(200);
        assertThat(millis).as(path + " answered in ms").isLessThan(2_000);
    }

    /** A series of /metrics, e.g. {@code em_sse_clients}; NaN when absent. */
    private double metric(String series) {
        return ApiClient.get(api, "/metrics").body().lines().filter(l -> l.startsWith(series + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(series.length() + 1).trim().split(" ")[0]))
                .findFirst().orElse(Double.NaN);
    }

    private static long sseThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(SseStreams.THREAD_PREFIX + "-")).count();
    }
}
