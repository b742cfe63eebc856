package com.exposuremonitor.bench;

import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs {@link ExposureJmh} (one fork) and returns microseconds per event by reportMonths. */
final class JmhRun {
    private JmhRun() {
    }

    static Map<String, double[]> run(boolean quick) throws RunnerException {
        var options = new OptionsBuilder()
                .include(ExposureJmh.class.getName() + ".*")
                .forks(1)
                .warmupIterations(quick ? 2 : 3).warmupTime(TimeValue.seconds(1))
                .measurementIterations(quick ? 3 : 5).measurementTime(TimeValue.seconds(quick ? 1 : 2))
                .jvmArgsAppend("-Xmx512m")
                .build();
        Map<String, double[]> out = new TreeMap<>();
        for (RunResult r : new Runner(options).run()) {
            var stats = r.getPrimaryResult();
            out.put(r.getParams().getParam("reportMonths"), new double[] {stats.getScore(), stats.getScoreError()});
        }
        return out;
    }
}
