package com.exposuremonitor.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** SSE over a raw socket, so a test controls when the client goes away. */
@Timeout(30)
class SseTest {
    private final FakeBackend backend = new FakeBackend();
    private HttpApi api;

    @BeforeEach
    void start() throws IOException {
        api = HttpApi.start("127.0.0.1", 0, null, backend, Duration.ofMillis(100));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void anAlertIsStreamedAsAnAlertEvent() throws IOException {
        try (Socket socket = open("/alerts/stream")) {
            BufferedReader in = reader(socket);
            assertThat(readUntil(in, "HTTP/1.1")).anyMatch(l -> l.startsWith("HTTP/1.1 200"));
            readUntil(in, ": connected");
            backend.feed.publishAlert(ApiFixtures.alert("op-1", "DSCR_LOW"));

            List<String> frame = readFrame(in, "event: alert");

            assertThat(frame.get(1)).isEqualTo("id: OPERATOR:op-1:DSCR_LOW:1");
            JsonNode data = AvroJson.MAPPER.readTree(frame.get(2).substring("data: ".length()));
            assertThat(data.get("rule").asText()).isEqualTo("DSCR_LOW");
            assertThat(data.get("severity").asText()).isEqualTo("CRITICAL");
        }
    }

    @Test
    void theFeedStreamsExposuresOfTheRequestedOperatorOnly() throws IOException {
        try (Socket socket = open("/feed?operatorId=op-2")) {
            BufferedReader in = reader(socket);
            readUntil(in, ": connected");
            backend.feed.publishExposure(ApiFixtures.exposure("op-1"));
            backend.feed.publishExposure(ApiFixtures.exposure("op-2"));

            List<String> frame = readFrame(in, "event: exposure");

            assertThat(frame.get(2)).startsWith("data: {\"operatorId\":\"op-2\"")
                    .contains("\"revenue\":\"917000000.00\"");
        }
    }

    @Test
    void keepAliveCommentsAreSent() throws IOException {
        try (Socket socket = open("/alerts/stream")) {
            BufferedReader in = reader(socket);
            assertThat(readUntil(in, ": keep-alive")).isNotEmpty();
        }
    }

    @Test
    void aClientThatLeavesIsUnsubscribed() throws IOException {
        try (Socket socket = open("/alerts/stream")) {
            readUntil(reader(socket), ": connected");
            assertThat(backend.feed.subscriberCount()).isEqualTo(1);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> backend.feed.subscriberCount() == 0);
    }

    @Test
    void anInvalidFilterIs400() {
        assertThat(ApiClient.get(api, "/feed?operatorId=a%20b").statusCode()).isEqualTo(400);
    }

    private Socket open(String path) throws IOException {
        Socket socket = new Socket("127.0.0.1", api.port());
        socket.setSoTimeout(10_000);
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    private static BufferedReader reader(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Lines up to and including the first that starts with {@code prefix} (chunk-size lines included). */
    private static List<String> readUntil(BufferedReader in, String prefix) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lines.add(line);
            if (line.startsWith(prefix)) {
                return lines;
            }
        }
        throw new IOException("stream ended before " + prefix + ": " + lines);
    }

    /** The event line, then its id and data lines (chunk-size lines skipped). */
    private static List<String> readFrame(BufferedReader in, String event) throws IOException {
        List<String> frame = new ArrayList<>();
        List<String> before = readUntil(in, event);
        frame.add(before.get(before.size() - 1));
        for (String line = in.readLine(); line != null && frame.size() < 3; line = in.readLine()) {
            if (line.startsWith("id: ") || line.startsWith("data: ")) {
                frame.add(line);
            }
        }
        return frame;
    }
}
