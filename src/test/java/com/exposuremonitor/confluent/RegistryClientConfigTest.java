package com.exposuremonitor.confluent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How Confluent's registry client keys become a {@link RegistryClientConfig}: each one honoured or refused
 * with an error naming it, and no secret ever in an error or in toString.
 */
class RegistryClientConfigTest {
    private static final String PASSWORD = "pa55:word";
    private static final String TOKEN = "tok-3f9a";

    @TempDir
    Path dir;

    @Test
    void aCommaSeparatedUrlListIsKeptInOrderWithoutUserInfo() {
        RegistryClientConfig config = RegistryClientConfig.of(" https://a.example:8081/ , http://b.example:8082");
        assertThat(config.urls()).containsExactly(URI.create("https://a.example:8081"),
                URI.create("http://b.example:8082"));
        assertThat(config.auth()).hasToString("none");
    }

    @Test
    void userInfoGivesBasicAuthUnderBothOfConfluentsKeys() {
        for (String key : new String[] {"basic.auth.user.info", "schema.registry.basic.auth.user.info"}) {
            RegistryClientConfig config = RegistryClientConfig.from(Map.of("schema.registry.url", "http://r:1",
                    "basic.auth.credentials.source", "USER_INFO", key, "svc:" + PASSWORD));
            assertThat(authorization(config, "http://r:1")).as(key)
                    .isEqualTo("Basic " + base64("svc:" + PASSWORD));
        }
        RegistryClientConfig withoutSource = RegistryClientConfig.from(Map.of("schema.registry.url", "http://r:1",
                "basic.auth.user.info", "svc:" + PASSWORD));
        assertThat(withoutSource.auth()).as("a user info without a source means USER_INFO")
                .hasToString("basic (USER_INFO)");
    }

    @Test
    void urlSourceTakesEachUrlsOwnUserInfo() {
        RegistryClientConfig config = RegistryClientConfig.from(Map.of("basic.auth.credentials.source", "URL",
                "schema.registry.url", "http://one:" + PASSWORD + "@a:1,http://two:x@b:2"));
        assertThat(config.urls()).containsExactly(URI.create("http://a:1"), URI.create("http://b:2"));
        assertThat(authorization(config, "http://a:1")).isEqualTo("Basic " + base64("one:" + PASSWORD));
        assertThat(authorization(config, "http://b:2")).isEqualTo("Basic " + base64("two:x"));
    }

    @Test
    void aStaticBearerTokenWithConfluentCloudsHeaders() {
        RegistryClientConfig config = RegistryClientConfig.from(Map.of("schema.registry.url", "https://r",
                "bearer.auth.credentials.source", "STATIC_TOKEN", "bearer.auth.token", new Password(TOKEN),
                "bearer.auth.logical.cluster", "lsrc-123", "bearer.auth.identity.pool.id", "pool-9"));
        assertThat(config.auth().headers(URI.create("https://r"))).containsExactlyInAnyOrderEntriesOf(Map.of(
                "Authorization", "Bearer " + TOKEN, "target-sr-cluster", "lsrc-123",
                "Confluent-Identity-Pool-Id", "pool-9"));
    }

    @Test
    void credentialSettingsThatCannotBeHonouredAreRefusedByName() {
        assertRefused(Map.of("basic.auth.credentials.source", "LDAP"), "unknown basic.auth.credentials.source 'LDAP'",
                "USER_INFO or URL");
        assertRefused(Map.of("basic.auth.credentials.source", "SASL_INHERIT"), "SASL_INHERIT is not supported");
        assertRefused(Map.of("basic.auth.credentials.source", "USER_INFO"), "needs basic.auth.user.info");
        assertRefused(Map.of("basic.auth.credentials.source", "URL", "basic.auth.user.info", "u:" + PASSWORD),
                "takes the credentials from the registry URL");
        assertRefused(Map.of("basic.auth.user.info", PASSWORD.replace(":", "")), "must be user:password");
        assertRefused(Map.of("basic.auth.user.info", "u:" + PASSWORD,
                "schema.registry.basic.auth.user.info", "v:" + PASSWORD), "both set, to different values");
        assertRefused(Map.of("basic.auth.user.info", "u:" + PASSWORD, "bearer.auth.token", TOKEN),
                "both basic and bearer credentials");
        assertRefused(Map.of("bearer.auth.credentials.source", "OAUTHBEARER"), "OAUTHBEARER is not supported");
        assertRefused(Map.of("bearer.auth.credentials.source", "STATIC_TOKEN"), "needs bearer.auth.token");
        assertRefused(Map.of("bearer.auth.token", TOKEN + "\n"), "control character");
    }

    @Test
    void urlsThatCannotBeUsedAreRefusedWithoutEchoingThem() {
        assertThatThrownBy(() -> RegistryClientConfig.from(Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("schema.registry.url is required");
        assertThatThrownBy(() -> RegistryClientConfig.of("http://a:1,ftp://u:" + PASSWORD + "@b"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("entry 2 must start with http")
                .hasMessageNotContaining(PASSWORD);
        assertThatThrownBy(() -> RegistryClientConfig.of("http://u:" + PASSWORD + "@bad host"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("entry 1")
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void aTrustStoreThatCannotBeReadIsRefusedNamingTheSettingAndTheFile() throws Exception {
        Path missing = dir.resolve("missing.p12");
        assertRefused(Map.of("schema.registry.ssl.truststore.location", missing.toString()),
                "cannot read schema.registry.ssl.truststore.location " + missing);
        Path store = emptyPkcs12("right-password");
        assertRefused(Map.of("schema.registry.ssl.truststore.location", store.toString(),
                "schema.registry.ssl.truststore.type", "PKCS12",
                "schema.registry.ssl.truststore.password", "wrong-" + PASSWORD), "cannot read", store.toString());
    }

    @Test
    void tlsSettingsThatCannotBeHonouredAreRefused() {
        assertRefused(Map.of("schema.registry.ssl.cipher.suites", "TLS_AES_128_GCM_SHA256"),
                "unsupported schema registry TLS settings [schema.registry.ssl.cipher.suites]",
                "schema.registry.ssl.truststore.location");
        assertRefused(Map.of("schema.registry.ssl.endpoint.identification.algorithm", ""), "can only be https");
    }

    @Test
    void noSecretInToStringOrInTheSafeUrl() throws Exception {
        Path store = emptyPkcs12(PASSWORD);
        Map<String, Object> configs = new HashMap<>(Map.of("schema.registry.url", "https://r:1",
                "basic.auth.user.info", "svc-key:" + PASSWORD, "schema.registry.ssl.truststore.location", store.toString(),
                "schema.registry.ssl.truststore.type", "PKCS12", "schema.registry.ssl.truststore.password", PASSWORD));
        String text = RegistryClientConfig.from(configs).toString();
        assertThat(text).contains("https://r:1", "basic (USER_INFO)", store.toString())
                .doesNotContain(PASSWORD, "svc-key");
        assertThat(RegistryClientConfig.withoutUserInfo("http://svc:" + PASSWORD + "@r:1,http://s:2"))
                .isEqualTo("http://[hidden]@r:1,http://s:2");
    }

    private static void assertRefused(Map<String, Object> settings, String... messageParts) {
        Map<String, Object> configs = new HashMap<>(settings);
        configs.putIfAbsent("schema.registry.url", "http://r:1");
        assertThatThrownBy(() -> RegistryClientConfig.from(configs)).as("%s", settings.keySet())
                .isInstanceOf(ConfigException.class)
                .hasMessageContainingAll(messageParts)
                .hasMessageNotContaining(PASSWORD).hasMessageNotContaining(TOKEN);
    }

    private static String authorization(RegistryClientConfig config, String url) {
        return config.auth().headers(URI.create(url)).get("Authorization");
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private Path emptyPkcs12(String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        Path file = Files.createTempFile(dir, "store", ".p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
        return file;
    }
}
