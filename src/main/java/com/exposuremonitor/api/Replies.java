package com.exposuremonitor.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writing complete responses; every error is {@code {"error": "...", "status": n}}. */
final class Replies {
    static final String JSON = "application/json";

    private Replies() {
    }

    static void json(HttpExchange ex, int status, JsonNode body) throws IOException {
        send(ex, status, JSON, AvroJson.write(body).getBytes(StandardCharsets.UTF_8));
    }

    static void error(HttpExchange ex, int status, String message) throws IOException {
        if (status == 503) {
            ex.getResponseHeaders().set("Retry-After", "1");
        }
        json(ex, status, errorBody(status, message));
    }

    static ObjectNode errorBody(int status, String message) {
        ObjectNode body = AvroJson.MAPPER.createObjectNode();
        body.put("error", message);
        body.put("status", status);
        return body;
    }

    /** Throws {@link Deadline.Exceeded} instead when the request is out of time (the caller answers 503). */
    static void send(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
        Deadline.check();
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }
}
