package com.exposuremonitor.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A monitor running in its own JVM ({@link AppProcess}) against the run's broker: every application
 * measurement starts one, so each starts equally cold (no JIT or caches shared with an earlier run)
 * and its CPU and RSS are its own, not the broker's.
 */
final class AppChild implements AutoCloseable {
    private final Process process;
    private final BufferedReader out;
    private final Writer in;

    private AppChild(Process process) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    /** Starts the monitor and returns once its Kafka Streams is RUNNING. */
    static AppChild start(BenchCluster cluster, String prefix, String applicationId, String guarantee, long commitMs,
                          List<String> jvmArgs) throws IOException {
        Path stateDir = cluster.dir().resolve("state-" + applicationId);
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(AppProcess.class.getName());
        cmd.addAll(List.of(cluster.bootstrapServers(), cluster.registryUrl(), String.valueOf(cluster.partitions()),
                prefix, applicationId, stateDir.toString(), guarantee, String.valueOf(commitMs)));
        AppChild child = new AppChild(new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start());
        try {
            child.expect("READY");
        } catch (IOException | RuntimeException e) {
            child.close();
            throw e;
        }
        return child;
    }

    /** Fails when the monitor process ended: a measurement it did not survive means nothing. */
    void checkAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException("the monitor process ended with status " + process.exitValue());
        }
    }

    /** Kafka Streams' thread-level time ratios, as one line, for the log. */
    String threadRatios() throws IOException {
        in.write("THREAD\n");
        in.flush();
        return expect("THREAD").substring("THREAD".length()).trim();
    }

    /** Records the monitor's stream threads have sent, per topic. */
    java.util.Map<String, Long> produced() throws IOException {
        in.write("PRODUCED\n");
        in.flush();
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        String body = expect("PRODUCED").substring("PRODUCED".length()).trim();
        for (String entry : body.isEmpty() ? new String[0] : body.split(",")) {
            int eq = entry.lastIndexOf('=');
            out.put(entry.substring(0, eq), Long.parseLong(entry.substring(eq + 1)));
        }
        return out;
    }

    /** The monitor's heap in use after full collections (its live data). */
    long liveHeapBytes() throws IOException {
        in.write("HEAP\n");
        in.flush();
        return Long.parseLong(expect("HEAP").substring("HEAP".length()).trim());
    }

    ProcessStats sample() throws IOException {
        in.write("SAMPLE\n");
        in.flush();
        return ProcessStats.parse(expect("SAMPLE").substring("SAMPLE".length()));
    }

    /** Skips lines until one starts with {@code word}; fails if the process ends first. */
    private String expect(String word) throws IOException {
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith(word)) {
                return line;
            }
        }
        throw new IOException("the monitor process ended before saying " + word);
    }

    /** Asks the monitor to close cleanly (commits, closes its stores); kills it after a minute. */
    @Override
    public void close() {
        try {
            in.write("STOP\n");
            in.flush();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
