package com.exposuremonitor.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The benchmark's knobs, from {@code --name value} arguments. {@code --quick} shrinks every size for a
 * run of a few minutes; any explicit flag still wins.
 */
record BenchConfig(boolean quick, long events, Workload.Spec workload, int partitions, long commitMs,
                   double rate, int latencySeconds, int warmupSeconds, int backlogSeconds, long historySmall,
                   long historyLarge, long measured, long costWarmup, int pipePasses, List<String> childJvmArgs, Set<String> phases, Path out) {

    static final List<String> PHASES = List.of("throughput", "latency", "backlog", "cost", "jmh");

    static BenchConfig parse(String... args) {
        Map<String, String> a = new HashMap<>();
        boolean quick = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.isBlank()) {
                continue;
            }
            if (arg.equals("--quick")) {
                quick = true;
            } else if (arg.equals("--full")) {
                quick = false;
            } else if (arg.startsWith("--") && arg.contains("=")) {
                a.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            } else if (arg.startsWith("--") && i + 1 < args.length) {
                a.put(arg.substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException("unknown argument " + arg + "\n" + usage());
            }
        }
        Workload.Spec spec = new Workload.Spec(
                integer(a, "operators", 100), integer(a, "counterparties", 40), integer(a, "lenders", 12),
                Double.parseDouble(a.getOrDefault("skew", "0.8")), Double.parseDouble(a.getOrDefault("bad-share", "0.01")),
                integer(a, "counterparties-per-operator", 4), integer(a, "report-months", 12),
                Long.parseLong(a.getOrDefault("seed", "1")));
        Set<String> phases = Set.copyOf(Arrays.asList(a.getOrDefault("phases", String.join(",", PHASES)).split(",")));
        if (!PHASES.containsAll(phases)) {
            throw new IllegalArgumentException("--phases takes some of " + PHASES);
        }
        BenchConfig c = new BenchConfig(quick,
                number(a, "events", quick ? 60_000 : 2_000_000), spec,
                integer(a, "partitions", 6), number(a, "commit-ms", 100),
                Double.parseDouble(a.getOrDefault("rate", "0")),
                integer(a, "latency-seconds", quick ? 10 : 30), integer(a, "warmup-seconds", quick ? 5 : 45),
                integer(a, "backlog-seconds", quick ? 5 : 60),
                number(a, "history-small", quick ? 4_000 : 10_000),
                number(a, "history-large", quick ? 40_000 : 1_000_000),
                number(a, "measured", quick ? 5_000 : 50_000), number(a, "cost-warmup", quick ? 10_000 : 150_000),
                integer(a, "pipe-passes", quick ? 1 : 4),
                List.of(a.getOrDefault("child-jvm-args", "-Xmx1g").trim().split("\\s+")),
                phases, Path.of(a.getOrDefault("out", "target/bench")));
        a.keySet().removeAll(Set.of("operators", "counterparties", "lenders", "skew", "bad-share",
                "counterparties-per-operator", "report-months", "seed", "phases", "events", "partitions", "commit-ms",
                "rate", "latency-seconds", "warmup-seconds", "backlog-seconds", "history-small", "history-large",
                "measured", "cost-warmup", "pipe-passes", "child-jvm-args", "out"));
        if (!a.isEmpty()) {
            throw new IllegalArgumentException("unknown options " + a.keySet() + "\n" + usage());
        }
        return c;
    }

    boolean runs(String phase) {
        return phases.contains(phase);
    }

    static String usage() {
        return """
                Bench [--quick | --full] [--phases throughput,latency,backlog,cost,jmh] [--out target/bench]
                  workload: --events N --operators N --counterparties N --lenders N --skew S --bad-share F
                            --counterparties-per-operator N --report-months N --seed N
                  pipes:    --pipe-passes N (times the raw pipe and the copier read the input)
                  app:      --partitions N --commit-ms MS
                  latency:  --rate R (default: half the measured app_eos rate) --latency-seconds S --warmup-seconds S
                  backlog:  --backlog-seconds S
                  cost:     --history-small N --history-large N --cost-warmup N --measured N --child-jvm-args "-Xmx1g ..." (each monitor runs in its own JVM)
                """;
    }

    private static int integer(Map<String, String> a, String key, int fallback) {
        return (int) number(a, key, fallback);
    }

    /** Accepts 1000000, 1_000_000 and 1e6. */
    private static long number(Map<String, String> a, String key, long fallback) {
        String v = a.get(key);
        return v == null ? fallback : (long) Double.parseDouble(v.replace("_", ""));
    }
}
