package com.exposuremonitor.cli;

import com.exposuremonitor.avro.DeadLetter;
import com.exposuremonitor.topology.DeadLetterFormat;
import com.exposuremonitor.topology.TopicNames;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Lists, shows and re-sends dead letters (KIP-1034 records: the original record plus error headers). */
@Command(name = "dead-letters", mixinStandardHelpOptions = true,
        description = {"Inspect the dead-letter topic and send records back to where they came from.",
            "A dead letter is the original record (key, value, headers) with error headers: "
                    + "__em.errors.type and __em.errors.reason say what was wrong, __streams.errors.topic/"
                    + "partition/offset where it came from."},
        subcommands = {DeadLettersCommand.ListLetters.class, DeadLettersCommand.ShowLetter.class,
            DeadLettersCommand.Resend.class})
final class DeadLettersCommand {
    static final int OK = 0;
    static final int FAILED = 1;

    /** Where the dead letters are. */
    static final class Source {
        @Mixin
        ReplayCommand.ClientOptions client;

        @Option(names = "--topic-prefix", defaultValue = "${env:EM_TOPIC_PREFIX:-em.}",
                description = "Prefix of every topic name (env EM_TOPIC_PREFIX, default ${DEFAULT-VALUE}).")
        String topicPrefix;

        @Option(names = "--timeout", defaultValue = "PT30S",
                description = "Longest wait to read the topic to its end, ISO-8601 (default ${DEFAULT-VALUE}).")
        Duration timeout;

        /** The topics a dead letter may go back to: the inputs and the rule updates. */
        Set<String> sendableTopics() {
            TopicNames names = TopicNames.withPrefix(topicPrefix);
            return Set.of(names.financings(), names.gpuDeliveries(), names.revenueReports(), names.paymentDelays(),
                    names.alertRuleUpdates());
        }

        List<DeadLetterTopic.Entry> read(Predicate<DeadLetterTopic.Entry> filter) {
            return DeadLetterTopic.read(client.bootstrapServers, client.passthrough(),
                    TopicNames.withPrefix(topicPrefix).deadLetters(), filter, timeout);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "One line per dead letter (position on the dead-letter topic, errorType, origin, reason), "
                    + "then a count per errorType.")
    static final class ListLetters implements Callable<Integer> {
        @Mixin
        Source source;

        @Option(names = "--type", description = "Only this errorType (e.g. VALIDATION, UNKNOWN_SCHEMA).")
        String type;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            List<DeadLetterTopic.Entry> entries = source.read(e -> type == null
                    || type.equals(e.letter().getErrorType()));
            Map<String, Integer> counts = new TreeMap<>();
            for (DeadLetterTopic.Entry e : entries) {
                DeadLetter l = e.letter();
                out.printf("%s  %s  %s-%d@%d  %s%n", e.position(), l.getErrorType(), l.getSourceTopic(),
                        l.getSourcePartition(), l.getSourceOffset(), oneLine(l.getReason()));
                counts.merge(l.getErrorType(), 1, Integer::sum);
            }
            out.println(entries.size() + " dead letters" + (counts.isEmpty() ? "" : " " + counts));
            return OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "One dead letter in full: its reason, origin, headers, key and value.")
    static final class ShowLetter implements Callable<Integer> {
        @Mixin
        Source source;

        @Parameters(paramLabel = "PARTITION@OFFSET", description = "Its position on the dead-letter topic, as listed.")
        String position;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            List<DeadLetterTopic.Entry> found = source.read(e -> e.position().equals(position));
            if (found.isEmpty()) {
                spec.commandLine().getErr().println("error: no dead letter at " + position);
                return FAILED;
            }
            DeadLetterTopic.Entry e = found.get(0);
            DeadLetter l = e.letter();
            out.println("errorType: " + l.getErrorType());
            out.println("reason:    " + l.getReason());
            out.println("origin:    " + l.getSourceTopic() + "-" + l.getSourcePartition() + "@" + l.getSourceOffset()
                    + (l.getSourceTimestamp() == null ? "" : " at " + l.getSourceTimestamp()));
            out.println("key:       " + printable(e.key()));
            out.println("value:     " + (e.value() == null ? "null" : e.value().length + " bytes: "
                    + hex(e.value(), 64)));
            for (Header h : e.headers()) {
                if (!h.key().equals(DeadLetterFormat.STACKTRACE)) {
                    out.println("header:    " + h.key() + " = " + oneLine(printable(h.value())));
                }
            }
            return OK;
        }
    }

    @Command(name = "resend", mixinStandardHelpOptions = true,
            description = {"Send dead letters back to their source topics as they arrived: the original key, "
                    + "value, headers (error headers removed) and timestamp.",
                "For a record that was rejected because of something since fixed (a schema registered, a rule "
                        + "corrected). A record whose content was wrong must be corrected instead: write it as a "
                        + "JSON line (docs/events.md) and send it with `replay`. Re-sending is safe: the monitor "
                        + "drops events it has already applied."})
    static final class Resend implements Callable<Integer> {
        @Mixin
        Source source;

        @Parameters(paramLabel = "PARTITION@OFFSET", arity = "0..*", description = "Positions on the dead-letter topic.")
        Set<String> positions = Set.of();

        @Option(names = "--type", description = "Every dead letter of this errorType.")
        String type;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            if (positions.isEmpty() == (type == null)) {
                spec.commandLine().getErr().println("error: give either positions or --type");
                return FAILED;
            }
            List<DeadLetterTopic.Entry> chosen = source.read(e -> type != null
                    ? type.equals(e.letter().getErrorType()) : positions.contains(e.position()));
            Set<String> sendable = source.sendableTopics();
            List<String> refused = chosen.stream().filter(e -> !sendable.contains(e.letter().getSourceTopic()))
                    .map(e -> e.position() + " (from " + e.letter().getSourceTopic() + ")").toList();
            if (!refused.isEmpty()) {
                // Only inputs go back: a letter read from an output topic (say the feed, re-read by the alert
                // step) would overwrite newer figures there; a letter without headers predates KIP-1034.
                spec.commandLine().getErr().println("error: nothing sent; these did not come from an input topic "
                        + sendable + ": " + refused);
                return FAILED;
            }
            try {
                send(chosen);
            } catch (ExecutionException | RuntimeException e) {
                spec.commandLine().getErr().println("error: re-sending failed: "
                        + (e instanceof ExecutionException ? e.getCause() : e));
                return FAILED;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return FAILED;
            }
            spec.commandLine().getOut().println("re-sent " + chosen.size() + " dead letters to their source topics");
            return OK;
        }

        /** Sends each letter's original record and waits for every acknowledgement. */
        private void send(List<DeadLetterTopic.Entry> chosen) throws ExecutionException, InterruptedException {
            Map<String, Object> config = new HashMap<>(source.client.passthrough());
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, source.client.bootstrapServers);
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            try (KafkaProducer<byte[], byte[]> producer =
                         new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
                List<Future<RecordMetadata>> sends = new ArrayList<>();
                for (DeadLetterTopic.Entry e : chosen) {
                    DeadLetter l = e.letter();
                    Long timestamp = l.getSourceTimestamp() == null ? null : l.getSourceTimestamp().toEpochMilli();
                    sends.add(producer.send(new ProducerRecord<>(l.getSourceTopic(), null, timestamp, e.key(),
                            e.value(), DeadLetterFormat.originalHeaders(e.headers()))));
                }
                for (Future<RecordMetadata> sent : sends) {
                    sent.get();
                }
            }
        }
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replace('\n', ' ').replace('\r', ' ');
    }

    private static String printable(byte[] bytes) {
        if (bytes == null) {
            return "null";
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        return text.chars().allMatch(c -> c >= 0x20 && c != 0xFFFD || c == '\t') ? text : "0x" + hex(bytes, 64);
    }

    private static String hex(byte[] bytes, int max) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(bytes.length, max); i++) {
            out.append(String.format("%02x", bytes[i]));
        }
        return bytes.length > max ? out + "…" : out.toString();
    }
}
