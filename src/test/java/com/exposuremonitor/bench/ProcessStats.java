package com.exposuremonitor.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time and resident memory of this process, as the cost-growth figures need them. */
record ProcessStats(long processCpuNanos, long streamThreadCpuNanos, long vmRssKb, long rssAnonKb, long heapUsedBytes) {

    static ProcessStats now() {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long streamCpu = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains("StreamThread")) {
                streamCpu += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        Runtime rt = Runtime.getRuntime();
        return new ProcessStats(os.getProcessCpuTime(), streamCpu, status("VmRSS:"), status("RssAnon:"),
                rt.totalMemory() - rt.freeMemory());
    }

    /** A "kB" line of /proc/self/status; -1 where there is none (not Linux). */
    static long status(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).replace("kB", "").trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    String toLine() {
        return processCpuNanos + " " + streamThreadCpuNanos + " " + vmRssKb + " " + rssAnonKb + " " + heapUsedBytes;
    }

    static ProcessStats parse(String line) {
        String[] f = line.trim().split(" ");
        return new ProcessStats(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]),
                Long.parseLong(f[3]), Long.parseLong(f[4]));
    }
}
