package com.exposuremonitor.domain.views;

import static org.assertj.core.api.Assertions.assertThat;

import com.exposuremonitor.avro.CounterpartyExposure;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** COUNTERPARTY_CONTAGION's sentence, built from the view the topology publishes. */
class ContagionTextTest {
    private static final Instant AS_OF = Instant.parse("2026-03-31T00:00:00Z");

    private static CounterpartyStake stake(String operatorId, Double dscr, Double without, String outstanding,
                                           String lender) {
        return new CounterpartyStake(operatorId, AS_OF, BigDecimal.TEN, 0.4, BigDecimal.ZERO, null, BigDecimal.ZERO, 0,
                new ContagionStake(dscr, without, -0.1, new BigDecimal(outstanding),
                        Map.of(lender, new BigDecimal(outstanding))));
    }

    @Test
    void namesTheOperatorsTheirCoverTheDebtAndItsLargestLender() {
        CounterpartyExposure c = CounterpartyView.build("lab-x", List.of(
                stake("op-a", 1.4, 0.6, "20000000000.00", "bank-y"),
                stake("op-b", 1.1, 0.9, "7000000000.00", "bank-z"),
                stake("op-c", 0.8, 0.2, "4200000000.00", "bank-y")), 0.25);
        assertThat(ContagionText.detail(c)).isEqualTo("if lab-x stops paying, op-a (DSCR 1.40 → 0.60) and op-b "
                + "(DSCR 1.10 → 0.90) breach (op-c already does); $31.2B of debt at risk, most with bank-y ($24.2B)");
    }

    @Test
    void nobodyNewlyBreaching() {
        CounterpartyExposure c = CounterpartyView.build("lab-x", List.of(stake("op-a", 3.0, 2.0, "1.00", "bank-y")),
                0.25);
        assertThat(ContagionText.detail(c)).isEqualTo("if lab-x stops paying, no operator newly breaches; $0.00 of "
                + "debt at risk");
    }
}
