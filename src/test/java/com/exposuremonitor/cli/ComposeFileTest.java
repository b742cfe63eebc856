package com.exposuremonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * docker-compose.yml and the Dockerfile, read as files since no Docker engine runs the tests: what they
 * configure must be something the jar understands, and what they pull must not move under a rebuild.
 */
class ComposeFileTest {
    private static final Pattern ENV_SETTING = Pattern.compile("\\$\\{env:(EM_[A-Z0-9_]+)");
    /** An exact release (x.y.z somewhere in the tag) or a digest; "17-jre", "3.9-..." and "latest" float. */
    private static final Pattern PINNED = Pattern.compile("(:[^:/]*\\d+\\.\\d+\\.\\d+[^:/]*|@sha256:[0-9a-f]{64})$");
    private static final String JAR = "/app/exposure-monitor.jar";

    private final JsonNode compose = yaml(Path.of("docker-compose.yml"));
    private final JsonNode services = compose.path("services");
    private final List<String> dockerfile = lines(Path.of("Dockerfile"));

    @Test
    void everyEmVariableTheMonitorGetsIsAMonitorSetting() {
        Set<String> known = envSettings(MonitorOptions.class);
        assertThat(known).as("derived from MonitorOptions").contains("EM_BOOTSTRAP_SERVERS", "EM_ADVERTISED_HOST");

        assertThat(emVariables(services.path("monitor"))).isNotEmpty().isSubsetOf(known);
        assertThat(dockerfileEnv()).as("Dockerfile ENV").isNotEmpty().isSubsetOf(known);
    }

    @Test
    void everyEmVariableOfAServiceBuiltHereIsASettingOfTheCommandItRuns() {
        for (Map.Entry<String, JsonNode> service : builtHere().entrySet()) {
            String command = service.getValue().path("command").path(0).asText();
            assertThat(emVariables(service.getValue())).as(service.getKey() + " running " + command)
                    .isSubsetOf(envSettings(commandClass(command)));
        }
    }

    @Test
    void everyServiceBuiltHereRunsACommandLineTheJarAccepts() {
        for (Map.Entry<String, JsonNode> service : builtHere().entrySet()) {
            List<String> args = strings(service.getValue().path("command"));
            assertThatCode(() -> new CommandLine(new Main()).parseArgs(args.toArray(String[]::new)))
                    .as(service.getKey() + ": " + args).doesNotThrowAnyException();
        }
    }

    @Test
    void theMonitorHealthcheckRunsTheJarsHealthSubcommandWithoutAShell() {
        List<String> test = strings(services.path("monitor").path("healthcheck").path("test"));
        assertThat(test.get(0)).as("exec form").isEqualTo("CMD");
        assertThat(test).contains(JAR);
        assertThat(dockerfile).as("the image holds the jar there").anyMatch(l -> l.startsWith("ENTRYPOINT") && l.contains(JAR));

        List<String> args = test.subList(test.indexOf(JAR) + 1, test.size());
        assertThat(new CommandLine(new Main()).getSubcommands()).containsKey(args.get(0));
        assertThat(args.get(0)).isEqualTo("health");
        assertThatCode(() -> new CommandLine(new Main()).parseArgs(args.toArray(String[]::new)))
                .doesNotThrowAnyException();
    }

    @Test
    void everyImagePulledIsPinnedToAnExactRelease() {
        List<String> images = new ArrayList<>();
        services.properties().forEach(s -> {
            assertThat(s.getValue().has("image") || s.getValue().has("build")).as(s.getKey() + " image or build")
                    .isTrue();
            if (s.getValue().has("image")) {
                images.add(s.getValue().path("image").asText());
            }
        });
        dockerfile.stream().filter(l -> l.startsWith("FROM ")).map(l -> l.split("\\s+")[1]).forEach(images::add);

        assertThat(images).hasSizeGreaterThanOrEqualTo(4)
                .allSatisfy(image -> assertThat(image).as(image).matches(i -> PINNED.matcher(i).find(), "pinned")
                        .doesNotEndWith(":latest"));
    }

    @Test
    void kafkaDataAndTheMonitorStateLiveInNamedVolumes() {
        String logDirs = environment(services.path("kafka")).get("KAFKA_LOG_DIRS");
        String stateDir = environment(services.path("monitor")).getOrDefault("EM_STATE_DIR", dockerfileEnvValue("EM_STATE_DIR"));

        assertThat(namedVolumeAt(services.path("kafka"), logDirs)).as("kafka volume at " + logDirs).isTrue();
        assertThat(namedVolumeAt(services.path("monitor"), stateDir)).as("monitor volume at " + stateDir).isTrue();
    }

    @Test
    void theMonitorHasLongerToStopThanKafkaStreamsTakesToClose() {
        // Monitor.close waits up to 30 s for Kafka Streams, the shutdown hook up to 45 s for everything.
        assertThat(duration(services.path("monitor").path("stop_grace_period").asText()))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void theMonitorAdvertisesANameItsPeersResolveAndTheReplayEndsNow() {
        assertThat(environment(services.path("monitor")).get("EM_ADVERTISED_HOST")).isEqualTo("monitor");
        assertThat(strings(services.path("replay-scenario").path("command"))).contains("replay", "--shift-to-now");
    }

    // ---------------------------------------------------------------------------------------------

    /** The EM_* variables a command reads: the ${env:EM_...} defaults of its options and mixins. */
    static Set<String> envSettings(Class<?> type) {
        Set<String> names = new TreeSet<>();
        for (Field field : type.getDeclaredFields()) {
            Option option = field.getAnnotation(Option.class);
            if (option != null) {
                Matcher m = ENV_SETTING.matcher(option.defaultValue());
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
            if (field.isAnnotationPresent(Mixin.class)) {
                names.addAll(envSettings(field.getType()));
            }
        }
        return names;
    }

    private static Class<?> commandClass(String subcommand) {
        CommandLine command = new CommandLine(new Main()).getSubcommands().get(subcommand);
        assertThat(command).as("subcommand " + subcommand).isNotNull();
        return command.getCommandSpec().userObject().getClass();
    }

    private Map<String, JsonNode> builtHere() {
        Map<String, JsonNode> built = new LinkedHashMap<>();
        services.properties().forEach(s -> {
            if (s.getValue().has("build")) {
                built.put(s.getKey(), s.getValue());
            }
        });
        assertThat(built).containsKeys("monitor", "replay-scenario");
        return built;
    }

    private static Set<String> emVariables(JsonNode service) {
        Set<String> names = new TreeSet<>(environment(service).keySet());
        names.removeIf(n -> !n.startsWith("EM_"));
        return names;
    }

    /** A service's environment, written as a map or as a list of KEY=VALUE. */
    private static Map<String, String> environment(JsonNode service) {
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode node = service.path("environment");
        if (node.isArray()) {
            node.forEach(e -> env.put(e.asText().split("=", 2)[0], e.asText().contains("=") ? e.asText().split("=", 2)[1] : ""));
        } else {
            node.properties().forEach(e -> env.put(e.getKey(), e.getValue().asText()));
        }
        return env;
    }

    private boolean namedVolumeAt(JsonNode service, String path) {
        for (String mount : strings(service.path("volumes"))) {
            String[] parts = mount.split(":");
            if (parts.length >= 2 && parts[1].equals(path) && compose.path("volumes").has(parts[0])) {
                return true;
            }
        }
        return false;
    }

    private Set<String> dockerfileEnv() {
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("(EM_[A-Z0-9_]+)=").matcher(String.join("\n", envLines()));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private String dockerfileEnvValue(String name) {
        Matcher m = Pattern.compile(name + "=(\\S+)").matcher(String.join("\n", envLines()));
        return m.find() ? m.group(1) : null;
    }

    private List<String> envLines() {
        return dockerfile.stream().filter(l -> l.startsWith("ENV ")).toList();
    }

    /** Compose durations: 50s, 1m30s, 2m. */
    private static Duration duration(String text) {
        Matcher m = Pattern.compile("(\\d+)(h|m|s)").matcher(text);
        Duration total = Duration.ZERO;
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofSeconds(n);
            });
        }
        return total;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static JsonNode yaml(Path file) {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream().map(String::strip).toList();
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }
}
