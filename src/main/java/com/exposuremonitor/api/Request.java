package com.exposuremonitor.api;

import com.sun.net.httpserver.HttpExchange;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The parts of a request the API routes on: decoded path segments and query parameters (first wins). */
record Request(String rawPath, List<String> segments, Map<String, String> query, String authorization,
               String rawQuery) {

    static Request of(HttpExchange ex) {
        String rawPath = ex.getRequestURI().getRawPath();
        String rawQuery = ex.getRequestURI().getRawQuery();
        return new Request(rawPath == null ? "/" : rawPath, segments(rawPath), query(rawQuery),
                ex.getRequestHeaders().getFirst("Authorization"), rawQuery);
    }

    /** True when the caller asked for this instance's data only (also: never forward again). */
    boolean local() {
        return "true".equalsIgnoreCase(query.get("local"));
    }

    /** The path and query as received, to ask another instance the same question. */
    String forwardPath() {
        return rawQuery == null || rawQuery.isEmpty() ? rawPath : rawPath + "?" + rawQuery;
    }

    String param(String name) {
        return query.get(name);
    }

    String segment(int index) {
        return index < segments.size() ? segments.get(index) : null;
    }

    private static List<String> segments(String rawPath) {
        List<String> out = new ArrayList<>();
        if (rawPath == null) {
            return out;
        }
        for (String part : rawPath.split("/")) {
            if (!part.isEmpty()) {
                out.add(decode(part));
            }
        }
        return out;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1).replace("+", " "));
            out.putIfAbsent(key, value);
        }
        return out;
    }

    /** Percent-decoding; '+' stays '+' (callers that mean form encoding replace it first). Malformed: as is. */
    private static String decode(String part) {
        try {
            return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return part;
        }
    }
}
