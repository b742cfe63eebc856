package com.exposuremonitor.bench;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.Options;

/** Kafka Streams' own RocksDB settings, unchanged: the baseline the bounded-memory config is compared with. */
public final class RocksDBDefaults implements RocksDBConfigSetter {
    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        // Deliberately nothing.
    }

    @Override
    public void close(String storeName, Options options) {
        // Nothing was created.
    }
}
