package com.exposuremonitor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's demo command, run as a user runs it: a separate JVM from the packaged jar. It must print
 * an alert within a minute, report UP on /health, and stop cleanly on SIGTERM (Ctrl-C).
 */
class DemoCommandIT {
    private static final Pattern DEMO_COMMAND = Pattern.compile("(java -jar target/exposure-monitor\\.jar demo)");

    @TempDir
    Path outputDir;

    @Test
    void theReadmeDemoCommandReachesAnAlertAndHealthAndStopsCleanly() throws Exception {
        String command = readmeDemoCommand();
        int port = freePort();
        List<String> args = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        args.addAll(List.of(command.replace("java ", "").split(" ")));
        args.add("--http-port=" + port);
        // A file, not a pipe: reading a pipe while the process exits can fail with "Stream closed".
        Path output = outputDir.resolve("demo.out");
        Process demo = new ProcessBuilder(args).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        long started = System.nanoTime();
        try {
            await("the demo's first alert line").atMost(Duration.ofSeconds(60))
                    .until(() -> lines(output).stream().anyMatch(l -> l.startsWith("ALERT ")));
            long secondsToFirstAlert = Duration.ofNanos(System.nanoTime() - started).toSeconds();
            System.out.println("demo: first alert after " + secondsToFirstAlert + " s");
            await("/health UP").atMost(Duration.ofSeconds(30)).until(() -> health(port).contains("\"UP\""));
        } finally {
            demo.toHandle().destroy(); // SIGTERM, like Ctrl-C; Process.destroy() would also close our pipes
            assertThat(demo.waitFor(60, TimeUnit.SECONDS)).as("the demo stops on SIGTERM").isTrue();
        }
        List<String> lines = lines(output);
        assertThat(lines).as("output:%n%s", String.join("\n", lines)).anyMatch(l -> l.contains("demo stopped"));
        assertThat(demo.exitValue()).as("exit code after SIGTERM").isIn(0, 143);
    }

    private static String readmeDemoCommand() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        Matcher matcher = DEMO_COMMAND.matcher(readme);
        assertThat(matcher.find()).as("README names the demo command").isTrue();
        return matcher.group(1);
    }

    private static String health(int port) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            return response.body();
        } catch (Exception e) {
            return "";
        }
    }

    private static List<String> lines(Path file) throws java.io.IOException {
        return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
