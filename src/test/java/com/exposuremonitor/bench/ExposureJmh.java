package com.exposuremonitor.bench;

import com.exposuremonitor.avro.OperatorExposure;
import com.exposuremonitor.domain.ExposureCalculator;
import com.exposuremonitor.domain.InputEvents;
import com.exposuremonitor.domain.OperatorAggregate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The pure exposure computation per event, without Kafka: one operator's aggregate takes the next
 * snapshot of one of its natural keys (OperatorAggregate.replace: the previous snapshot out, the new one
 * in) and its exposure is recomputed (ExposureCalculator.compute). {@code reportMonths} sets how many
 * months of revenue reports and invoices per counterparty the operator carries, i.e. its state size.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ExposureJmh {
    @Param({"12", "48"})
    public int reportMonths;

    private OperatorAggregate aggregate;
    private Map<String, SpecificRecord> current;
    private List<SpecificRecord> updates;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        Workload workload = new Workload(new Workload.Spec(1, 40, 12, 0, 0, 4, reportMonths, 42));
        SyntheticClock clock = new SyntheticClock(Instant.parse("2025-01-01T00:00:00Z"));
        aggregate = new OperatorAggregate();
        current = new HashMap<>();
        int history = 10 * workload.spec().naturalKeysPerOperator();
        for (int i = 0; i < history; i++) {
            apply(workload.next(clock.get()).record());
        }
        updates = new ArrayList<>();
        for (int i = 0; i < 4096; i++) {
            updates.add(workload.next(clock.get()).record());
        }
    }

    @Benchmark
    public OperatorExposure replaceAndCompute() {
        SpecificRecord event = updates.get(next);
        next = (next + 1) % updates.size();
        apply(event);
        return ExposureCalculator.compute("op-0", aggregate);
    }

    /**
     * What the intake and exposure processors do for an accepted snapshot, minus Kafka and the stores. The
     * update list is replayed in a loop, so later laps are not "newer"; replace only needs the exact
     * previous snapshot of the key, which it gets.
     */
    private void apply(SpecificRecord event) {
        SpecificRecord previous = current.put(InputEvents.naturalKey(event), event);
        InputEvents.apply(aggregate, previous, event);
    }
}
