package com.exposuremonitor.confluent;

import static com.exposuremonitor.confluent.ConfluentConfig.SCHEMA_REGISTRY_URL;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigException;

/**
 * Everything a {@link SchemaRegistryClient} needs to reach its registry, built from a Kafka-style config map
 * with Confluent's keys ({@link ConfluentConfig}): the URLs to fail over between, the credentials and the TLS
 * settings. Every key is honoured or refused with a {@link ConfigException} naming it; secrets never appear in
 * an error or in {@link #toString()}.
 *
 * @param urls  the registry's base URLs in order, without user info
 */
public record RegistryClientConfig(List<URI> urls, RegistryAuth auth, RegistryTls tls, RetryPolicy retry) {

    public RegistryClientConfig {
        urls = List.copyOf(urls);
        if (urls.isEmpty()) {
            throw new ConfigException(SCHEMA_REGISTRY_URL + " names no URL");
        }
    }

    /** From the configs of a serializer, a Streams application or a client passthrough. */
    public static RegistryClientConfig from(Map<String, ?> configs) {
        List<URI> given = parseUrls(ConfluentConfig.text(configs, SCHEMA_REGISTRY_URL)
                .orElseThrow(() -> new ConfigException(SCHEMA_REGISTRY_URL + " is required")));
        List<URI> bare = given.stream().map(RegistryClientConfig::withoutUserInfo).toList();
        return new RegistryClientConfig(bare, RegistryAuth.from(configs, given), RegistryTls.from(configs),
                RetryPolicy.DEFAULT);
    }

    /**
     * The URL given on its own (the command line's {@code --schema-registry-url}) with the credentials and TLS
     * keys of the Kafka client passthrough ({@code --config}, {@code --kafka-config}); the URL given wins over
     * a {@code schema.registry.url} in the passthrough.
     */
    public static RegistryClientConfig from(String url, Map<String, String> clientConfig) {
        Map<String, Object> merged = new HashMap<>(clientConfig);
        merged.put(SCHEMA_REGISTRY_URL, url);
        return from(merged);
    }

    /** A registry without credentials, trusted by the JVM's default trust store. */
    public static RegistryClientConfig of(String url) {
        return from(Map.of(SCHEMA_REGISTRY_URL, url));
    }

    public RegistryClientConfig withRetry(RetryPolicy policy) {
        return new RegistryClientConfig(urls, auth, tls, policy);
    }

    /** The URLs as given, user info (credentials) replaced: safe to log. */
    public static String withoutUserInfo(String urls) {
        if (urls == null) {
            return null;
        }
        return Arrays.stream(urls.split(",")).map(String::trim).map(url -> {
            try {
                URI uri = new URI(url);
                return uri.getRawUserInfo() == null || uri.getHost() == null ? url
                        : withoutUserInfo(uri).toString().replace("://", "://[hidden]@");
            } catch (URISyntaxException e) {
                return url.contains("@") ? "[unparseable URL hidden]" : url;
            }
        }).collect(Collectors.joining(","));
    }

    @Override
    public String toString() {
        return "RegistryClientConfig[urls=" + urls + ", auth=" + auth + ", tls=" + tls + ", retry=" + retry + "]";
    }

    static URI withoutUserInfo(URI uri) {
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        return URI.create(uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost() + port + path);
    }

    /** Confluent's comma-separated list; an entry is never echoed whole, since it may carry a password. */
    private static List<URI> parseUrls(String text) {
        List<URI> urls = new ArrayList<>();
        String[] entries = text.split(",");
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].trim();
            if (entry.isEmpty()) {
                continue;
            }
            String which = SCHEMA_REGISTRY_URL + " entry " + (i + 1);
            URI uri;
            try {
                uri = new URI(entry);
            } catch (URISyntaxException e) {
                throw new ConfigException(which + " is not a valid URL");
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new ConfigException(which + " must start with http:// or https://");
            }
            if (uri.getHost() == null) {
                throw new ConfigException(which + " has no valid host name (letters, digits, '-' and '.'; no '_')");
            }
            urls.add(uri);
        }
        return urls;
    }
}
