package com.exposuremonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.exposuremonitor.api.HttpSettings;
import com.exposuremonitor.runtime.ApiAddress;
import com.exposuremonitor.runtime.MonitorSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The HTTP settings of {@code run}: defaults, flags, environment variables in --help, a hidden password; the
 * advertised host.
 */
class MonitorOptionsTest {

    @Test
    void withoutFlagsTheHttpSettingsAreTheDefaults() {
        assertThat(System.getenv().keySet()).as("no EM_HTTP_* variables in the test environment")
                .noneMatch(name -> name.startsWith("EM_HTTP_"));

        HttpSettings http = settings().http();

        assertThat(http).isEqualTo(HttpSettings.defaults());
        assertThat(http.maxStreams()).isEqualTo(256);
        assertThat(http.writeTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(http.tls()).isFalse();
    }

    @Test
    void flagsSetEveryHttpSettingAndThePasswordIsNeverPrinted() {
        MonitorSettings settings = settings("--http-max-streams", "32", "--http-stream-backlog", "50",
                "--http-write-timeout", "PT2S", "--http-request-timeout", "PT3S", "--http-max-body-bytes", "100",
                "--http-tls-keystore", "/etc/em/api.p12", "--http-tls-keystore-password", "s3cret-pw");

        assertThat(settings.http()).isEqualTo(new HttpSettings(32, 50, Duration.ofSeconds(2),
                Duration.ofSeconds(3), 100, "/etc/em/api.p12", "s3cret-pw"));
        assertThat(settings.toString()).doesNotContain("s3cret-pw").contains("tlsKeystorePassword=[hidden]")
                .contains("tlsKeystore=/etc/em/api.p12");
    }

    @Test
    void helpNamesEachHttpFlagAndItsEnvironmentVariable() {
        String help = new CommandLine(new RunCommand()).getUsageMessage(CommandLine.Help.Ansi.OFF);

        for (String flag : List.of("max-streams", "stream-backlog", "write-timeout", "request-timeout",
                "max-body-bytes", "tls-keystore", "tls-keystore-password")) {
            assertThat(help).contains("--http-" + flag)
                    .contains("EM_HTTP_" + flag.toUpperCase().replace('-', '_'));
        }
    }

    @Test
    void advertisedHostFlagReachesTheSettings() {
        MonitorSettings settings = settings("--http-host", "0.0.0.0", "--advertised-host", "monitor-2");

        assertThat(settings.advertisedHost()).isEqualTo("monitor-2");
        assertThat(ApiAddress.advertised(settings)).isEqualTo("monitor-2");
        assertThat(settings.toString()).contains("advertisedHost=monitor-2");
    }

    @Test
    void withoutItTheBindHostIsAdvertised() {
        MonitorSettings settings = settings("--http-host", "10.0.0.5");

        assertThat(settings.advertisedHost()).isNull();
        assertThat(ApiAddress.advertised(settings)).isEqualTo("10.0.0.5");
    }

    private static MonitorSettings settings(String... args) {
        RunCommand run = new RunCommand();
        new CommandLine(run).parseArgs(args);
        return run.options.toSettings();
    }
}
