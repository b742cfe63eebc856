package com.exposuremonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code schema KIND}: a text another language's producer can register as it is, equal to the files in schemas/. */
class SchemaCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void printsASelfContainedSchemaEqualToTheRepositorysFiles() throws Exception {
        assertThat(schema("revenue-report")).isEqualTo(0);

        Schema printed = new Schema.Parser().parse(out.toString()); // a fresh parser: every named type inline
        Schema files = fromFiles("RevenueReport.avsc");
        ObjectMapper json = new ObjectMapper();
        assertThat(withoutJavaHints(json.readTree(printed.toString()))).isEqualTo(json.readTree(files.toString()));
    }

    @Test
    void anUnknownKindIsAUsageError() {
        assertThat(schema("loan")).isEqualTo(64);
        assertThat(err.toString()).contains("unknown kind 'loan'").contains("payment-delay");
    }

    /** A schema file parsed after the shared enums it names, as a producer with the repository would. */
    private static Schema fromFiles(String name) throws Exception {
        Schema.Parser parser = new Schema.Parser();
        File[] common = Path.of("schemas", "common").toFile().listFiles((d, n) -> n.endsWith(".avsc"));
        Arrays.sort(common, Comparator.comparing(File::getName));
        for (File f : common) {
            parser.parse(f);
        }
        return parser.parse(Files.readString(Path.of("schemas", name)));
    }

    /** The generated classes mark strings for Java ("avro.java.string"); Avro readers elsewhere ignore it. */
    private static JsonNode withoutJavaHints(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove("avro.java.string");
            if (object.size() == 1 && object.has("type") && object.get("type").isTextual()) {
                return object.get("type");
            }
        }
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, withoutJavaHints(array.get(i)));
            }
        } else if (node instanceof ObjectNode object) {
            object.fieldNames().forEachRemaining(f -> object.set(f, withoutJavaHints(object.get(f))));
        }
        return node;
    }

    private int schema(String kind) {
        return new CommandLine(new Main()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute("schema", kind);
    }
}
