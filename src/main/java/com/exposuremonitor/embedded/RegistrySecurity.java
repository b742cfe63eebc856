package com.exposuremonitor.embedded;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * What the embedded registry demands of its clients, for tests of secured registries and for users who want
 * one: HTTP basic users and/or a bearer token (anything else gets Confluent's 401), HTTPS from a PKCS12 key
 * store, and optionally client certificates (mutual TLS). Immutable; {@link #toString()} shows no secret.
 */
public final class RegistrySecurity {
    private static final RegistrySecurity NONE = new RegistrySecurity(Map.of(), null, null, null, null, null);

    private final Map<String, String> users;
    private final String bearerToken;
    private final Path keyStore;
    private final String keyStorePassword;
    private final Path clientTrustStore;
    private final String clientTrustStorePassword;

    private RegistrySecurity(Map<String, String> users, String bearerToken, Path keyStore, String keyStorePassword,
                             Path clientTrustStore, String clientTrustStorePassword) {
        this.users = Map.copyOf(users);
        this.bearerToken = bearerToken;
        this.keyStore = keyStore;
        this.keyStorePassword = keyStorePassword;
        this.clientTrustStore = clientTrustStore;
        this.clientTrustStorePassword = clientTrustStorePassword;
    }

    /** Plain HTTP, no credentials: the registry of the demo. */
    public static RegistrySecurity none() {
        return NONE;
    }

    /** Also accepts this user with HTTP basic authentication. */
    public RegistrySecurity withBasicUser(String user, String password) {
        Map<String, String> more = new HashMap<>(users);
        more.put(user, password);
        return new RegistrySecurity(more, bearerToken, keyStore, keyStorePassword, clientTrustStore,
                clientTrustStorePassword);
    }

    /** Also accepts {@code Authorization: Bearer <token>}. */
    public RegistrySecurity withBearerToken(String token) {
        return new RegistrySecurity(users, token, keyStore, keyStorePassword, clientTrustStore,
                clientTrustStorePassword);
    }

    /** HTTPS with the key and certificate in this PKCS12 key store (store and key under one password). */
    public RegistrySecurity withTls(Path pkcs12KeyStore, String password) {
        return new RegistrySecurity(users, bearerToken, pkcs12KeyStore, password, clientTrustStore,
                clientTrustStorePassword);
    }

    /** Mutual TLS: only clients whose certificate this PKCS12 trust store trusts may connect. */
    public RegistrySecurity withClientCertificates(Path pkcs12TrustStore, String password) {
        return new RegistrySecurity(users, bearerToken, keyStore, keyStorePassword, pkcs12TrustStore, password);
    }

    boolean requiresCredentials() {
        return !users.isEmpty() || bearerToken != null;
    }

    boolean tls() {
        return keyStore != null;
    }

    /** Whether an Authorization header carries a known user's password or the bearer token. */
    boolean accepts(String authorization) {
        if (authorization == null) {
            return false;
        }
        if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return false;
            }
            int colon = decoded.indexOf(':');
            String expected = colon < 0 ? null : users.get(decoded.substring(0, colon));
            return expected != null && same(expected, decoded.substring(colon + 1));
        }
        return authorization.regionMatches(true, 0, "Bearer ", 0, 7) && bearerToken != null
                && same(bearerToken, authorization.substring(7).trim());
    }

    /** The schemes a 401 invites the client to use. */
    String challenge() {
        return !users.isEmpty() ? "Basic realm=\"schema-registry\"" : "Bearer realm=\"schema-registry\"";
    }

    HttpsConfigurator httpsConfigurator() {
        SSLContext context = sslContext();
        boolean clientCertificates = clientTrustStore != null;
        return new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters parameters = context.getDefaultSSLParameters();
                parameters.setNeedClientAuth(clientCertificates);
                params.setSSLParameters(parameters);
            }
        };
    }

    @Override
    public String toString() {
        return "RegistrySecurity[basicUsers=" + users.size() + ", bearerToken=" + (bearerToken != null)
                + ", tls=" + (keyStore == null ? "off" : keyStore) + ", clientCertificates="
                + (clientTrustStore == null ? "off" : clientTrustStore) + "]";
    }

    private SSLContext sslContext() {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(load(keyStore, keyStorePassword), keyStorePassword.toCharArray());
            TrustManagerFactory trust = null;
            if (clientTrustStore != null) {
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(load(clientTrustStore, clientTrustStorePassword));
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up the registry's TLS from " + keyStore + ": " + e.getMessage(), e);
        }
    }

    private static KeyStore load(Path path, String password) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(path)) {
            store.load(in, password.toCharArray());
        }
        return store;
    }

    /** Compares in constant time, so a caller cannot learn a secret from how long a refusal takes. */
    private static boolean same(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
