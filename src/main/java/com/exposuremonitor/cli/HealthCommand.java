package com.exposuremonitor.cli;

import com.exposuremonitor.runtime.ApiAddress;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Asks a running monitor whether it is healthy, for container health checks that have no shell tools:
 * the exit code is the answer, the body is printed as the monitor sent it.
 */
@Command(name = "health", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = ReplayCommand.USAGE,
        description = {
            "Ask a running monitor's HTTP API whether it is healthy and print its answer.",
            "Without --url it asks this machine, on the port (and bind address) the monitor reads from "
                    + "EM_HTTP_PORT (and EM_HTTP_HOST), so a container's health check needs no settings of its own."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the monitor answered UP",
            "1:it answered DOWN (or anything else), or did not answer within --timeout",
            "64:invalid command line"})
final class HealthCommand implements Callable<Integer> {
    static final int UP = 0;
    static final int NOT_UP = 1;
    private static final Pattern STATUS_UP = Pattern.compile("\"status\"\\s*:\\s*\"UP\"");

    @Option(names = "--url", description = "Base URL of the monitor's HTTP API, e.g. http://monitor:8080 "
            + "(default: http://<EM_HTTP_HOST, or 127.0.0.1 when it binds every interface>:<EM_HTTP_PORT>).")
    String url;

    @Option(names = "--http-host", defaultValue = "${env:EM_HTTP_HOST:-127.0.0.1}", hidden = true)
    String httpHost;

    @Option(names = "--http-port", defaultValue = "${env:EM_HTTP_PORT:-8080}", hidden = true)
    int httpPort;

    @Option(names = "--api-token", defaultValue = "${env:EM_API_TOKEN:-}",
            description = "Bearer token sent along, if set (env EM_API_TOKEN); the health endpoints do not need it.")
    String apiToken;

    @ArgGroup(exclusive = true)
    Probe probe = new Probe();

    @Option(names = "--timeout", defaultValue = "PT5S",
            description = "Longest wait for the answer, ISO-8601 (default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Spec
    CommandSpec spec;

    static final class Probe {
        @Option(names = "--ready", description = "Ready: serving current figures (/health/ready; the default).")
        boolean ready;

        @Option(names = "--live", description = "Alive: working or on its way back to work, e.g. restoring "
                + "state (/health/live).")
        boolean live;

        String path() {
            return live ? "/health/live" : "/health/ready";
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        URI target;
        HttpRequest.Builder request;
        try {
            target = URI.create(baseUrl().replaceAll("/+$", "") + probe.path());
            request = HttpRequest.newBuilder(target).timeout(timeout).GET();
        } catch (IllegalArgumentException e) {
            err.println("invalid --url " + url + ": " + e.getMessage() + " (expected e.g. http://monitor:8080)");
            return ReplayCommand.USAGE;
        }
        if (!apiToken.isEmpty()) {
            request.header("Authorization", "Bearer " + apiToken);
        }
        try {
            HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(timeout).build()
                    .send(request.build(), HttpResponse.BodyHandlers.ofString());
            out.println(response.body());
            return response.statusCode() == 200 && STATUS_UP.matcher(response.body()).find() ? UP : NOT_UP;
        } catch (IOException e) {
            err.println("no answer from " + target + ": " + e);
            return NOT_UP;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return NOT_UP;
        }
    }

    private String baseUrl() {
        if (url != null && !url.isBlank()) {
            return url;
        }
        String host = ApiAddress.isWildcard(httpHost) ? "127.0.0.1" : httpHost.strip();
        return "http://" + (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + httpPort;
    }
}
