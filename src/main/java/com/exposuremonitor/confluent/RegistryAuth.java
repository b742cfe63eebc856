package com.exposuremonitor.confluent;

import static com.exposuremonitor.confluent.ConfluentConfig.BASIC_AUTH_CREDENTIALS_SOURCE;
import static com.exposuremonitor.confluent.ConfluentConfig.BASIC_AUTH_USER_INFO;
import static com.exposuremonitor.confluent.ConfluentConfig.BEARER_AUTH_CREDENTIALS_SOURCE;
import static com.exposuremonitor.confluent.ConfluentConfig.BEARER_AUTH_IDENTITY_POOL_ID;
import static com.exposuremonitor.confluent.ConfluentConfig.BEARER_AUTH_LOGICAL_CLUSTER;
import static com.exposuremonitor.confluent.ConfluentConfig.BEARER_AUTH_TOKEN;
import static com.exposuremonitor.confluent.ConfluentConfig.SCHEMA_REGISTRY_USER_INFO;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;

/**
 * How the registry client proves who it is, from Confluent's keys: nothing, HTTP basic ({@code USER_INFO} or
 * the user info of each URL) or a static bearer token. Immutable; neither {@link #toString()} nor an error
 * message ever shows a credential.
 */
public final class RegistryAuth {
    static final RegistryAuth NONE = new RegistryAuth("none", Map.of(), Map.of());
    private static final String AUTHORIZATION = "Authorization";

    private final String description;
    /** Headers sent to every URL. */
    private final Map<String, String> headers;
    /** {@code basic.auth.credentials.source=URL}: the Authorization header of each URL, from its user info. */
    private final Map<URI, String> perUrl;

    private RegistryAuth(String description, Map<String, String> headers, Map<URI, String> perUrl) {
        this.description = description;
        this.headers = Map.copyOf(headers);
        this.perUrl = Map.copyOf(perUrl);
    }

    /** The credentials the configs name for these URLs (given with their user info, if any). */
    static RegistryAuth from(Map<String, ?> configs, List<URI> urlsAsGiven) {
        Optional<RegistryAuth> basic = basic(configs, urlsAsGiven);
        Optional<RegistryAuth> bearer = bearer(configs);
        if (basic.isPresent() && bearer.isPresent()) {
            throw new ConfigException("both basic and bearer credentials are set for the schema registry ("
                    + basic.get() + ", " + bearer.get() + "); keep one");
        }
        return basic.or(() -> bearer).orElse(NONE);
    }

    /** The headers of a request to the registry at {@code base} (a URL without user info). */
    Map<String, String> headers(URI base) {
        String fromUrl = perUrl.get(base);
        if (fromUrl == null) {
            return headers;
        }
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put(AUTHORIZATION, fromUrl);
        return all;
    }

    /** Which kind of credentials, never the credentials themselves. */
    @Override
    public String toString() {
        return description;
    }

    private static Optional<RegistryAuth> basic(Map<String, ?> configs, List<URI> urls) {
        Optional<String> userInfo = userInfo(configs);
        // Confluent's default source is URL, which quietly ignores a user info given in the keys; here that
        // user info is used, and asking for URL while giving one is refused.
        String source = ConfluentConfig.choice(configs, BASIC_AUTH_CREDENTIALS_SOURCE)
                .orElse(userInfo.isPresent() ? "USER_INFO" : "URL");
        switch (source) {
            case "USER_INFO" -> {
                String info = userInfo.orElseThrow(() -> new ConfigException(BASIC_AUTH_CREDENTIALS_SOURCE
                        + "=USER_INFO needs " + BASIC_AUTH_USER_INFO + " (user:password)"));
                return Optional.of(new RegistryAuth("basic (USER_INFO)",
                        Map.of(AUTHORIZATION, basicHeader(info, BASIC_AUTH_USER_INFO)), Map.of()));
            }
            case "URL" -> {
                if (userInfo.isPresent()) {
                    throw new ConfigException(BASIC_AUTH_USER_INFO + " is set but " + BASIC_AUTH_CREDENTIALS_SOURCE
                            + "=URL takes the credentials from the registry URL; set it to USER_INFO");
                }
                return fromUrls(urls);
            }
            case "SASL_INHERIT" -> throw new ConfigException(BASIC_AUTH_CREDENTIALS_SOURCE
                    + "=SASL_INHERIT is not supported; give the registry credentials with USER_INFO");
            default -> throw new ConfigException("unknown " + BASIC_AUTH_CREDENTIALS_SOURCE + " '" + source
                    + "': USER_INFO or URL");
        }
    }

    private static Optional<String> userInfo(Map<String, ?> configs) {
        Optional<String> current = ConfluentConfig.text(configs, BASIC_AUTH_USER_INFO);
        Optional<String> older = ConfluentConfig.text(configs, SCHEMA_REGISTRY_USER_INFO);
        if (current.isPresent() && older.isPresent() && !current.equals(older)) {
            throw new ConfigException(BASIC_AUTH_USER_INFO + " and " + SCHEMA_REGISTRY_USER_INFO
                    + " are both set, to different values; keep one");
        }
        return current.or(() -> older);
    }

    private static Optional<RegistryAuth> fromUrls(List<URI> urls) {
        Map<URI, String> perUrl = new LinkedHashMap<>();
        for (URI url : urls) {
            if (url.getUserInfo() != null) {
                perUrl.put(RegistryClientConfig.withoutUserInfo(url),
                        basicHeader(url.getUserInfo(), "the user info of " + ConfluentConfig.SCHEMA_REGISTRY_URL));
            }
        }
        return perUrl.isEmpty() ? Optional.empty() : Optional.of(new RegistryAuth("basic (URL)", Map.of(), perUrl));
    }

    private static Optional<RegistryAuth> bearer(Map<String, ?> configs) {
        Optional<String> token = ConfluentConfig.text(configs, BEARER_AUTH_TOKEN);
        Optional<String> source = ConfluentConfig.choice(configs, BEARER_AUTH_CREDENTIALS_SOURCE)
                .or(() -> token.map(t -> "STATIC_TOKEN"));
        Optional<String> cluster = ConfluentConfig.text(configs, BEARER_AUTH_LOGICAL_CLUSTER);
        Optional<String> pool = ConfluentConfig.text(configs, BEARER_AUTH_IDENTITY_POOL_ID);
        if (source.isEmpty()) {
            if (cluster.isPresent() || pool.isPresent()) {
                throw new ConfigException(BEARER_AUTH_LOGICAL_CLUSTER + " and " + BEARER_AUTH_IDENTITY_POOL_ID
                        + " go with a bearer token: set " + BEARER_AUTH_TOKEN);
            }
            return Optional.empty();
        }
        if (!source.get().equals("STATIC_TOKEN")) {
            throw new ConfigException(BEARER_AUTH_CREDENTIALS_SOURCE + "=" + source.get()
                    + " is not supported; use STATIC_TOKEN with " + BEARER_AUTH_TOKEN);
        }
        String value = token.orElseThrow(() -> new ConfigException(BEARER_AUTH_CREDENTIALS_SOURCE
                + "=STATIC_TOKEN needs " + BEARER_AUTH_TOKEN));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(AUTHORIZATION, "Bearer " + headerSafe(value, BEARER_AUTH_TOKEN));
        cluster.ifPresent(c -> headers.put("target-sr-cluster", headerSafe(c, BEARER_AUTH_LOGICAL_CLUSTER)));
        pool.ifPresent(p -> headers.put("Confluent-Identity-Pool-Id", headerSafe(p, BEARER_AUTH_IDENTITY_POOL_ID)));
        return Optional.of(new RegistryAuth("bearer (STATIC_TOKEN)", headers, Map.of()));
    }

    private static String basicHeader(String userInfo, String where) {
        int colon = userInfo.indexOf(':');
        if (colon <= 0) {
            throw new ConfigException(where + " must be user:password");
        }
        return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }

    /** A control character would be refused by the HTTP client with the value in its message: refused here. */
    private static String headerSafe(String value, String key) {
        if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new ConfigException(key + " contains a control character (a stray line break?)");
        }
        return value;
    }
}
