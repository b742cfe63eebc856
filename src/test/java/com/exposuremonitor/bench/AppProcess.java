package com.exposuremonitor.bench;

import com.exposuremonitor.runtime.Monitor;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeMap;

/**
 * The monitor alone in its own JVM (no broker), so its CPU time and RSS are its own. Driven over
 * stdin/stdout by {@link AppChild}: prints READY once RUNNING; answers SAMPLE with a
 * {@link ProcessStats} line; STOP closes the monitor and exits. Logs go to stderr.
 *
 * <p>Arguments: bootstrap registryUrl partitions prefix applicationId stateDir guarantee commitMs
 */
public final class AppProcess {
    private AppProcess() {
    }

    public static void main(String[] args) {
        try {
            serve(args);
        } catch (Exception | Error e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    /** Where the stream threads spent their time (Kafka Streams' own thread-level ratios). */
    private static String threadRatios(Monitor monitor) {
        var names = Set.of("poll-ratio", "process-ratio", "commit-ratio", "punctuate-ratio", "process-rate",
                "commit-latency-avg", "poll-records-avg", "process-records-avg");
        var out = new TreeMap<String, Object>();
        monitor.streams().metrics().forEach((name, metric) -> {
            if (name.group().equals("stream-thread-metrics") && names.contains(name.name())) {
                out.put(name.name(), metric.metricValue());
            }
        });
        return out.toString();
    }

    /**
     * Records sent per topic by the stream threads' producers (changelogs and repartitions included, which a
     * reader can no longer count once Streams has purged the repartition topics), as {@code topic=n,...}.
     */
    private static String produced(Monitor monitor) {
        var out = new TreeMap<String, Double>();
        monitor.streams().metrics().forEach((name, metric) -> {
            if (name.group().equals("producer-topic-metrics") && name.name().equals("record-send-total")
                    && name.tags().get("client-id").contains("StreamThread")) {
                out.merge(name.tags().get("topic"), ((Number) metric.metricValue()).doubleValue(), Double::sum);
            }
        });
        StringBuilder line = new StringBuilder();
        out.forEach((topic, n) -> line.append(line.length() == 0 ? "" : ",").append(topic).append('=')
                .append(n.longValue()));
        return line.toString();
    }

    /** Heap still in use after full collections: the live data, not what -Xmx lets the heap fill up to. */
    private static long liveHeapBytes() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        var heap = java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return heap.getUsed();
    }

    private static void serve(String[] args) throws Exception {
        System.setProperty("org.apache.avro.SERIALIZABLE_PACKAGES", "com.exposuremonitor.avro");
        var settings = BenchCluster.settings(args[0], args[1], Integer.parseInt(args[2]), args[3], args[4],
                Path.of(args[5]), args[6], Long.parseLong(args[7]));
        try (Monitor monitor = Monitor.start(settings);
             BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            AppThroughput.awaitRunning(monitor, Duration.ofMinutes(2));
            System.out.println("READY");
            System.out.flush();
            String line;
            while ((line = in.readLine()) != null && !line.equals("STOP")) {
                if (line.equals("SAMPLE")) {
                    System.out.println("SAMPLE " + ProcessStats.now().toLine());
                    System.out.flush();
                } else if (line.equals("HEAP")) {
                    System.out.println("HEAP " + liveHeapBytes());
                    System.out.flush();
                } else if (line.equals("PRODUCED")) {
                    System.out.println("PRODUCED " + produced(monitor));
                    System.out.flush();
                } else if (line.equals("THREAD")) {
                    System.out.println("THREAD " + threadRatios(monitor));
                    System.out.flush();
                }
            }
        }
    }
}
