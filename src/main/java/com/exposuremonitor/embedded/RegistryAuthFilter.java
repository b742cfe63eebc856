package com.exposuremonitor.embedded;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.exposuremonitor.confluent.SchemaRegistryClient;
import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;

/** Lets a request through only with credentials the {@link RegistrySecurity} accepts; else Confluent's 401. */
final class RegistryAuthFilter extends Filter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int UNAUTHORIZED = 401;

    private final RegistrySecurity security;

    RegistryAuthFilter(RegistrySecurity security) {
        this.security = security;
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        if (!security.requiresCredentials()
                || security.accepts(exchange.getRequestHeaders().getFirst("Authorization"))) {
            chain.doFilter(exchange);
            return;
        }
        try (exchange) {
            byte[] body = JSON.writeValueAsBytes(JSON.createObjectNode().put("error_code", UNAUTHORIZED)
                    .put("message", "Unauthorized"));
            exchange.getResponseHeaders().set("Content-Type", SchemaRegistryClient.CONTENT_TYPE);
            exchange.getResponseHeaders().set("WWW-Authenticate", security.challenge());
            exchange.sendResponseHeaders(UNAUTHORIZED, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public String description() {
        return "schema registry credentials";
    }
}
