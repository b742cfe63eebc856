package com.exposuremonitor.domain.alerts;

import static com.exposuremonitor.domain.alerts.AlertFixtures.with;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertBookJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    @Test
    void bookRoundTripsThroughJsonAndKeepsWorking() throws Exception {
        Map<String, RuleDefinition> rules = RuleDefinition.defaults();
        AlertBook book = new AlertBook();
        AlertEngine.evaluate(with(RuleNames.DSCR_LOW, 0.9), rules, book);
        AlertEngine.evaluate(with(RuleNames.CONCENTRATION, 0.6), rules, book);
        byte[] bytes = JSON.writeValueAsBytes(book);
        AlertBook back = JSON.readValue(bytes, AlertBook.class);
        assertThat(back).isEqualTo(book);
        assertThat(JSON.writeValueAsBytes(back)).isEqualTo(bytes);
        assertThat(AlertEngine.evaluate(with(RuleNames.CONCENTRATION, 0.6), rules, back))
                .isEqualTo(AlertEngine.evaluate(with(RuleNames.CONCENTRATION, 0.6), rules, book));
        assertThat(JSON.readValue(JSON.writeValueAsBytes(new AlertBook()), AlertBook.class))
                .isEqualTo(new AlertBook());
    }

    @Test
    void stateRoundTripsThroughJsonIncludingNulls() throws Exception {
        AlertState resolved = new AlertState(null, null, 4, null);
        assertThat(JSON.readValue(JSON.writeValueAsBytes(resolved), AlertState.class)).isEqualTo(resolved);
        AlertState raised = new AlertState(com.exposuremonitor.avro.Severity.CRITICAL, AlertFixtures.T0, 1, 0.91);
        assertThat(JSON.readValue(JSON.writeValueAsBytes(raised), AlertState.class)).isEqualTo(raised);
    }
}
