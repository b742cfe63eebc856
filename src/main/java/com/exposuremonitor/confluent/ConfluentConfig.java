package com.exposuremonitor.confluent;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.types.Password;

/** The configuration keys Confluent's serializers use, so existing client configs work unchanged. */
public final class ConfluentConfig {
    /** One URL, or several separated by commas: the client fails over between them. */
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";

    /** {@code USER_INFO} (from {@link #BASIC_AUTH_USER_INFO}) or {@code URL} (the user info of each URL). */
    public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    /** {@code user:password}. */
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    /** The older spelling of {@link #BASIC_AUTH_USER_INFO}, still accepted by Confluent's clients. */
    public static final String SCHEMA_REGISTRY_USER_INFO = "schema.registry.basic.auth.user.info";
    /** {@code STATIC_TOKEN} (from {@link #BEARER_AUTH_TOKEN}); the OAuth sources are not supported. */
    public static final String BEARER_AUTH_CREDENTIALS_SOURCE = "bearer.auth.credentials.source";
    public static final String BEARER_AUTH_TOKEN = "bearer.auth.token";
    /** Confluent Cloud: the registry's logical cluster id, sent as {@code target-sr-cluster}. */
    public static final String BEARER_AUTH_LOGICAL_CLUSTER = "bearer.auth.logical.cluster";
    /** Confluent Cloud: the identity pool, sent as {@code Confluent-Identity-Pool-Id}. */
    public static final String BEARER_AUTH_IDENTITY_POOL_ID = "bearer.auth.identity.pool.id";

    /** Prefix of the registry client's TLS settings, e.g. {@code schema.registry.ssl.truststore.location}. */
    public static final String SSL_PREFIX = "schema.registry.ssl.";
    public static final String SSL_TRUSTSTORE_LOCATION = SSL_PREFIX + "truststore.location";
    public static final String SSL_TRUSTSTORE_PASSWORD = SSL_PREFIX + "truststore.password";
    public static final String SSL_TRUSTSTORE_TYPE = SSL_PREFIX + "truststore.type";
    public static final String SSL_KEYSTORE_LOCATION = SSL_PREFIX + "keystore.location";
    public static final String SSL_KEYSTORE_PASSWORD = SSL_PREFIX + "keystore.password";
    public static final String SSL_KEYSTORE_TYPE = SSL_PREFIX + "keystore.type";
    public static final String SSL_KEY_PASSWORD = SSL_PREFIX + "key.password";
    public static final String SSL_PROTOCOL = SSL_PREFIX + "protocol";
    public static final String SSL_KEYMANAGER_ALGORITHM = SSL_PREFIX + "keymanager.algorithm";
    public static final String SSL_TRUSTMANAGER_ALGORITHM = SSL_PREFIX + "trustmanager.algorithm";
    public static final String SSL_ENDPOINT_IDENTIFICATION_ALGORITHM = SSL_PREFIX + "endpoint.identification.algorithm";

    private ConfluentConfig() {
    }

    /** A client of the registry the configs name, with their credentials and TLS settings. */
    public static SchemaRegistryClient client(Map<String, ?> configs) {
        return new SchemaRegistryClient(RegistryClientConfig.from(configs));
    }

    static boolean flag(Map<String, ?> configs, String key, boolean defaultValue) {
        return text(configs, key).map(Boolean::parseBoolean).orElse(defaultValue);
    }

    /**
     * A setting as text, absent when missing or blank (Confluent's defaults are empty strings); not trimmed,
     * since a password may end in a space. Kafka hands secrets over as {@link Password}, whose toString hides
     * the value.
     */
    static Optional<String> text(Map<String, ?> configs, String key) {
        Object value = configs.get(key);
        String text = value instanceof Password password ? password.value() : value == null ? null : value.toString();
        return text == null || text.isBlank() ? Optional.empty() : Optional.of(text);
    }

    /** A setting naming one of a few choices (a credentials source, say), trimmed and in upper case. */
    static Optional<String> choice(Map<String, ?> configs, String key) {
        return text(configs, key).map(v -> v.trim().toUpperCase(Locale.ROOT));
    }
}
