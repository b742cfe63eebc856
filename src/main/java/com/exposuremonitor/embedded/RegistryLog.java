package com.exposuremonitor.embedded;

import java.util.function.BiConsumer;

/** Where the registry's changes are made durable, as JSON key/value records in Confluent's format. */
interface RegistryLog extends AutoCloseable {
    /** Replays every record, oldest first. */
    void replay(BiConsumer<String, String> apply);

    /** Appends one record durably before returning. */
    void append(String key, String value);

    @Override
    void close();
}
