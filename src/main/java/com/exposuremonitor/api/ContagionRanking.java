package com.exposuremonitor.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Comparator;

/**
 * The order of GET /contagion: counterparty views (as the API renders them) by debtAtRisk, largest first; then by
 * how many operators would newly breach, most first; then by counterpartyId. A view without debtAtRisk (written
 * before contagion) counts as 0.
 */
final class ContagionRanking {
    static final Comparator<JsonNode> ORDER = Comparator.comparing(ContagionRanking::debtAtRisk).reversed()
            .thenComparing(Comparator.comparingInt((JsonNode v) -> v.path("newlyBreaching").size()).reversed())
            .thenComparing(v -> v.path("counterpartyId").asText());

    private ContagionRanking() {
    }

    static BigDecimal debtAtRisk(JsonNode view) {
        JsonNode debt = view.path("debtAtRisk");
        if (debt.isMissingNode() || debt.isNull()) {
            return BigDecimal.ZERO;
        }
        try {
            return new BigDecimal(debt.asText());
        } catch (NumberFormatException e) {
            return BigDecimal.ZERO;
        }
    }
}
