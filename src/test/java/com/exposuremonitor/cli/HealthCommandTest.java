package com.exposuremonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.exposuremonitor.api.ApiBackend;
import com.exposuremonitor.api.HttpApi;
import com.exposuremonitor.api.HttpSettings;
import com.exposuremonitor.avro.OperatorExposure;
import com.exposuremonitor.api.Lookup;
import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code health} against the real HTTP API with a stub monitor behind it, as a container health check runs it. */
class HealthCommandTest {
    @TempDir
    Path dir;

    private final StubMonitor monitor = new StubMonitor();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private HttpApi api;

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void exitsZeroAndPrintsTheBodyWhenTheMonitorIsUp() throws Exception {
        api = HttpApi.start("127.0.0.1", 0, null, monitor);

        assertThat(health("--url", url())).isEqualTo(0);
        assertThat(out.toString()).contains("\"status\":\"UP\"").contains("\"streams\":\"RUNNING\"");
    }

    @Test
    void readyIsTheDefaultAndLiveAsksTheLivenessEndpoint() throws Exception {
        api = HttpApi.start("127.0.0.1", 0, null, monitor);
        monitor.ready = false; // restoring: alive, not ready

        assertThat(health("--url", url())).as("ready").isEqualTo(1);
        assertThat(out.toString()).contains("\"status\":\"DOWN\"").contains("REBALANCING");
        assertThat(health("--url", url(), "--live")).as("live").isEqualTo(0);

        monitor.alive = false;
        assertThat(health("--url", url(), "--live")).as("stopped for good").isEqualTo(1);
    }

    @Test
    void exitsOneWhenNothingAnswers() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        assertThat(health("--url", "http://127.0.0.1:" + closedPort, "--timeout", "PT2S")).isEqualTo(1);
        assertThat(err.toString()).contains("no answer from http://127.0.0.1:" + closedPort + "/health/ready");
    }

    @Test
    void aUrlThatIsNoUrlIsAUsageError() {
        assertThat(health("--url", "monitor 8080")).isEqualTo(64);
        assertThat(health("--url", "ftp://monitor:8080")).isEqualTo(64);
        assertThat(err.toString()).contains("invalid --url");
        assertThat(health("--ready", "--live")).as("one probe at a time").isEqualTo(64);
    }

    /** The compose health check passes no flags: port, bind address and token come from the monitor's variables. */
    @Test
    void withoutFlagsItAsksThisMachineOnTheMonitorsPortWithItsToken() throws Exception {
        HttpServer guarded = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        guarded.createContext("/health/ready", ex -> {
            boolean token = "Bearer s3cret".equals(ex.getRequestHeaders().getFirst("Authorization"));
            byte[] body = (token ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(token ? 200 : 401, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        guarded.start();
        try {
            ProcessBuilder jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Main.class.getName(), "health")
                    .redirectErrorStream(true);
            jvm.environment().put("EM_HTTP_PORT", String.valueOf(guarded.getAddress().getPort()));
            jvm.environment().put("EM_HTTP_HOST", "0.0.0.0");
            jvm.environment().put("EM_API_TOKEN", "s3cret");
            Process process = jvm.start();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("health finished").isTrue();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(process.exitValue()).as(output).isEqualTo(0);
            assertThat(output).contains("{\"status\":\"UP\"}");
        } finally {
            guarded.stop(0);
        }
    }

    /** With the monitor's keystore, as its container has it, the check speaks HTTPS and trusts that certificate. */
    @Test
    void withTheMonitorsKeystoreItAsksOverHttps() throws Exception {
        String password = "pw-" + UUID.randomUUID();
        Path keystore = selfSignedKeystore(password);
        api = HttpApi.start("127.0.0.1", 0, null, monitor, HttpSettings.defaults().withTls(keystore.toString(), password));

        assertThat(health("--http-port", String.valueOf(api.port()), "--http-tls-keystore", keystore.toString(),
                "--http-tls-keystore-password", password)).as(err.toString()).isEqualTo(0);
        assertThat(out.toString()).contains("\"status\":\"UP\"");
        assertThat(health("--url", "https://127.0.0.1:" + api.port())).as("a certificate the JVM does not trust")
                .isEqualTo(1);
    }

    /** A certificate for another name than 127.0.0.1: trust is pinned, not name-checked. */
    private Path selfSignedKeystore(String password) throws Exception {
        Path file = dir.resolve("api.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "api", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=monitor", "-ext", "SAN=dns:monitor", "-storetype", "PKCS12", "-keystore",
                file.toString(), "-storepass", password, "-keypass", password, "-noprompt").redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).as("keytool finished").isTrue();
        assertThat(keytool.exitValue()).as("keytool: " + output).isZero();
        return file;
    }

    private String url() {
        return "http://127.0.0.1:" + api.port();
    }

    private int health(String... args) {
        out.getBuffer().setLength(0);
        return new CommandLine(new Main()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(concat("health", args));
    }

    private static String[] concat(String first, String... rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    /** Health as a monitor reports it; no data behind the other endpoints. */
    private static final class StubMonitor implements ApiBackend {
        volatile boolean ready = true;
        volatile boolean alive = true;

        @Override
        public Lookup<OperatorExposure> operator(String operatorId) {
            return new Lookup.NotFound<>(operatorId);
        }

        @Override
        public Lookup<List<OperatorExposure>> localOperators() {
            return new Lookup.Found<>(List.of());
        }

        @Override
        public String streamsState() {
            return ready ? "RUNNING" : "REBALANCING";
        }

        @Override
        public boolean healthy() {
            return ready;
        }

        @Override
        public boolean alive() {
            return alive;
        }
    }
}
