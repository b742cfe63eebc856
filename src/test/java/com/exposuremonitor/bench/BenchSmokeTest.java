package com.exposuremonitor.bench;

import com.exposuremonitor.runtime.BoundedMemoryRocksDBConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.exposuremonitor.domain.InputEvents;
import com.exposuremonitor.domain.OperatorAggregate;
import com.exposuremonitor.domain.ExposureCalculator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

/** The benchmark's pieces, without a broker (the benchmark itself runs only with -Pbench). */
class BenchSmokeTest {
    @TempDir
    Path dir;

    @Test
    void theWorkloadIsValidExceptForTheAskedShareOfBadRecords() {
        Workload workload = new Workload(new Workload.Spec(20, 40, 12, 0.8, 0.05, 4, 12, 3));
        SyntheticClock clock = new SyntheticClock(Instant.parse("2025-01-01T00:00:00Z"));
        Map<Workload.Defect, Integer> defects = new EnumMap<>(Workload.Defect.class);
        Map<String, SpecificRecord> latest = new HashMap<>();
        Map<String, OperatorAggregate> aggregates = new HashMap<>();
        int n = 4000;
        for (int i = 0; i < n; i++) {
            Workload.Event e = workload.next(clock.get());
            defects.merge(e.defect(), 1, Integer::sum);
            boolean valid = InputEvents.validate(e.record()).isEmpty();
            assertThat(valid).as("%s", e).isEqualTo(e.defect() != Workload.Defect.INVALID_FIELD);
            if (e.defect() == Workload.Defect.NONE) {
                String op = InputEvents.operatorId(e.record());
                assertThat(e.key()).isEqualTo(op);
                OperatorAggregate agg = aggregates.computeIfAbsent(op, k -> new OperatorAggregate());
                InputEvents.apply(agg, latest.put(InputEvents.naturalKey(e.record()), e.record()), e.record());
                assertThat(ExposureCalculator.compute(op, agg).getOperatorId()).isEqualTo(op);
            }
        }
        assertThat(defects.get(Workload.Defect.NONE)).isBetween((int) (n * 0.93), (int) (n * 0.97));
        assertThat(defects).containsKeys(Workload.Defect.values());
        assertThat(latest.size()).as("snapshots of the same natural keys").isLessThan(n / 2);
    }

    @Test
    void theSteadyRateLeavesOutTheWarmUpAndTheRaggedEnd() {
        Steady steady = new Steady(1_000, 0);
        long second = 1_000_000_000L;
        steady.sample(0, 0);
        steady.sample(second, 20);         // slow start: 20 records in the first second
        steady.sample(2 * second, 120);    // then 100/s
        steady.sample(3 * second, 220);
        steady.sample(9 * second, 820);
        steady.sample(10 * second, 920);
        steady.sample(30 * second, 1_000); // a slow tail
        Rate rate = steady.rate("x");
        assertThat(rate.perSecond()).isEqualTo(100.0);
        assertThat(Report.key("app_eos/transactional_copier")).isEqualTo("app_eos_over_transactional_copier");
    }

    @Test
    void aRunTooShortForItsWarmUpHasNoSteadyRate() {
        Steady steady = new Steady(1_000, 60);
        steady.sample(0, 500);
        steady.sample(30_000_000_000L, 1_000);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> steady.rate("x"))
                .hasMessageContaining("no steady window");
    }

    @Test
    void percentilesAreNearestRank() {
        Percentiles p = new Percentiles();
        for (int i = 1; i <= 100; i++) {
            p.add(i);
        }
        assertThat(p.percentile(50)).isEqualTo(50);
        assertThat(p.percentile(99)).isEqualTo(99);
        assertThat(p.max()).isEqualTo(100);
    }

    @Test
    void theReportWritesJsonSummaryAndChart() throws Exception {
        Report report = new Report();
        report.rate(new Rate("raw_pipe", 1000, 0.5));
        report.target(new Report.Target("app_eos/app_alos", 0.8, 0.7, true, ""));
        report.target(new Report.Target("p99_ms", 300, 250, false, ""));
        report.write(dir);
        assertThat(Files.readString(dir.resolve("results.json"))).contains("\"recordsPerSecond\" : 2000.0");
        assertThat(Files.readAllLines(dir.resolve("summary.txt"))).hasSize(3)
                .anyMatch(l -> l.contains("MET")).anyMatch(l -> l.contains("MISSED"));
        assertThat(Files.readString(dir.resolve("chart.svg"))).startsWith("<svg").contains("app_eos/app_alos");
    }

    @Test
    void quickArgumentsParse() {
        BenchConfig c = BenchConfig.parse("--quick", "--operators", "10", "--history-large=1e6");
        assertThat(c.quick()).isTrue();
        assertThat(c.workload().operators()).isEqualTo(10);
        assertThat(c.historyLarge()).isEqualTo(1_000_000);
        assertThat(c.runs("jmh")).isTrue();
    }

    @Test
    void theBoundedRocksDbConfigAppliesToOptions() {
        RocksDB.loadLibrary();
        try (Options options = new Options()) {
            options.setTableFormatConfig(new org.rocksdb.BlockBasedTableConfig());
            new BoundedMemoryRocksDBConfig().setConfig("store", options, Map.of());
            assertThat(options.writeBufferSize()).isEqualTo(4L << 20);
        }
    }
}
