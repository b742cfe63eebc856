package com.exposuremonitor.confluent;

import java.util.Map;

/** The configuration keys Confluent's serializers use, so existing client configs work unchanged. */
public final class ConfluentConfig {
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";

    private ConfluentConfig() {
    }

    static SchemaRegistryClient client(Map<String, ?> configs) {
        Object url = configs.get(SCHEMA_REGISTRY_URL);
        if (url == null || url.toString().isBlank()) {
            throw new IllegalArgumentException(SCHEMA_REGISTRY_URL + " is required");
        }
        // Confluent accepts a comma-separated list; the first entry is the one we talk to.
        return new SchemaRegistryClient(url.toString().split(",")[0].trim());
    }

    static boolean flag(Map<String, ?> configs, String key, boolean defaultValue) {
        Object value = configs.get(key);
        return value == null ? defaultValue : Boolean.parseBoolean(value.toString());
    }
}
