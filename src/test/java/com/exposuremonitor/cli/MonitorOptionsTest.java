package com.exposuremonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.exposuremonitor.runtime.ApiAddress;
import com.exposuremonitor.runtime.MonitorSettings;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The monitor's command line turned into settings. */
class MonitorOptionsTest {
    @Test
    void advertisedHostFlagReachesTheSettings() {
        MonitorSettings settings = parse("--http-host", "0.0.0.0", "--advertised-host", "monitor-2");

        assertThat(settings.advertisedHost()).isEqualTo("monitor-2");
        assertThat(ApiAddress.advertised(settings)).isEqualTo("monitor-2");
        assertThat(settings.toString()).contains("advertisedHost=monitor-2");
    }

    @Test
    void withoutItTheBindHostIsAdvertised() {
        MonitorSettings settings = parse("--http-host", "10.0.0.5");

        assertThat(settings.advertisedHost()).isNull();
        assertThat(ApiAddress.advertised(settings)).isEqualTo("10.0.0.5");
    }

    private static MonitorSettings parse(String... args) {
        RunCommand run = new RunCommand();
        new CommandLine(run).parseArgs(args);
        return run.options.toSettings();
    }
}
