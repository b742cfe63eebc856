package com.exposuremonitor.confluent;

import static com.exposuremonitor.confluent.ConfluentConfig.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM;
import static com.exposuremonitor.confluent.ConfluentConfig.SSL_KEYMANAGER_ALGORITHM;
import static com.exposuremonitor.confluent.ConfluentConfig.SSL_KEYSTORE_LOCATION;
import static com.exposuremonitor.confluent.ConfluentConfig.SSL_KEYSTORE_PASSWORD;
import static com.exposuremonitor.confluent.ConfluentConfig.SSL_KEYSTORE_TYPE;
import static com.exposuremonitor.confluent.ConfluentConfig.SSL_KEY_PASSWORD;
import static com.exposuremonitor.confluent.ConfluentConfig.SSL_PREFIX;
import static com.exposuremonitor.confluent.ConfluentConfig.SSL_PROTOCOL;
import static com.exposuremonitor.confluent.ConfluentConfig.SSL_TRUSTMANAGER_ALGORITHM;
import static com.exposuremonitor.confluent.ConfluentConfig.SSL_TRUSTSTORE_LOCATION;
import static com.exposuremonitor.confluent.ConfluentConfig.SSL_TRUSTSTORE_PASSWORD;
import static com.exposuremonitor.confluent.ConfluentConfig.SSL_TRUSTSTORE_TYPE;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.common.config.ConfigException;

/**
 * The registry client's TLS settings, from Confluent's {@code schema.registry.ssl.*} keys: a trust store for a
 * registry whose certificate the JVM does not trust, a key store for mutual TLS. The stores are read when the
 * configuration is built, so a missing file or a wrong password fails at start, not at the first record.
 */
public final class RegistryTls {
    static final RegistryTls JVM_DEFAULT = new RegistryTls(null, "the JVM's trust store");
    private static final Set<String> SUPPORTED = Set.of(SSL_TRUSTSTORE_LOCATION, SSL_TRUSTSTORE_PASSWORD,
            SSL_TRUSTSTORE_TYPE, SSL_KEYSTORE_LOCATION, SSL_KEYSTORE_PASSWORD, SSL_KEYSTORE_TYPE, SSL_KEY_PASSWORD,
            SSL_PROTOCOL, SSL_KEYMANAGER_ALGORITHM, SSL_TRUSTMANAGER_ALGORITHM, SSL_ENDPOINT_IDENTIFICATION_ALGORITHM);
    /** Kafka's default store type; the JDK's JKS store also reads PKCS12 files. */
    private static final String DEFAULT_STORE_TYPE = "JKS";

    private final SSLContext context;
    private final String description;

    private RegistryTls(SSLContext context, String description) {
        this.context = context;
        this.description = description;
    }

    static RegistryTls from(Map<String, ?> configs) {
        rejectUnsupported(configs);
        Optional<String> identification = ConfluentConfig.text(configs, SSL_ENDPOINT_IDENTIFICATION_ALGORITHM);
        if (configs.containsKey(SSL_ENDPOINT_IDENTIFICATION_ALGORITHM)
                && !identification.map("HTTPS"::equalsIgnoreCase).orElse(false)) {
            // The JDK's HTTP client always checks the host name; pretending otherwise would be a lie.
            throw new ConfigException(SSL_ENDPOINT_IDENTIFICATION_ALGORITHM + " can only be https: the registry's"
                    + " certificate must name the host in schema.registry.url");
        }
        Optional<String> truststore = ConfluentConfig.text(configs, SSL_TRUSTSTORE_LOCATION);
        Optional<String> keystore = ConfluentConfig.text(configs, SSL_KEYSTORE_LOCATION);
        if (truststore.isEmpty() && keystore.isEmpty()) {
            return JVM_DEFAULT;
        }
        TrustManager[] trust = truststore.isEmpty() ? null : trustManagers(configs, truststore.get());
        KeyManager[] keys = keystore.isEmpty() ? null : keyManagers(configs, keystore.get());
        String protocol = ConfluentConfig.text(configs, SSL_PROTOCOL).orElse("TLS");
        try {
            SSLContext context = SSLContext.getInstance(protocol);
            context.init(keys, trust, null);
            return new RegistryTls(context, describe(truststore, keystore));
        } catch (GeneralSecurityException e) {
            throw new ConfigException("cannot set up TLS " + protocol + " for the schema registry: " + e.getMessage());
        }
    }

    /** The context for the HTTP client; empty means the JVM's default. */
    Optional<SSLContext> context() {
        return Optional.ofNullable(context);
    }

    /** Which stores are used (their paths), never their passwords. */
    @Override
    public String toString() {
        return description;
    }

    private static TrustManager[] trustManagers(Map<String, ?> configs, String location) {
        KeyStore store = load(configs, location, SSL_TRUSTSTORE_LOCATION, SSL_TRUSTSTORE_TYPE,
                ConfluentConfig.text(configs, SSL_TRUSTSTORE_PASSWORD));
        String algorithm = ConfluentConfig.text(configs, SSL_TRUSTMANAGER_ALGORITHM)
                .orElse(TrustManagerFactory.getDefaultAlgorithm());
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(algorithm);
            factory.init(store);
            return factory.getTrustManagers();
        } catch (GeneralSecurityException e) {
            throw new ConfigException("cannot use " + SSL_TRUSTSTORE_LOCATION + " " + location + ": " + e.getMessage());
        }
    }

    private static KeyManager[] keyManagers(Map<String, ?> configs, String location) {
        Optional<String> storePassword = ConfluentConfig.text(configs, SSL_KEYSTORE_PASSWORD);
        KeyStore store = load(configs, location, SSL_KEYSTORE_LOCATION, SSL_KEYSTORE_TYPE, storePassword);
        String keyPassword = ConfluentConfig.text(configs, SSL_KEY_PASSWORD).or(() -> storePassword).orElse("");
        String algorithm = ConfluentConfig.text(configs, SSL_KEYMANAGER_ALGORITHM)
                .orElse(KeyManagerFactory.getDefaultAlgorithm());
        try {
            KeyManagerFactory factory = KeyManagerFactory.getInstance(algorithm);
            factory.init(store, keyPassword.toCharArray());
            return factory.getKeyManagers();
        } catch (GeneralSecurityException e) {
            throw new ConfigException("cannot use the private key in " + SSL_KEYSTORE_LOCATION + " " + location
                    + " (check " + SSL_KEY_PASSWORD + "): " + e.getMessage());
        }
    }

    private static KeyStore load(Map<String, ?> configs, String location, String locationKey, String typeKey,
                                 Optional<String> password) {
        String type = ConfluentConfig.text(configs, typeKey).map(String::trim).orElse(DEFAULT_STORE_TYPE);
        try (InputStream in = Files.newInputStream(Path.of(location))) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, password.map(String::toCharArray).orElse(null));
            return store;
        } catch (IOException | GeneralSecurityException e) {
            // Messages of the JDK name the file or the problem ("keystore password was incorrect"), never the password.
            throw new ConfigException("cannot read " + locationKey + " " + location + " (type " + type + "): "
                    + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static void rejectUnsupported(Map<String, ?> configs) {
        List<String> unsupported = new ArrayList<>(configs.keySet().stream()
                .filter(k -> k.startsWith(SSL_PREFIX) && !SUPPORTED.contains(k)).toList());
        if (!unsupported.isEmpty()) {
            throw new ConfigException("unsupported schema registry TLS settings " + unsupported + "; supported: "
                    + new TreeSet<>(SUPPORTED));
        }
    }

    private static String describe(Optional<String> truststore, Optional<String> keystore) {
        return "trust store " + truststore.orElse("of the JVM")
                + keystore.map(k -> ", key store " + k).orElse("");
    }

    /**
     * A TLS failure no retry will mend, if this is one: the registry's certificate is not trusted or does not
     * name its host, or the registry refused ours. A handshake broken off by the network is not one.
     */
    static Optional<String> permanentFailure(IOException failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.security.cert.CertificateException
                    || t instanceof java.security.cert.CertPathValidatorException
                    || t instanceof java.security.cert.CertPathBuilderException) {
                return Optional.of("the registry's certificate is not trusted or does not name its host ("
                        + t.getMessage() + "); put it, or its CA, in " + SSL_TRUSTSTORE_LOCATION);
            }
            String message = String.valueOf(t.getMessage());
            if (t instanceof javax.net.ssl.SSLException && message.contains("Received fatal alert")
                    && (message.contains("certificate") || message.contains("unknown_ca"))) {
                return Optional.of("the registry refused this client's certificate (" + message + "); check "
                        + SSL_KEYSTORE_LOCATION);
            }
        }
        return Optional.empty();
    }
}
