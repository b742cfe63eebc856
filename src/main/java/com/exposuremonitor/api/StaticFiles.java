package com.exposuremonitor.api;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.regex.Pattern;

/** Files from the classpath folder {@code /web/}: {@code /} is {@code /web/index.html}; 404 when absent. */
final class StaticFiles {
    private static final Pattern SAFE = Pattern.compile("/web/[A-Za-z0-9_-][A-Za-z0-9._/-]{0,200}");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "json", "application/json", "svg", "image/svg+xml",
            "png", "image/png", "ico", "image/x-icon", "txt", "text/plain; charset=utf-8");

    private StaticFiles() {
    }

    static void serve(HttpExchange ex, String rawPath) throws IOException {
        String path = "/".equals(rawPath) ? "/web/index.html" : rawPath;
        if (!SAFE.matcher(path).matches() || path.contains("..") || path.contains("//")) {
            Replies.error(ex, 404, "not found");
            return;
        }
        byte[] body = TYPES.containsKey(extension(path)) ? read(path) : null; // never a directory listing
        if (body == null) {
            Replies.error(ex, 404, "not found");
            return;
        }
        Replies.send(ex, 200, type(path), body);
    }

    private static byte[] read(String path) throws IOException {
        try (InputStream in = StaticFiles.class.getResourceAsStream(path)) {
            return in == null ? null : in.readAllBytes();
        }
    }

    private static String type(String path) {
        return TYPES.get(extension(path));
    }

    private static String extension(String path) {
        int dot = path.lastIndexOf('.');
        return dot < path.lastIndexOf('/') ? "" : path.substring(dot + 1);
    }
}
