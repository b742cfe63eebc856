package com.exposuremonitor.api;

import static com.exposuremonitor.api.ApiClient.get;
import static com.exposuremonitor.api.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.exposuremonitor.avro.CounterpartyExposure;
import com.exposuremonitor.avro.DependentOperator;
import com.exposuremonitor.avro.LenderAtRisk;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET /contagion ranks the counterparty views of every instance by debt at risk; GET /counterparties/{id} carries it. */
class ContagionApiTest {
    private static final String TOKEN = "t";
    private static final Instant AS_OF = Instant.parse("2026-06-30T00:00:00Z");
    private final FakeBackend backendA = new FakeBackend();
    private final FakeBackend backendB = new FakeBackend();
    private TwoInstances cluster;
    private HttpApi a;
    private HttpApi b;

    @BeforeEach
    void start() throws IOException {
        cluster = TwoInstances.start(TOKEN, backendA, backendB);
        a = cluster.a();
        b = cluster.b();
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    static CounterpartyExposure view(String id, String debtAtRisk, List<String> newly) {
        return CounterpartyExposure.newBuilder().setCounterpartyId(id).setAsOf(AS_OF)
                .setDependents(List.of(DependentOperator.newBuilder().setOperatorId("op-a")
                        .setWindowRevenue(new BigDecimal("150.00")).setRevenueShare(0.75).setBacklog(new BigDecimal("0.00"))
                        .setBacklogShare(null).setOverdueAmount(new BigDecimal("0.00")).setOldestDaysPastDue(0)
                        .setDscr(2.0).setDscrWithout(-1.0).setNetMarginWithout(-2.0)
                        .setOutstanding(new BigDecimal("1000.00")).build()))
                .setTotalWindowRevenue(new BigDecimal("150.00")).setTotalBacklog(new BigDecimal("0.00"))
                .setTotalOverdue(new BigDecimal("0.00")).setMaxDaysPastDue(0).setSystemicOperatorCount(1)
                .setSystemic(false).setSystemicThreshold(0.25)
                .setBreachingWithout(newly).setNewlyBreaching(newly)
                .setDebtAtRisk(debtAtRisk == null ? null : new BigDecimal(debtAtRisk))
                .setLendersAtRisk(debtAtRisk == null ? List.of()
                        : List.of(new LenderAtRisk("bank-y", new BigDecimal(debtAtRisk))))
                .build();
    }

    @Test
    void counterpartiesOfEveryInstanceRankedByDebtAtRisk() {
        // Instance A: lab-a 1000.00 (1 newly), lab-c none; instance B: lab-b 31200000000.00, lab-d 1000.00 (2 newly).
        backendA.localCounterparties = new Lookup.Found<>(List.of(view("lab-a", "1000.00", List.of("op-a")),
                view("lab-c", "0.00", List.of())));
        backendB.localCounterparties = new Lookup.Found<>(List.of(view("lab-d", "1000.00", List.of("op-a", "op-b")),
                view("lab-b", "31200000000.00", List.of("op-a"))));

        HttpResponse<String> response = get(a, "/contagion", TOKEN);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        // Largest debt first; lab-a and lab-d tie on debt: more newly breaching operators first.
        assertThat(body).extracting(n -> n.get("counterpartyId").asText())
                .containsExactly("lab-b", "lab-d", "lab-a", "lab-c");
        assertThat(body.get(0).get("debtAtRisk").asText()).isEqualTo("31200000000.00");
        assertThat(body.get(0).get("lendersAtRisk").get(0).get("lenderId").asText()).isEqualTo("bank-y");
        assertThat(json(get(b, "/contagion?local=true", TOKEN))).as("B alone")
                .extracting(n -> n.get("counterpartyId").asText()).containsExactly("lab-b", "lab-d");
    }

    @Test
    void aViewWrittenBeforeContagionRanksLast() {
        backendA.localCounterparties = new Lookup.Found<>(List.of(view("lab-old", null, List.of()),
                view("lab-a", "0.01", List.of())));
        backendB.localCounterparties = new Lookup.Found<>(List.of());

        assertThat(json(get(a, "/contagion", TOKEN))).extracting(n -> n.get("counterpartyId").asText())
                .containsExactly("lab-a", "lab-old");
    }

    @Test
    void notYetAvailableIs503() {
        assertThat(get(a, "/contagion", TOKEN).statusCode()).isEqualTo(503);
    }

    @Test
    void oneCounterpartyCarriesItsContagion() {
        backendA.counterparties.put("lab-a", new Lookup.Found<>(view("lab-a", "1000.00", List.of("op-a"))));

        JsonNode body = json(get(a, "/counterparties/lab-a", TOKEN));

        assertThat(body.get("newlyBreaching").get(0).asText()).isEqualTo("op-a");
        assertThat(body.get("debtAtRisk").asText()).isEqualTo("1000.00");
        JsonNode dependent = body.get("dependents").get(0);
        assertThat(dependent.get("dscr").asDouble()).isEqualTo(2.0);
        assertThat(dependent.get("dscrWithout").asDouble()).isEqualTo(-1.0);
        assertThat(dependent.get("netMarginWithout").asDouble()).isEqualTo(-2.0);
        assertThat(dependent.get("outstanding").asText()).isEqualTo("1000.00");
    }
}
