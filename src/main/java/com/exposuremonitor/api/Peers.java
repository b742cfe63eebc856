package com.exposuremonitor.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * GETs to the other instances' APIs, always with {@code local=true} and the caller's Authorization. With TLS
 * on, over HTTPS, trusting what the JVM trusts ({@code javax.net.ssl.trustStore}): the instances of one
 * deployment share their settings, so a peer serves HTTPS when this one does.
 */
final class Peers {
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** What a peer answered; status 0 means it did not answer at all. */
    record Answer(String instance, int status, String body, String retryAfter) {
        boolean ok() {
            return status == 200;
        }
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final String scheme;

    Peers(String scheme) {
        this.scheme = scheme;
    }

    Answer get(String host, int port, String rawPath, String authorization) {
        String instance = instance(host, port);
        return await(instance, send(instance, rawPath, authorization));
    }

    /** The same GET to every instance at once; one answer per instance, in order. */
    List<Answer> getAll(List<String> instances, String rawPath, String authorization) {
        List<CompletableFuture<Answer>> calls = new ArrayList<>();
        instances.forEach(i -> calls.add(send(i, rawPath, authorization)));
        List<Answer> answers = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            answers.add(await(instances.get(i), calls.get(i)));
        }
        return answers;
    }

    /** Interruptible (unlike join), so a request's deadline frees its thread; the interrupt is kept. */
    private static Answer await(String instance, CompletableFuture<Answer> call) {
        try {
            return call.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.cancel(true);
            return new Answer(instance, 0, "interrupted", null);
        } catch (ExecutionException e) {
            return new Answer(instance, 0, cause(e), null);
        }
    }

    private CompletableFuture<Answer> send(String instance, String rawPath, String authorization) {
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(scheme + "://" + instance + rawPath + (rawPath.contains("?") ? "&" : "?")
                    + "local=true"))
                    .timeout(TIMEOUT).header("Accept", Replies.JSON).GET();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(new Answer(instance, 0, "bad address", null));
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> new Answer(instance, r.statusCode(), r.body(),
                        r.headers().firstValue("Retry-After").orElse(null)))
                .exceptionally(e -> new Answer(instance, 0, cause(e), null));
    }

    static String instance(String host, int port) {
        return (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }

    private static String cause(Throwable e) {
        Throwable root = (e instanceof CompletionException || e instanceof ExecutionException)
                && e.getCause() != null ? e.getCause() : e;
        return root.getClass().getSimpleName();
    }
}
