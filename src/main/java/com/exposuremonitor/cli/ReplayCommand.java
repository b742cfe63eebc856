package com.exposuremonitor.cli;

import com.exposuremonitor.confluent.RegistryClientConfig;
import com.exposuremonitor.confluent.SchemaRegistryClient;
import com.exposuremonitor.replay.EventKind;
import com.exposuremonitor.replay.EventLine;
import com.exposuremonitor.replay.EventPublisher;
import com.exposuremonitor.replay.JsonEvents;
import com.exposuremonitor.replay.ParsedEvents;
import com.exposuremonitor.replay.Scenario;
import com.exposuremonitor.topology.TopicNames;
import com.exposuremonitor.topology.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Validates JSON-lines event files and produces the valid events to the input topics. */
@Command(name = "replay", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = ReplayCommand.USAGE,
        description = {
            "Validate JSON-lines event files (one input event per line; the format: docs/events.md, a sample: "
                    + "examples/events.jsonl) and send the valid events as Avro to the input topics, keyed by operatorId.",
            "Every file is read and validated before anything is sent; a rejected line is reported as "
                    + "FILE:LINE: reason and never sent.",
            "Idempotent: the monitor drops events whose eventId it has already applied, so replaying a file "
                    + "again changes nothing."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every line valid; all events sent and acknowledged (validated only, with --dry-run)",
            "1:failure: unreadable file, Kafka or registry unreachable, a send not acknowledged, or lines "
                    + "rejected with --fail-on-reject (then nothing is sent)",
            "2:the valid events were sent (validated only, with --dry-run) but some lines were rejected",
            "64:invalid command line"})
final class ReplayCommand implements Callable<Integer> {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int SOME_REJECTED = 2;
    static final int USAGE = 64;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "JSON-lines event files, sent in order.")
    List<Path> files;

    @Mixin
    ClientOptions client;

    @Option(names = "--schema-registry-url", defaultValue = "${env:EM_SCHEMA_REGISTRY_URL:-http://localhost:8081}",
            description = "Confluent-compatible Schema Registry URL; several, comma-separated, to fail over between. "
                    + "Credentials and TLS with Confluent's keys in --config/--kafka-config (basic.auth.*, "
                    + "bearer.auth.*, schema.registry.ssl.*) (env EM_SCHEMA_REGISTRY_URL, default ${DEFAULT-VALUE}).")
    String schemaRegistryUrl;

    @Option(names = "--topic-prefix", defaultValue = "${env:EM_TOPIC_PREFIX:-em.}",
            description = "Prefix of every topic name (env EM_TOPIC_PREFIX, default ${DEFAULT-VALUE}).")
    String topicPrefix;

    @Option(names = "--dry-run", description = "Validate only; send nothing and do not contact Kafka.")
    boolean dryRun;

    @Option(names = "--fail-on-reject",
            description = "All or nothing: if any line is rejected, send nothing and exit 1.")
    boolean failOnReject;

    @Option(names = "--timeout", defaultValue = "PT30S",
            description = "Longest wait for Kafka to answer and acknowledge the sends, ISO-8601 (default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--shift-to-now",
            description = "Move every date of every event by the same whole number of calendar months, so that the "
                    + "latest eventTime falls within the month before now, as the demo does with the bundled scenario.")
    boolean shiftToNow;

    @Spec
    CommandSpec spec;

    /** When "now" is, for --shift-to-now. */
    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Batch batch;
        try {
            batch = Batch.read(files);
        } catch (IOException e) {
            err.println("error: cannot read " + e.getMessage() + "; nothing sent");
            return FAILED;
        }
        if (shiftToNow) {
            batch = batch.endingBy(clock.instant());
            out.println(batch.shiftNote());
        }
        if (dryRun || (failOnReject && batch.rejected() > 0)) {
            out.println(batch.summary("would send") + "; nothing sent"
                    + (dryRun ? " (--dry-run)" : " (--fail-on-reject)"));
            batch.rejections().forEach(out::println);
            return batch.rejected() == 0 ? OK : failOnReject ? FAILED : SOME_REJECTED;
        }
        try {
            if (!batch.events().isEmpty()) {
                send(batch, err);
            }
        } catch (IllegalStateException | KafkaException e) { // KafkaException: e.g. an unusable --kafka-config
            err.println("error: " + e.getMessage());
            batch.rejections().forEach(err::println);
            return FAILED;
        }
        out.println(batch.summary("sent"));
        batch.rejections().forEach(out::println);
        return batch.rejected() == 0 ? OK : SOME_REJECTED;
    }

    /** Sends every event and waits for each acknowledgement, in order, reporting progress as they come. */
    private void send(Batch batch, PrintWriter err) {
        Map<String, String> passthrough = client.passthrough();
        Topics topics = new Topics(TopicNames.withPrefix(topicPrefix),
                new SchemaRegistryClient(RegistryClientConfig.from(schemaRegistryUrl, passthrough)));
        checkInputTopics(topics.names(), passthrough);
        Progress progress = new Progress(err, batch.events().size(), System.console() != null);
        int acknowledged = 0;
        try (EventPublisher publisher = new EventPublisher(client.bootstrapServers, producerConfig(passthrough), topics)) {
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            for (SpecificRecord event : batch.events()) {
                sends.add(publisher.send(event));
            }
            for (Future<RecordMetadata> sent : sends) {
                // the producer gives up after delivery.timeout.ms; the extra margin only guards against a hang
                sent.get(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
                progress.update(++acknowledged);
            }
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("sending failed after " + acknowledged + " of " + batch.events().size()
                    + " events were acknowledged: " + cause + "; replaying again is safe (duplicates are dropped)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted after " + acknowledged + " acknowledged events", e);
        }
    }

    /** Fails fast with a clear message when Kafka is unreachable or the monitor's topics do not exist yet. */
    private void checkInputTopics(TopicNames names, Map<String, String> passthrough) {
        Map<String, Object> config = new HashMap<>(passthrough);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, client.bootstrapServers);
        List<String> inputs = List.of(names.financings(), names.gpuDeliveries(), names.revenueReports(),
                names.paymentDelays());
        Admin admin = Admin.create(config);
        try {
            admin.describeTopics(inputs).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot reach Kafka at " + client.bootstrapServers + " within "
                    + timeout.toSeconds() + " s; nothing sent", e);
        } catch (ExecutionException e) {
            String why = e.getCause() instanceof UnknownTopicOrPartitionException
                    ? "an input topic of " + inputs + " does not exist (start the monitor once, it creates its "
                    + "topics, or check --topic-prefix)" : String.valueOf(e.getCause());
            throw new IllegalStateException(why + "; nothing sent", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted; nothing sent", e);
        } finally {
            admin.close(Duration.ZERO); // abandons a pending call instead of waiting out its own timeout
        }
    }

    /** Bounded waits: a send blocks at most --timeout for metadata and fails after --timeout unacknowledged. */
    private Map<String, String> producerConfig(Map<String, String> passthrough) {
        Map<String, String> config = new HashMap<>();
        long ms = Math.max(timeout.toMillis(), 1_000);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(ms));
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(ms));
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(ms / 2)); // <= delivery - linger
        config.putAll(passthrough); // the user's settings win
        return config;
    }

    /**
     * The valid events of every file in order, counted by kind, and every rejection as FILE:LINE: reason;
     * {@code shiftedMonths} is how far {@link #endingBy} moved them.
     */
    record Batch(List<SpecificRecord> events, Map<EventKind, Integer> counts, List<String> rejections,
                 long shiftedMonths) {
        /** One shift for every file, so events keep their order and spacing across files (the demo's). */
        Batch endingBy(Instant now) {
            long months = Scenario.monthsToEndBy(events, now);
            return new Batch(Scenario.shiftMonths(events, months), counts, rejections, months);
        }

        /** E.g. {@code dates moved by 2 months; the latest event is now at 2026-11-28T09:00:00Z}. */
        String shiftNote() {
            return "dates moved by " + shiftedMonths + " months; the latest event is now at "
                    + events.stream().map(Scenario::eventTime).max(Instant::compareTo).map(Instant::toString)
                            .orElse("(no events)");
        }

        static Batch read(List<Path> files) throws IOException {
            List<SpecificRecord> events = new ArrayList<>();
            Map<EventKind, Integer> counts = new EnumMap<>(EventKind.class);
            List<String> rejections = new ArrayList<>();
            for (Path file : files) {
                ParsedEvents parsed;
                try {
                    parsed = JsonEvents.read(file);
                } catch (IOException e) {
                    throw new IOException(file + ": " + e, e);
                }
                for (EventLine.Event e : parsed.events()) {
                    events.add(e.record());
                    counts.merge(e.kind(), 1, Integer::sum);
                }
                parsed.rejections().forEach(r -> rejections.add(file + ":" + r.lineNumber() + ": " + r.reason()));
            }
            return new Batch(List.copyOf(events), counts, List.copyOf(rejections), 0);
        }

        int rejected() {
            return rejections.size();
        }

        /** E.g. {@code sent 4 events (financing 2, gpu-delivery 1, revenue-report 1, payment-delay 0), rejected 1}. */
        String summary(String verb) {
            String byKind = Arrays.stream(EventKind.values())
                    .map(k -> k.jsonName() + " " + counts.getOrDefault(k, 0)).collect(Collectors.joining(", "));
            return verb + " " + events.size() + " events (" + byKind + "), rejected " + rejections.size();
        }
    }

    /** Acknowledged sends on stderr: a redrawn bar on a terminal, otherwise one line per 10 %. */
    static final class Progress {
        private final PrintWriter err;
        private final int total;
        private final boolean terminal;
        private int lastTenth;

        Progress(PrintWriter err, int total, boolean terminal) {
            this.err = err;
            this.total = total;
            this.terminal = terminal;
        }

        void update(int done) {
            int percent = (int) (100L * done / total);
            if (terminal) {
                int filled = percent * 30 / 100;
                err.print("\r[" + "#".repeat(filled) + " ".repeat(30 - filled) + "] " + percent + "% " + done + "/" + total);
                if (done == total) {
                    err.println();
                }
            } else if (percent / 10 > lastTenth) {
                lastTenth = percent / 10;
                err.println("acknowledged " + done + "/" + total + " (" + lastTenth * 10 + "%)");
            }
            err.flush();
        }
    }

    /** Connection options shared with {@code reset}: same flags, env vars and defaults as {@code run}. */
    static final class ClientOptions {
        @Option(names = "--bootstrap-servers", defaultValue = "${env:EM_BOOTSTRAP_SERVERS:-localhost:9092}",
                description = "Kafka bootstrap servers (env EM_BOOTSTRAP_SERVERS, default ${DEFAULT-VALUE}).")
        String bootstrapServers;

        @Option(names = "--config", defaultValue = "${env:EM_CONFIG_FILE:-}",
                description = "Properties file of Kafka client settings (SASL/SSL...), passed through unchanged; also the "
                        + "schema registry's credentials and TLS keys (env EM_CONFIG_FILE).")
        String configFile;

        @Option(names = "--kafka-config", paramLabel = "KEY=VALUE",
                description = "A Kafka client setting passed through unchanged; repeatable; wins over --config.")
        Map<String, String> kafkaConfig = new LinkedHashMap<>();

        /** --config, then --kafka-config on top, as the monitor itself reads them. */
        Map<String, String> passthrough() {
            Map<String, String> out = new LinkedHashMap<>();
            if (configFile != null && !configFile.isBlank()) {
                Properties props = new Properties();
                try (InputStream in = Files.newInputStream(Path.of(configFile))) {
                    props.load(in);
                } catch (IOException e) {
                    throw new IllegalStateException("cannot read --config " + configFile + ": " + e.getMessage(), e);
                }
                props.stringPropertyNames().forEach(k -> out.put(k, props.getProperty(k)));
            }
            out.putAll(kafkaConfig);
            return out;
        }
    }
}
