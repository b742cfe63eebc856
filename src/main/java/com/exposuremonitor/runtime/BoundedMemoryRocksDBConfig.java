package com.exposuremonitor.runtime;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the off-heap memory of every RocksDB store of the process (Kafka Streams' "bounded memory"
 * recipe): one LRU block cache shared by all stores, which also holds index and filter blocks, and one
 * write buffer manager charging every memtable to that same cache. Without it each store gets its own
 * cache and memtables, so memory grows with the number of stores and partitions.
 *
 * <p>Wire it with {@code rocksdb.config.setter=com.exposuremonitor.runtime.BoundedMemoryRocksDBConfig} (the monitor's default).
 * Sizes come from {@value #TOTAL_BYTES_CONFIG} (default 256 MiB, the whole budget) and
 * {@value #MEMTABLE_BYTES_CONFIG} (default 96 MiB, the memtables' part of it). The cache is created by
 * the first store that is configured and shared by all later ones, so the first configuration wins.
 */
public final class BoundedMemoryRocksDBConfig implements RocksDBConfigSetter {
    public static final String TOTAL_BYTES_CONFIG = "exposure.rocksdb.total.bytes";
    public static final String MEMTABLE_BYTES_CONFIG = "exposure.rocksdb.memtable.bytes";
    static final long DEFAULT_TOTAL_BYTES = 256L << 20;
    static final long DEFAULT_MEMTABLE_BYTES = 96L << 20;
    /** Share of the cache kept for index and filter blocks (high priority). */
    private static final double INDEX_FILTER_RATIO = 0.1;
    private static final long MEMTABLE_SIZE = 4L << 20;
    /**
     * A memtable charges the write buffer manager by arena block (RocksDB's default block is an eighth of
     * the memtable). The monitor has ~25 stores per partition, so with default blocks their empty memtables
     * alone exceed the budget and every write forces a flush: tiny L0 files, compactions, write stalls.
     */
    private static final long ARENA_BLOCK_SIZE = 64L << 10;
    private static final int MEMTABLES_PER_STORE = 2;

    private static Cache cache;
    private static WriteBufferManager writeBufferManager;

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        synchronized (BoundedMemoryRocksDBConfig.class) {
            if (cache == null) {
                long total = bytes(configs, TOTAL_BYTES_CONFIG, DEFAULT_TOTAL_BYTES);
                long memtables = Math.min(bytes(configs, MEMTABLE_BYTES_CONFIG, DEFAULT_MEMTABLE_BYTES), total / 2);
                cache = new LRUCache(total, -1, false, INDEX_FILTER_RATIO);
                writeBufferManager = new WriteBufferManager(memtables, cache);
            }
            table.setBlockCache(cache);
            options.setWriteBufferManager(writeBufferManager);
        }
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setMaxWriteBufferNumber(MEMTABLES_PER_STORE);
        options.setWriteBufferSize(MEMTABLE_SIZE);
        options.setArenaBlockSize(ARENA_BLOCK_SIZE);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and the write buffer manager are shared by every store of the process: never closed here.
    }

    private static long bytes(Map<String, Object> configs, String key, long fallback) {
        Object value = configs.get(key);
        return value == null ? fallback : Long.parseLong(value.toString().trim());
    }
}
