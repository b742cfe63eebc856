package com.exposuremonitor.embedded;

import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/** Confluent's compatibility levels, checked with Avro's own reader/writer compatibility rules. */
enum CompatibilityLevel {
    NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE;

    /** Problems with registering {@code candidate} after {@code history} (oldest first); empty when compatible. */
    List<String> problems(Schema candidate, List<Schema> history) {
        if (this == NONE || history.isEmpty()) {
            return List.of();
        }
        List<Schema> against = name().endsWith("_TRANSITIVE") ? history : List.of(history.get(history.size() - 1));
        return against.stream().flatMap(previous -> problemsWith(candidate, previous).stream()).toList();
    }

    private List<String> problemsWith(Schema candidate, Schema previous) {
        boolean backward = name().startsWith("BACKWARD") || name().startsWith("FULL");
        boolean forward = name().startsWith("FORWARD") || name().startsWith("FULL");
        List<String> problems = new java.util.ArrayList<>();
        if (backward) {
            check(candidate, previous, "new schema cannot read data written with an earlier one", problems);
        }
        if (forward) {
            check(previous, candidate, "an earlier schema cannot read data written with the new one", problems);
        }
        return problems;
    }

    private static void check(Schema reader, Schema writer, String what, List<String> problems) {
        SchemaCompatibility.SchemaPairCompatibility result =
                SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
            problems.add(what + ": " + result.getResult().getIncompatibilities().stream()
                    .map(i -> i.getType() + " at " + i.getLocation() + " (" + i.getMessage() + ")")
                    .toList());
        }
    }

    static CompatibilityLevel parse(String text) {
        return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
    }
}
