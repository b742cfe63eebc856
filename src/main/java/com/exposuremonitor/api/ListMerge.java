package com.exposuremonitor.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Merges the lists several instances answered: one element per key (the newest by {@code timeField} when
 * two instances both hold it, e.g. during a rebalance), ordered by key or by {@code order}.
 */
record ListMerge(List<String> keyFields, String timeField, Comparator<JsonNode> order) {
    static final ListMerge OPERATORS = new ListMerge(List.of("operatorId"), "asOf");
    static final ListMerge ALERTS = new ListMerge(List.of("subjectType", "subjectId", "rule"), "causeEventTime");
    /** GET /contagion: counterparty views by debt at risk, largest first (ContagionRanking). */
    static final ListMerge CONTAGION = new ListMerge(List.of("counterpartyId"), "asOf", ContagionRanking.ORDER);

    /** Ordered by key. */
    ListMerge(List<String> keyFields, String timeField) {
        this(keyFields, timeField, null);
    }

    ArrayNode apply(List<JsonNode> arrays) {
        Map<String, JsonNode> byKey = new TreeMap<>();
        for (JsonNode array : arrays) {
            array.forEach(element -> byKey.merge(key(element), element, this::newer));
        }
        ArrayNode out = AvroJson.MAPPER.createArrayNode();
        if (order == null) {
            byKey.values().forEach(out::add);
        } else {
            byKey.values().stream().sorted(order).forEach(out::add);
        }
        return out;
    }

    private String key(JsonNode element) {
        return keyFields.stream().map(f -> element.path(f).asText()).collect(Collectors.joining("|"));
    }

    private JsonNode newer(JsonNode a, JsonNode b) {
        return time(b).isAfter(time(a)) ? b : a;
    }

    private Instant time(JsonNode element) {
        try {
            return Instant.parse(element.path(timeField).asText());
        } catch (DateTimeParseException e) {
            return Instant.MIN;
        }
    }
}
