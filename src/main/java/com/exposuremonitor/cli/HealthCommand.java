package com.exposuremonitor.cli;

import com.exposuremonitor.runtime.ApiAddress;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Collections;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
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
                    + "EM_HTTP_PORT (and EM_HTTP_HOST), so a container's health check needs no settings of its own; "
                    + "with EM_HTTP_TLS_KEYSTORE (and its password) it speaks HTTPS, trusting that keystore's certificate."},
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

    @Option(names = "--http-tls-keystore", defaultValue = "${env:EM_HTTP_TLS_KEYSTORE:-}", hidden = true)
    String tlsKeystore;

    @Option(names = "--http-tls-keystore-password", defaultValue = "${env:EM_HTTP_TLS_KEYSTORE_PASSWORD:-}",
            hidden = true)
    String tlsKeystorePassword;

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
        try {
            target = URI.create(baseUrl().replaceAll("/+$", "") + probe.path());
            if (!"http".equals(target.getScheme()) && !"https".equals(target.getScheme())) {
                throw new IllegalArgumentException("not an http or https URL");
            }
            target.toURL();
        } catch (IllegalArgumentException | MalformedURLException e) {
            err.println("invalid --url " + url + ": " + e.getMessage() + " (expected e.g. http://monitor:8080)");
            return ReplayCommand.USAGE;
        }
        try {
            HttpURLConnection connection = open(target);
            int status = connection.getResponseCode();
            InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream();
            String text = body == null ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8);
            out.println(text);
            return status == 200 && STATUS_UP.matcher(text).find() ? UP : NOT_UP;
        } catch (IOException | GeneralSecurityException e) {
            err.println("no answer from " + target + ": " + e);
            return NOT_UP;
        }
    }

    private HttpURLConnection open(URI target) throws IOException, GeneralSecurityException {
        HttpURLConnection connection = (HttpURLConnection) target.toURL().openConnection();
        if (connection instanceof HttpsURLConnection https && !tlsKeystore.isBlank()) {
            https.setSSLSocketFactory(trustingOnly(tlsKeystore, tlsKeystorePassword).getSocketFactory());
            // Trust is pinned to the monitor's own certificate, so the name it was issued for does not matter.
            https.setHostnameVerifier((host, session) -> true);
        }
        int ms = (int) Math.min(Integer.MAX_VALUE, Math.max(timeout.toMillis(), 1));
        connection.setConnectTimeout(ms);
        connection.setReadTimeout(ms);
        if (!apiToken.isEmpty()) {
            connection.setRequestProperty("Authorization", "Bearer " + apiToken);
        }
        return connection;
    }

    /** A TLS context that trusts exactly the certificates of the monitor's keystore. */
    private static SSLContext trustingOnly(String keystore, String password) throws IOException, GeneralSecurityException {
        KeyStore own = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(keystore))) {
            own.load(in, password.toCharArray());
        }
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        for (String alias : Collections.list(own.aliases())) {
            if (own.getCertificate(alias) != null) {
                trusted.setCertificateEntry(alias, own.getCertificate(alias));
            }
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private String baseUrl() {
        if (url != null && !url.isBlank()) {
            return url;
        }
        String host = ApiAddress.isWildcard(httpHost) ? "127.0.0.1" : httpHost.strip();
        return (tlsKeystore.isBlank() ? "http://" : "https://")
                + (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + httpPort;
    }
}
