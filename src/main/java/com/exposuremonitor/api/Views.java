package com.exposuremonitor.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.IndexedRecord;

/**
 * The query endpoints: a {@link Lookup} becomes 200, 404, a forwarded call or 503; lists are this
 * instance's answer merged with every other instance's {@code ?local=true} answer.
 */
final class Views {
    private final Peers peers;

    Views(Peers peers) {
        this.peers = peers;
    }

    /** One record by key; {@code local=true} requests are never forwarded again (no ping-pong). */
    <T extends IndexedRecord> void one(HttpExchange ex, Request req, Lookup<T> lookup) throws IOException {
        one(ex, req, lookup, AvroJson::toTree);
    }

    /** As {@link #one(HttpExchange, Request, Lookup)}, with the found value rendered by {@code render}. */
    <T> void one(HttpExchange ex, Request req, Lookup<T> lookup, java.util.function.Function<T, ? extends JsonNode> render)
            throws IOException {
        if (lookup instanceof Lookup.Found<T> found) {
            Replies.json(ex, 200, render.apply(found.value()));
        } else if (lookup instanceof Lookup.NotFound<T> notFound) {
            Replies.error(ex, 404, notFound.what() + " not found");
        } else if (lookup instanceof Lookup.Remote<T> remote && !req.local()) {
            relay(ex, peers.get(remote.host(), remote.port(), req.forwardPath(), req.authorization()));
        } else if (lookup instanceof Lookup.Remote<T>) {
            Replies.error(ex, 503, "the owning instance is moving (rebalancing)");
        } else {
            Replies.error(ex, 503, ((Lookup.Unavailable<T>) lookup).reason());
        }
    }

    /** A list: this instance's, plus (unless local=true) every other instance's, merged. */
    <T extends IndexedRecord> void all(HttpExchange ex, Request req, Lookup<List<T>> local, List<String> others,
                                       ListMerge merge) throws IOException {
        if (local instanceof Lookup.Unavailable<List<T>> unavailable) {
            Replies.error(ex, 503, unavailable.reason());
            return;
        }
        List<JsonNode> arrays = new ArrayList<>();
        arrays.add(local instanceof Lookup.Found<List<T>> found ? AvroJson.toTree(found.value())
                : AvroJson.MAPPER.createArrayNode());
        if (!req.local() && !others.isEmpty()) {
            for (Peers.Answer answer : peers.getAll(others, req.rawPath(), req.authorization())) {
                JsonNode array = answer.ok() ? parseArray(answer.body()) : null;
                if (array == null) {
                    Replies.error(ex, 503, "instance " + answer.instance() + " " + failure(answer));
                    return;
                }
                arrays.add(array);
            }
        }
        Replies.json(ex, 200, merge.apply(arrays));
    }

    private static void relay(HttpExchange ex, Peers.Answer answer) throws IOException {
        if (answer.status() == 0) {
            Replies.error(ex, 502, "instance " + answer.instance() + " did not answer (" + answer.body() + ")");
            return;
        }
        if (answer.retryAfter() != null) {
            ex.getResponseHeaders().set("Retry-After", answer.retryAfter());
        }
        Replies.send(ex, answer.status(), Replies.JSON, answer.body().getBytes(StandardCharsets.UTF_8));
    }

    private static String failure(Peers.Answer answer) {
        return answer.status() == 0 ? "did not answer (" + answer.body() + ")"
                : answer.ok() ? "answered no list" : "answered " + answer.status();
    }

    private static JsonNode parseArray(String body) {
        try {
            JsonNode node = AvroJson.MAPPER.readTree(body);
            return node != null && node.isArray() ? node : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
