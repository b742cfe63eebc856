package com.exposuremonitor.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The API over HTTPS with a keystore of its own (made here with the JDK's keytool). */
@Timeout(120)
class TlsTest {
    private final String password = "pw-" + UUID.randomUUID();
    @TempDir
    Path dir;
    private Path keystore;
    private HttpSettings tls;

    @BeforeEach
    void makeKeystore() throws IOException, InterruptedException {
        keystore = selfSignedKeystore();
        tls = HttpSettings.defaults().withTls(keystore.toString(), password);
    }

    @Test
    void withAKeystoreTheApiAnswersHttpsOnlyAndNeverLogsThePassword() throws Exception {
        ListAppender<ILoggingEvent> logs = captureLogs();
        try (HttpApi api = HttpApi.start("127.0.0.1", 0, null, new FakeBackend(), tls)) {
            HttpResponse<String> health = getHttps(api, "/health");

            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(ApiClient.json(health).get("status").asText()).isEqualTo("UP");
            assertThatThrownBy(() -> ApiClient.get(api, "/health")).as("plain HTTP to the HTTPS port")
                    .hasCauseInstanceOf(IOException.class);
        } finally {
            root().detachAppender(logs);
        }
        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
                .anyMatch(m -> m.startsWith("HTTP API on https://"))
                .noneMatch(m -> m.contains(password));
        assertThat(tls.toString()).doesNotContain(password).contains("tlsKeystorePassword=[hidden]");
    }

    /** Instances forward lookups to each other over HTTPS, trusting what the JVM trusts. */
    @Test
    void aLookupOwnedByAnotherInstanceIsForwardedOverHttps() throws Exception {
        FakeBackend backendA = new FakeBackend();
        FakeBackend backendB = new FakeBackend().found(ApiFixtures.exposure("op-b"));
        SSLContext jvmDefault = SSLContext.getDefault();
        SSLContext.setDefault(trusting()); // what -Djavax.net.ssl.trustStore does for a deployment
        try (HttpApi a = HttpApi.start("127.0.0.1", 0, null, backendA, tls);
             HttpApi b = HttpApi.start("127.0.0.1", 0, null, backendB, tls)) {
            backendA.operators.put("op-b", new Lookup.Remote<>("127.0.0.1", b.port()));

            HttpResponse<String> response = getHttps(a, "/operators/op-b");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(ApiClient.json(response).get("operatorId").asText()).isEqualTo("op-b");
            assertThat(backendB.operatorCalls).containsExactly("op-b");
        } finally {
            SSLContext.setDefault(jvmDefault);
        }
    }

    private HttpResponse<String> getHttps(HttpApi api, String path) throws Exception {
        HttpClient https = HttpClient.newBuilder().sslContext(trusting()).connectTimeout(Duration.ofSeconds(5))
                .build();
        return https.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + api.port() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private Path selfSignedKeystore() throws IOException, InterruptedException {
        Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
        Path file = dir.resolve("api.p12");
        Process keytool = new ProcessBuilder(java.resolveSibling("keytool").toString(), "-genkeypair",
                "-alias", "api", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
                "-keystore", file.toString(), "-storepass", password, "-keypass", password, "-noprompt")
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).as("keytool finished").isTrue();
        assertThat(keytool.exitValue()).as("keytool: " + output).isZero();
        return file;
    }

    /** Trusts exactly the keystore's own certificate. */
    private SSLContext trusting() throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, password.toCharArray());
        }
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        trusted.setCertificateEntry("api", store.getCertificate("api"));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static ListAppender<ILoggingEvent> captureLogs() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        root().addAppender(appender);
        return appender;
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
