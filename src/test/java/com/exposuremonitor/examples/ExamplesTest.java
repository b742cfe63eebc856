package com.exposuremonitor.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.exposuremonitor.domain.InputEvents;
import com.exposuremonitor.replay.EventKind;
import com.exposuremonitor.replay.EventLine;
import com.exposuremonitor.replay.JsonEvents;
import com.exposuremonitor.replay.ParsedEvents;
import com.exposuremonitor.topology.TopicNames;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** The files under examples/ and docs/events.md do what they say: what a user copies from them works. */
class ExamplesTest {
    private static final Path EVENTS = Path.of("examples", "events.jsonl");
    private static final Path EVENTS_DOC = Path.of("docs", "events.md");

    @Test
    void theSampleEventsReplayCleanlyWithEveryKindAndPassTheDomainValidator() throws Exception {
        ParsedEvents parsed = JsonEvents.read(EVENTS);

        assertThat(parsed.rejections()).isEmpty();
        Map<EventKind, Long> perKind = parsed.events().stream()
                .collect(Collectors.groupingBy(EventLine.Event::kind, Collectors.counting()));
        assertThat(perKind).containsOnlyKeys(EventKind.values())
                .allSatisfy((kind, n) -> assertThat(n).as(kind.jsonName()).isGreaterThan(1));
        assertThat(parsed.records()).allSatisfy(r -> assertThat(InputEvents.validate(r)).as(r.toString()).isEmpty());
    }

    @Test
    void everyExampleLineInTheFormatDocumentParses() throws Exception {
        List<String> examples = Files.readAllLines(EVENTS_DOC).stream().map(String::strip)
                .filter(l -> l.startsWith("{\"kind\"")).toList();

        Set<EventKind> kinds = EnumSet.noneOf(EventKind.class);
        for (String line : examples) {
            EventLine parsed = JsonEvents.parse(line, 1);
            assertThat(parsed).as(line).isInstanceOf(EventLine.Event.class);
            kinds.add(((EventLine.Event) parsed).kind());
        }
        assertThat(kinds).containsExactlyInAnyOrder(EventKind.values());
    }

    @Test
    void theFormatDocumentNamesEveryFieldOfEveryKind() throws Exception {
        String doc = Files.readString(EVENTS_DOC);

        for (EventKind kind : EventKind.values()) {
            assertThat(doc).contains("### " + kind.jsonName());
            for (Schema.Field field : kind.schema().getFields()) {
                assertThat(doc).as(kind.jsonName() + "." + field.name()).contains("`" + field.name() + "`");
            }
        }
    }

    @Test
    void theConnectSinkUpsertsTheAnalyticsTopicsIntoTablesByRecordKey() throws Exception {
        JsonNode config = new ObjectMapper().readTree(Path.of("examples", "connect-jdbc-sink-analytics.json").toFile())
                .path("config");
        TopicNames names = TopicNames.defaults();
        List<String> topics = Arrays.asList(config.path("topics").asText().split(","));

        assertThat(topics).containsExactlyInAnyOrder(names.operatorDaily(), names.sectorDaily());
        assertThat(config.path("value.converter").asText()).isEqualTo("io.confluent.connect.avro.AvroConverter");
        assertThat(config.path("value.converter.schema.registry.url").asText()).startsWith("http");
        assertThat(config.path("key.converter").asText()).endsWith("StringConverter");
        assertThat(config.path("pk.mode").asText()).isEqualTo("record_key");
        assertThat(config.path("insert.mode").asText()).isEqualTo("upsert");
        assertThat(config.path("consumer.override.isolation.level").asText()).isEqualTo("read_committed");
        // Connect's RegexRouter is Java's replaceFirst: each topic must become a plain SQL table name.
        Function<String, String> route = t -> t.replaceFirst(config.path("transforms.toTable.regex").asText(),
                config.path("transforms.toTable.replacement").asText());
        assertThat(topics.stream().map(route).toList()).allSatisfy(t -> assertThat(t).matches("[a-z_]+"))
                .doesNotHaveDuplicates();
    }
}
