package com.exposuremonitor.embedded;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/** A log that lives as long as the process: the registry without a broker. */
final class InMemoryRegistryLog implements RegistryLog {
    private final List<Map.Entry<String, String>> records = new ArrayList<>();

    @Override
    public synchronized void replay(BiConsumer<String, String> apply) {
        records.forEach(r -> apply.accept(r.getKey(), r.getValue()));
    }

    @Override
    public synchronized void append(String key, String value) {
        records.add(Map.entry(key, value));
    }

    @Override
    public void close() {
    }
}
