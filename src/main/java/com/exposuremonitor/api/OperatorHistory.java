package com.exposuremonitor.api;

import com.exposuremonitor.avro.OperatorExposure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.Schema;

/**
 * {@code GET /operators/{id}/history?from=&to=&fields=&limit=}: the exposures published for an operator, in
 * event time (asOf), oldest first, a page at a time; and the parsing of {@code asOf} for point-in-time lookups.
 */
final class OperatorHistory {
    static final int DEFAULT_LIMIT = 500;
    static final int MAX_LIMIT = 5000;
    private static final Set<String> FIELDS = OperatorExposure.getClassSchema().getFields().stream()
            .map(Schema.Field::name).collect(Collectors.toCollection(LinkedHashSet::new));

    /** A parsed history request; {@code problem} is set when the query is malformed. */
    record Query(Instant from, Instant to, int limit, Set<String> fields, String problem) {
    }

    private OperatorHistory() {
    }

    static Query parse(Request req) {
        try {
            Instant from = time(req.param("from"), Instant.EPOCH, false);
            Instant to = time(req.param("to"), Instant.parse("9999-12-31T23:59:59Z"), true);
            int limit = req.param("limit") == null ? DEFAULT_LIMIT : Integer.parseInt(req.param("limit"));
            if (limit < 1 || limit > MAX_LIMIT) {
                return problem("limit must be 1.." + MAX_LIMIT + ", got " + limit);
            }
            if (from.isAfter(to)) {
                return problem("from is after to");
            }
            Set<String> fields = fields(req.param("fields"));
            Set<String> unknown = fields.stream().filter(f -> !FIELDS.contains(f)).collect(Collectors.toSet());
            if (!unknown.isEmpty()) {
                return problem("unknown fields " + unknown.stream().map(Ids::printable).sorted().toList()
                        + "; an exposure has " + FIELDS);
            }
            return new Query(from, to, limit, fields, null);
        } catch (DateTimeParseException e) {
            return problem("from, to and asOf are ISO-8601 instants (2026-06-30T00:00:00Z) or dates (2026-06-30): "
                    + Ids.printable(e.getParsedString()));
        } catch (NumberFormatException e) {
            return problem("limit is a whole number: " + Ids.printable(req.param("limit")));
        }
    }

    /**
     * An instant, or a date (UTC) meaning its start, or its last millisecond when {@code endOfDay} (for
     * {@code to} and {@code asOf}: "as of June 30th" includes June 30th); {@code fallback} when absent.
     */
    static Instant time(String text, Instant fallback, boolean endOfDay) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        if (text.length() != 10) {
            return Instant.parse(text);
        }
        Instant start = LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        return endOfDay ? start.plus(java.time.Duration.ofDays(1)).minusMillis(1) : start;
    }

    /** The page as JSON: the points (only the asked fields, asOf always), and where the next page starts. */
    static JsonNode render(String operatorId, Query query, List<OperatorExposure> page) {
        ObjectNode out = AvroJson.MAPPER.createObjectNode();
        out.put("operatorId", operatorId);
        out.put("from", query.from().toString());
        out.put("to", query.to().toString());
        ArrayNode points = out.putArray("points");
        for (OperatorExposure e : page) {
            points.add(select(AvroJson.toTree(e), query.fields()));
        }
        // asOf is unique per published version, so the next page starts just after the last one
        Instant next = page.isEmpty() ? null : page.get(page.size() - 1).getAsOf().plusMillis(1);
        boolean more = page.size() == query.limit() && !next.isAfter(query.to());
        out.put("complete", !more);
        if (more) {
            out.put("next", next.toString());
        }
        return out;
    }

    private static JsonNode select(ObjectNode exposure, Set<String> fields) {
        if (fields.isEmpty()) {
            return exposure;
        }
        ObjectNode point = AvroJson.MAPPER.createObjectNode();
        point.set("asOf", exposure.get("asOf"));
        fields.forEach(f -> point.set(f, exposure.get(f)));
        return point;
    }

    private static Set<String> fields(String text) {
        if (text == null || text.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static Query problem(String why) {
        return new Query(null, null, 0, null, why);
    }
}
