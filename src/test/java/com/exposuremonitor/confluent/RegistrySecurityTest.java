package com.exposuremonitor.confluent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.exposuremonitor.avro.Financing;
import com.exposuremonitor.embedded.EmbeddedSchemaRegistry;
import com.exposuremonitor.embedded.RegistrySecurity;
import com.exposuremonitor.testing.FaultyRegistryProxy;
import com.exposuremonitor.testing.FaultyRegistryProxy.Fault;
import com.exposuremonitor.testing.TestCertificates;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry client against an embedded registry that demands credentials or TLS: Confluent's keys reach a
 * secured registry, wrong or missing credentials are a refusal (never retried, never a record's fault), an
 * untrusted certificate says which setting to fix, and a list of URLs fails over to one that answers.
 */
class RegistrySecurityTest {
    private static final RetryPolicy QUICK =
            new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(3));
    private static final String PASSWORD = "s3cret:with-colon";
    private static final String TOKEN = "static-token-42";

    @TempDir
    static Path certDir;
    private static TestCertificates certs;

    @BeforeAll
    static void certificates() throws Exception {
        certs = TestCertificates.generate(certDir);
    }

    @Test
    void basicAuthWithTheRightUserInfoRegistersAndReadsBack() {
        try (EmbeddedSchemaRegistry registry = basicAuthRegistry()) {
            int id = client(registry.url(), Map.of("basic.auth.credentials.source", "USER_INFO",
                    "basic.auth.user.info", "monitor:" + PASSWORD)).register("f-value", Financing.getClassSchema());
            SchemaRegistryClient olderKey = client(registry.url(),
                    Map.of("schema.registry.basic.auth.user.info", "monitor:" + PASSWORD));
            assertThat(olderKey.schemaById(id)).isEqualTo(Financing.getClassSchema());
            String inUrl = registry.url().replace("://", "://monitor:" + PASSWORD.replace(":", "%3A") + "@");
            SchemaRegistryClient fromUrl = client(inUrl, Map.of("basic.auth.credentials.source", "URL"));
            assertThat(fromUrl.schemaById(id)).as("credentials in the URL").isEqualTo(Financing.getClassSchema());
        }
    }

    @Test
    void wrongOrMissingBasicCredentialsAreARefusalAt401() {
        try (EmbeddedSchemaRegistry registry = basicAuthRegistry()) {
            SchemaRegistryClient wrong = client(registry.url(), Map.of("basic.auth.user.info", "monitor:nope"));
            assertRefused401(() -> wrong.register("f-value", Financing.getClassSchema()));
            SchemaRegistryClient none = client(registry.url(), Map.of());
            assertRefused401(() -> none.schemaById(1));
        }
    }

    @Test
    void theRegistryAnswersMissingCredentialsWithConfluentsErrorJson() throws Exception {
        try (EmbeddedSchemaRegistry registry = basicAuthRegistry()) {
            HttpResponse<String> reply = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(registry.url() + "/subjects")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(reply.statusCode()).isEqualTo(401);
            assertThat(reply.body()).isEqualTo("{\"error_code\":401,\"message\":\"Unauthorized\"}");
            assertThat(reply.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v)
                    .startsWith("Basic"));
        }
    }

    @Test
    void aStaticBearerTokenIsAcceptedAndAWrongOneRefused() {
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.inMemory(
                RegistrySecurity.none().withBearerToken(TOKEN))) {
            SchemaRegistryClient right = client(registry.url(), Map.of("bearer.auth.credentials.source", "STATIC_TOKEN",
                    "bearer.auth.token", TOKEN));
            int id = right.register("f-value", Financing.getClassSchema());
            assertThat(client(registry.url(), Map.of("bearer.auth.token", TOKEN)).schemaById(id))
                    .isEqualTo(Financing.getClassSchema());
            SchemaRegistryClient wrong = client(registry.url(), Map.of("bearer.auth.token", TOKEN + "-old"));
            assertRefused401(() -> wrong.schemaById(id));
        }
    }

    @Test
    void httpsWorksWithATrustStoreHoldingTheRegistrysCertificate() {
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.inMemory(
                RegistrySecurity.none().withTls(certs.serverKeyStore(), TestCertificates.PASSWORD))) {
            assertThat(registry.url()).startsWith("https://");
            SchemaRegistryClient client = client(registry.url(), trustingTheRegistry());
            int id = client.register("f-value", Financing.getClassSchema());
            assertThat(client(registry.url(), trustingTheRegistry()).schemaById(id)).isEqualTo(Financing.getClassSchema());
        }
    }

    @Test
    void httpsWithoutATrustStoreFailsAtOnceNamingTheSettingToFix() {
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.inMemory(
                RegistrySecurity.none().withTls(certs.serverKeyStore(), TestCertificates.PASSWORD))) {
            SchemaRegistryClient untrusting = client(registry.url(), Map.of());
            assertThatThrownBy(() -> untrusting.schemaById(1))
                    .isInstanceOfSatisfying(ConfluentException.RegistryRefused.class,
                            e -> assertThat(e.registryFault()).as("not the record's fault").isTrue())
                    .hasMessageContaining("certificate is not trusted")
                    .hasMessageContaining("schema.registry.ssl.truststore.location")
                    .hasMessageNotContaining("attempts");
        }
    }

    @Test
    void mutualTlsNeedsTheClientsKeyStore() {
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.inMemory(RegistrySecurity.none()
                .withTls(certs.serverKeyStore(), TestCertificates.PASSWORD)
                .withClientCertificates(certs.clientTrustStore(), TestCertificates.PASSWORD))) {
            Map<String, Object> withKey = new HashMap<>(trustingTheRegistry());
            withKey.put("schema.registry.ssl.keystore.location", certs.clientKeyStore().toString());
            withKey.put("schema.registry.ssl.keystore.password", TestCertificates.PASSWORD);
            withKey.put("schema.registry.ssl.key.password", TestCertificates.PASSWORD);
            withKey.put("schema.registry.ssl.keystore.type", "PKCS12");
            assertThat(client(registry.url(), withKey).register("f-value", Financing.getClassSchema())).isPositive();

            SchemaRegistryClient withoutKey = client(registry.url(), trustingTheRegistry());
            assertThatThrownBy(() -> withoutKey.schemaById(1)).isInstanceOfSatisfying(ConfluentException.class,
                    e -> assertThat(e.registryFault()).isTrue());
        }
    }

    @Test
    void aClosedFirstUrlFailsOverToTheSecond() throws IOException {
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.inMemory()) {
            String urls = "http://127.0.0.1:" + closedPort() + "," + registry.url();
            assertThat(client(urls, Map.of()).register("f-value", Financing.getClassSchema())).isPositive();
        }
    }

    @Test
    void a503HandsOverToTheNextUrlAndTheClientStaysOnTheOneThatAnswers() {
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.inMemory();
             FaultyRegistryProxy failing = FaultyRegistryProxy.start(registry.url())) {
            failing.failNext(-1, Fault.UNAVAILABLE_503);
            SchemaRegistryClient client = client(failing.url() + "," + registry.url(), Map.of());
            int id = client.register("f-value", Financing.getClassSchema());
            assertThat(client.schemaById(id + 0)).isEqualTo(Financing.getClassSchema());
            client.latest("f-value");
            assertThat(failing.injected(Fault.UNAVAILABLE_503)).as("only the first request met the failing URL")
                    .isEqualTo(1);
            assertThat(client.baseUrl()).isEqualTo(registry.url());
        }
    }

    @Test
    void whenEveryUrlIsDownTheRegistryIsUnavailableAfterTheSameAttempts() throws IOException {
        String urls = "http://127.0.0.1:" + closedPort() + ",http://127.0.0.1:" + closedPort();
        assertThatThrownBy(() -> client(urls, Map.of()).schemaById(1))
                .isInstanceOf(ConfluentException.RegistryUnavailable.class)
                .hasMessageContaining("after 3 attempts");
    }

    private static EmbeddedSchemaRegistry basicAuthRegistry() {
        return EmbeddedSchemaRegistry.inMemory(RegistrySecurity.none().withBasicUser("monitor", PASSWORD));
    }

    private static void assertRefused401(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ConfluentException.RegistryRefused.class, e -> {
            assertThat(e.httpStatus()).isEqualTo(401);
            assertThat(e.registryFault()).isTrue();
        }).hasMessageContaining("credentials").hasMessageNotContaining(PASSWORD).hasMessageNotContaining(TOKEN);
    }

    private static Map<String, Object> trustingTheRegistry() {
        return Map.of("schema.registry.ssl.truststore.location", certs.serverTrustStore().toString(),
                "schema.registry.ssl.truststore.password", TestCertificates.PASSWORD,
                "schema.registry.ssl.truststore.type", "PKCS12");
    }

    private static SchemaRegistryClient client(String urls, Map<String, ?> settings) {
        Map<String, Object> configs = new HashMap<>(settings);
        configs.put("schema.registry.url", urls);
        return new SchemaRegistryClient(RegistryClientConfig.from(configs).withRetry(QUICK));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
