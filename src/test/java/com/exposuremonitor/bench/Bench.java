package com.exposuremonitor.bench;

import com.exposuremonitor.topology.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The benchmark, in one run on one embedded KRaft broker (see README, "Performance"): throughput of the
 * physical limits and of the application, latency at half the sustainable rate, backlog drain, cost
 * growth with history and keys, and the JMH micro-benchmark. Writes target/bench/{results.json,
 * summary.txt,chart.svg}.
 */
public final class Bench {
    private static final String EOS = "exactly_once_v2";
    private static final String ALOS = "at_least_once";

    private final BenchConfig cfg;
    private final Report report = new Report();
    private double appEosRate;

    private Bench(BenchConfig cfg) {
        this.cfg = cfg;
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.apache.avro.SERIALIZABLE_PACKAGES", "com.exposuremonitor.avro");
        BenchConfig cfg;
        try {
            cfg = BenchConfig.parse(args.length == 1 ? args[0].split("\\s+") : args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        int status = 0;
        try {
            new Bench(cfg).run();
        } catch (Exception | Error e) {
            e.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    private void run() throws Exception {
        long started = System.nanoTime();
        Map<String, Object> setup = report.section("setup");
        setup.put("quick", cfg.quick());
        setup.put("workload", cfg.workload().toString());
        setup.put("events", cfg.events());
        setup.put("partitions", cfg.partitions());
        setup.put("commitIntervalMs", cfg.commitMs());
        setup.put("cores", Runtime.getRuntime().availableProcessors());
        setup.put("started", Instant.now().toString());
        Path dir = Files.createTempDirectory("exposure-bench-");
        try (BenchCluster cluster = new BenchCluster(dir, cfg.partitions())) {
            if (cfg.runs("throughput")) {
                throughput(cluster);
            }
            double rate = cfg.rate() > 0 ? cfg.rate() : appEosRate / 2;
            if (rate <= 0 && (cfg.runs("latency") || cfg.runs("backlog"))) {
                throw new IllegalArgumentException("latency and backlog need --rate or the throughput phase");
            }
            if (cfg.runs("latency") || cfg.runs("backlog")) {
                latencyAndBacklog(cluster, rate);
            }
            if (cfg.runs("cost")) {
                costGrowth(cluster);
            }
        } finally {
            deleteQuietly(dir);
        }
        if (cfg.runs("jmh")) {
            jmh();
        }
        setup.put("wallSeconds", Report.round((System.nanoTime() - started) / 1e9));
        report.write(cfg.out());
        System.out.println("BENCH wrote " + cfg.out().resolve("results.json") + ", summary.txt, chart.svg");
    }

    /**
     * Each application run gets its own copy of the inputs (same workload, same bytes) under its own
     * prefix, so it starts with empty output topics too; the pipes read the first copy.
     */
    private void throughput(BenchCluster cluster) throws IOException {
        long t0 = System.nanoTime();
        Lag eosLag = preload(cluster, "eos.");
        Lag alosLag = preload(cluster, "alos.");
        List<String> inputs = BenchCluster.inputs(com.exposuremonitor.topology.TopicNames.withPrefix("eos."));
        long total = eosLag.total();
        report.section("workload").put("preloadSeconds", Report.round((System.nanoTime() - t0) / 1e9));
        report.section("workload").put("recordsPerCopy", total);
        for (String in : inputs) {
            cluster.createTopic(in + ".copy-raw");
            cluster.createTopic(in + ".copy-tx");
        }
        Duration timeout = Duration.ofMinutes(15);
        Rate raw = RawPipe.run(cluster.bootstrapServers(), inputs, copy(".copy-raw"), cfg.commitMs(), total,
                cfg.pipePasses(), timeout);
        report.rate(raw);
        Rate tx = TransactionalCopier.run(cluster.bootstrapServers(), inputs, copy(".copy-tx"), cfg.commitMs(), total,
                cfg.pipePasses(),
                timeout);
        report.rate(tx);
        AppThroughput.Result eos = AppThroughput.run("app_eos", cluster, "eos.", EOS, cfg.commitMs(),
                cfg.childJvmArgs(), eosLag, total, cfg.warmupSeconds(), timeout);
        report.rate(eos.steady());
        produced(cluster, "eos.", "app-app_eos-", total, eos.produced());
        AppThroughput.Result alos = AppThroughput.run("app_alos", cluster, "alos.", ALOS, cfg.commitMs(),
                cfg.childJvmArgs(), alosLag, total, cfg.warmupSeconds(), timeout);
        report.rate(alos.steady());
        for (var r : List.of(eos, alos)) {
            Map<String, Object> s = report.section("throughput");
            s.put(r.steady().name() + "_run", Map.of("secondsToAllInputs", Report.round(r.secondsToAllInputs()),
                    "secondsToAllOutputs", Report.round(r.secondsToAllOutputs()), "streamThread", r.threadRatios()));
            report.line("%s: all %,d inputs committed %.1f s after RUNNING, every derived output written by %.1f s "
                    + "(%,.0f/s end to end, start-up included)", r.steady().name(), total, r.secondsToAllInputs(),
                    r.secondsToAllOutputs(), total / r.secondsToAllOutputs());
        }
        appEosRate = eos.steady().perSecond();
        double eosRate = eos.steady().perSecond();
        report.target(new Report.Target("app_eos/transactional_copier", eosRate / tx.perSecond(), 0.25, true,
                "stretch 0.4"));
        report.ratio("app_alos/raw_pipe", alos.steady().perSecond() / raw.perSecond());
        report.target(new Report.Target("app_eos/app_alos", eosRate / alos.steady().perSecond(), 0.85, true,
                "at " + cfg.commitMs() + " ms commit interval"));
    }

    /**
     * Records and bytes the EOS run produced per input event, per topic, and the topology's size. Records
     * are the producers' own counts (repartition topics are purged once consumed, so a reader would miss
     * them); bytes are read back read_committed from the topics that keep them.
     */
    private void produced(BenchCluster cluster, String prefix, String internalPrefix, long inputs,
                          Map<String, Long> sent) throws IOException {
        Map<String, Produced.Topic> topics;
        try {
            List<String> in = BenchCluster.inputs(com.exposuremonitor.topology.TopicNames.withPrefix(prefix));
            topics = Produced.count(cluster.bootstrapServers(), cluster.admin(), t -> t.startsWith(internalPrefix)
                    || (t.startsWith(prefix) && !in.contains(t) && !t.contains(".copy-")));
        } catch (Exception e) {
            throw new IOException("could not count what the application produced", e);
        }
        long bytes = topics.values().stream().mapToLong(Produced.Topic::bytes).sum();
        long records = sent.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Object> s = report.section("perInputEvent");
        s.put("inputEvents", inputs);
        s.put("producedRecords", Report.round((double) records / inputs));
        s.put("producedBytes", Report.round((double) bytes / inputs));
        Map<String, Object> byTopic = new java.util.LinkedHashMap<>();
        sent.forEach((t, n) -> byTopic.put(t, Report.round((double) n / inputs)));
        s.put("producedRecordsByTopic", byTopic);
        TopologySize size = TopologySize.of(cluster.provision(prefix), cluster.partitions());
        s.put("subTopologies", size.subTopologies());
        s.put("tasks", size.tasks());
        s.put("rocksDbInstances", size.rocksDbInstances());
        report.line("per input event: %.2f records, %.0f bytes produced (%s); %d sub-topologies, %d tasks, "
                        + "%d RocksDB instances", (double) records / inputs, (double) bytes / inputs, byTopic,
                size.subTopologies(), size.tasks(), size.rocksDbInstances());
        report.target(new Report.Target("produced_records_per_input_event", (double) records / inputs, 3, false,
                "every output, changelog and repartition topic, read_committed"));
    }

    private Lag preload(BenchCluster cluster, String prefix) {
        Topics topics = cluster.provision(prefix);
        try (InputSender sender = new InputSender(cluster.bootstrapServers(), topics)) {
            sender.load(new Workload(cfg.workload()), cfg.events(),
                    new SyntheticClock(Instant.parse("2025-01-01T00:00:00Z")));
        }
        return new Lag(cluster.admin(), BenchCluster.inputs(topics.names()), cluster.partitions());
    }

    private void latencyAndBacklog(BenchCluster cluster, double rate) throws Exception {
        Topics topics = cluster.provision("lat.");
        String appId = "lat-eos";
        Workload workload = new Workload(cfg.workload().withSeed(cfg.workload().seed() + 1));
        try (InputSender sender = new InputSender(cluster.bootstrapServers(), topics)) {
            try (AppChild app = AppChild.start(cluster, "lat.", appId, EOS, cfg.commitMs(), cfg.childJvmArgs())) {
                // Warm the monitor up (JIT) on a preload it drains at full speed, so the paced run measures a
                // warm monitor rather than the backlog a cold one builds in its first half minute.
                long warmupEvents = cfg.quick() ? 20_000 : 1_200_000;
                sender.load(workload, warmupEvents, () -> Instant.ofEpochMilli(System.currentTimeMillis()));
                new Lag(cluster.admin(), BenchCluster.inputs(topics.names()), cluster.partitions())
                        .awaitCaughtUp(appId, Duration.ofMinutes(10));
                if (cfg.runs("latency")) {
                    latency(cluster, topics, appId, sender, workload, rate);
                } else {
                    sender.load(workload, (long) rate * 5, () -> Instant.ofEpochMilli(System.currentTimeMillis()));
                }
                app.checkAlive();
            }
            if (cfg.runs("backlog")) {
                BacklogDrain.Result r = BacklogDrain.run(cluster, "lat.", appId, cfg.commitMs(), cfg.childJvmArgs(),
                        sender, workload, rate, Duration.ofSeconds(cfg.backlogSeconds()));
                Map<String, Object> s = report.section("backlog");
                s.put("steadyRate", Report.round(r.steadyRate()));
                s.put("backlogRecords", r.backlog());
                s.put("outageSeconds", r.outageSeconds());
                s.put("startupSeconds", Report.round(r.startupSeconds()));
                s.put("drainedAfterRunning", r.drainedAfterRunning());
                s.put("drainSeconds", Report.round(r.drainSeconds()));
                s.put("drainRate", Report.round(r.drainRate()));
                report.line("backlog drain: %,d records (%.0f s at %,.0f/s); start-up to RUNNING %.1f s; the %,d "
                                + "left then drained in %.1f s = %,.0f/s", r.backlog(), r.outageSeconds(),
                        r.steadyRate(), r.startupSeconds(), r.drainedAfterRunning(), r.drainSeconds(), r.drainRate());
                report.target(new Report.Target("backlog_drain_rate/steady_rate", r.ratio(), 2, true,
                        "from RUNNING; start-up reported apart"));
            }
        }
    }

    private void latency(BenchCluster cluster, Topics topics, String appId, InputSender sender, Workload workload,
                         double rate) throws InterruptedException {
        LatencyRun.Result r = LatencyRun.run(cluster, topics, appId, sender, workload, rate,
                Duration.ofSeconds(cfg.latencySeconds()), Duration.ofSeconds(5));
        Map<String, Object> s = report.section("latency");
        s.put("rate", Report.round(rate));
        s.put("sent", r.sent());
        s.put("lagWhenInputStopped", r.lagAtEnd());
        s.put("feed", percentiles(r.feed()));
        s.put("alerts", percentiles(r.alerts()));
        report.line("latency event->live feed at %,.0f/s: p50 %d ms, p99 %d ms, max %d ms (%,d updates)", rate,
                r.feed().percentile(50), r.feed().percentile(99), r.feed().max(), r.feed().count());
        report.line("latency event->alert at %,.0f/s: p50 %d ms, p99 %d ms, max %d ms (%,d alerts)", rate,
                r.alerts().percentile(50), r.alerts().percentile(99), r.alerts().max(), r.alerts().count());
        report.target(new Report.Target("p99_event_to_feed_ms", r.feed().percentile(99), 2 * cfg.commitMs() + 50,
                false, "2 x commit interval + 50 ms"));
    }

    private static Map<String, Object> percentiles(Percentiles p) {
        return Map.of("count", p.count(), "p50", p.percentile(50), "p99", p.percentile(99), "max", p.max());
    }

    /**
     * History 10^4, 10^5 and 10^6 events (by default) on the same operators, then 4x the operators on the
     * small history: CPU per event and live heap after full collections, each in a fresh monitor.
     */
    private void costGrowth(BenchCluster cluster) throws Exception {
        long mid = Math.max(cfg.historySmall(), (long) Math.sqrt((double) cfg.historySmall() * cfg.historyLarge()));
        List<CostGrowth.Result> byHistory = new java.util.ArrayList<>();
        for (long history : new java.util.TreeSet<>(List.of(cfg.historySmall(), mid, cfg.historyLarge()))) {
            CostGrowth.Result r = CostGrowth.run(cluster, cfg.workload(), history, cfg.costWarmup(), cfg.measured(),
                    cfg.commitMs(), cfg.childJvmArgs());
            costLine(r);
            byHistory.add(r);
        }
        CostGrowth.Result small = byHistory.get(0);
        CostGrowth.Result large = byHistory.get(byHistory.size() - 1);
        report.target(new Report.Target("cpu_per_event_large/small", large.cpuMicrosPerEvent() / small.cpuMicrosPerEvent(),
                1.2, false, "process CPU, history " + large.historyBeforeMeasured() + " vs "
                        + small.historyBeforeMeasured() + " (warm-up included); stream thread "
                        + String.format(java.util.Locale.ROOT, "%.2f",
                        large.streamThreadCpuMicrosPerEvent() / small.streamThreadCpuMicrosPerEvent())));
        report.ratio("live_heap_large/small", (double) large.liveHeapBytes() / small.liveHeapBytes());
        CostGrowth.Result wide = CostGrowth.run(cluster, cfg.workload().withOperators(4 * cfg.workload().operators()),
                cfg.historySmall(), cfg.costWarmup(), cfg.measured(), cfg.commitMs(), cfg.childJvmArgs());
        costLine(wide);
        report.ratio("cpu_per_event_4x_operators/small", wide.cpuMicrosPerEvent() / small.cpuMicrosPerEvent());
        report.ratio("live_heap_4x_operators/small", (double) wide.liveHeapBytes() / small.liveHeapBytes());
    }

    private void costLine(CostGrowth.Result r) {
        Map<String, Object> s = report.section("cost");
        Map<String, Object> figures = new java.util.LinkedHashMap<>();
        figures.put("history", r.history());
        figures.put("warmup", r.warmup());
        figures.put("operators", r.operators());
        figures.put("measured", r.measured());
        figures.put("historySeconds", Report.round(r.historySeconds()));
        figures.put("historyRate", Report.round(r.historyRate()));
        figures.put("cpuMicrosPerEvent", Report.round(r.cpuMicrosPerEvent()));
        figures.put("streamThreadCpuMicrosPerEvent", Report.round(r.streamThreadCpuMicrosPerEvent()));
        figures.put("vmRssMb", r.after().vmRssKb() / 1024);
        figures.put("rssAnonMb", r.after().rssAnonKb() / 1024);
        figures.put("heapUsedMb", r.after().heapUsedBytes() >> 20);
        figures.put("liveHeapMb", r.liveHeapBytes() >> 20);
        s.put(r.history() + "_history_" + r.operators() + "_operators", figures);
        report.line("cost at %,d events of history (+%,d warm-up), %d operators: %.0f us CPU/event (stream thread "
                        + "%.0f us), live heap %d MB, RSS %d MB (anon %d MB); history processed at %,.0f/s",
                r.history(), r.warmup(), r.operators(), r.cpuMicrosPerEvent(), r.streamThreadCpuMicrosPerEvent(),
                r.liveHeapBytes() >> 20, r.after().vmRssKb() / 1024, r.after().rssAnonKb() / 1024, r.historyRate());
    }

    private void jmh() throws Exception {
        Map<String, double[]> scores = JmhRun.run(cfg.quick());
        Map<String, Object> s = report.section("jmh");
        scores.forEach((months, score) -> {
            s.put("reportMonths_" + months, Map.of("microsPerEvent", Report.round(score[0]),
                    "error", Report.round(score[1])));
            report.line("jmh replace+compute, %s report months: %.1f +- %.1f us/event", months, score[0], score[1]);
        });
    }

    private static UnaryOperator<String> copy(String suffix) {
        return topic -> topic + suffix;
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (Exception e) {
            System.err.println("could not delete " + dir + ": " + e);
        }
    }
}
