package com.exposuremonitor.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.exposuremonitor.avro.Financing;
import com.exposuremonitor.avro.GpuDelivery;
import com.exposuremonitor.avro.OperatorExposure;
import com.exposuremonitor.avro.PaymentDelay;
import com.exposuremonitor.avro.RevenueReport;
import java.io.StringWriter;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class ScenarioTest {

    @Test
    void shiftsEventTimesAndBusinessDatesByWholeMonths() {
        RevenueReport report = JsonEventsTest.report(); // 2025-10-01 .. 2026-03-31, eventTime 2026-03-31T12:00Z
        List<SpecificRecord> shifted = Scenario.shiftMonths(
                List.of(JsonEventsTest.financing(), report, JsonEventsTest.invoice(), JsonEventsTest.batch()), 5);

        Financing f = (Financing) shifted.get(0);
        assertThat(f.getEventTime()).isEqualTo(Instant.parse("2026-08-31T12:00:00Z"));
        assertThat(f.getMaturityDate()).isEqualTo(LocalDate.of(2036, 6, 15));
        assertThat(f.getOutstandingPrincipal()).isEqualTo(JsonEventsTest.financing().getOutstandingPrincipal());

        RevenueReport r = (RevenueReport) shifted.get(1);
        assertThat(r.getPeriodStart()).isEqualTo(LocalDate.of(2026, 3, 1));
        assertThat(r.getPeriodEnd()).as("last day of its month, not the 31st clamped").isEqualTo(LocalDate.of(2026, 8, 31));
        assertThat(r.getEventTime()).isEqualTo(Instant.parse("2026-08-31T12:00:00Z"));

        PaymentDelay p = (PaymentDelay) shifted.get(2);
        assertThat(p.getDueDate()).isEqualTo(LocalDate.of(2026, 12, 20));

        GpuDelivery g = (GpuDelivery) shifted.get(3);
        assertThat(g.getEventTime()).isEqualTo(Instant.parse("2026-08-31T12:00:00.123Z"));
        assertThat(g.getBatchId()).isEqualTo("nb-1");

        assertThat(report).as("input unchanged").isEqualTo(JsonEventsTest.report());
    }

    @Test
    void periodEndStaysOnTheLastDayOfAShorterOrLongerMonth() {
        RevenueReport feb = JsonEventsTest.report();
        feb.setPeriodStart(LocalDate.of(2026, 2, 1));
        feb.setPeriodEnd(LocalDate.of(2026, 2, 28));
        RevenueReport mar = (RevenueReport) Scenario.shift(feb, 1);
        assertThat(mar.getPeriodStart()).isEqualTo(LocalDate.of(2026, 3, 1));
        assertThat(mar.getPeriodEnd()).isEqualTo(LocalDate.of(2026, 3, 31));
        RevenueReport back = (RevenueReport) Scenario.shift(mar, -13);
        assertThat(back.getPeriodStart()).isEqualTo(LocalDate.of(2025, 2, 1));
        assertThat(back.getPeriodEnd()).isEqualTo(LocalDate.of(2025, 2, 28));
        assertThat(Scenario.shift(feb, 0)).isEqualTo(feb).isNotSameAs(feb);
    }

    @Test
    void monthsToEndByLandsTheLastEventAtMostOneMonthBeforeNow() {
        List<SpecificRecord> events = List.of(JsonEventsTest.financing(), JsonEventsTest.batch()); // last 2026-03-31T12:00:00.123Z
        assertThat(Scenario.monthsToEndBy(events, Instant.parse("2026-03-31T12:00:00.123Z"))).isZero();
        assertThat(Scenario.monthsToEndBy(events, Instant.parse("2026-04-30T12:00:00.122Z"))).isZero();
        assertThat(Scenario.monthsToEndBy(events, Instant.parse("2026-04-30T12:00:00.123Z"))).isEqualTo(1);
        assertThat(Scenario.monthsToEndBy(events, Instant.parse("2027-01-15T00:00:00Z"))).isEqualTo(9);
        assertThat(Scenario.monthsToEndBy(events, Instant.parse("2026-01-15T00:00:00Z"))).isEqualTo(-3);
        assertThat(Scenario.monthsToEndBy(List.of(), Instant.now())).isZero();

        Instant now = Instant.parse("2027-05-03T08:00:00Z");
        Instant last = Scenario.endingBy(events, now).stream().map(Scenario::eventTime).max(Instant::compareTo).orElseThrow();
        assertThat(last).isBeforeOrEqualTo(now).isAfter(now.minusSeconds(31L * 24 * 3600));
    }

    @Test
    void theBundledStoryShiftedToAnyMonthStaysValidAndTellsTheSameStory() throws IOException {
        List<SpecificRecord> original = Scenario.aiDatacenters().records();
        Map<String, OperatorExposure> before = new DomainReplay().acceptAll(original).exposures();
        for (long months : new long[] {-14, 1, 4, 17}) {
            List<SpecificRecord> shifted = Scenario.shiftMonths(original, months);
            StringWriter out = new StringWriter();
            JsonEvents.writeAll(shifted, out);
            ParsedEvents reread = JsonEvents.readString(out.toString());
            assertThat(reread.rejections()).as("shift by %d", months).isEmpty();
            assertThat(reread.records()).containsExactlyElementsOf(shifted);

            Map<String, OperatorExposure> after = new DomainReplay().acceptAll(shifted).exposures();
            assertThat(after.keySet()).isEqualTo(before.keySet());
            after.forEach((op, e) -> {
                OperatorExposure b = before.get(op);
                assertThat(e.getRevenue()).as("%s revenue, shift %d", op, months).isEqualTo(b.getRevenue());
                assertThat(e.getRevenueConcentration()).isEqualTo(b.getRevenueConcentration());
                assertThat(e.getGrossMarginFullCost()).isEqualTo(b.getGrossMarginFullCost());
                assertThat(e.getRunRateGap()).isEqualTo(b.getRunRateGap());
                assertThat(e.getIdleMw()).isEqualTo(b.getIdleMw());
                assertThat(e.getDelinquency()).hasSameSizeAs(b.getDelinquency());
            });
        }
    }

    @Test
    void unknownResourceIsReported() {
        assertThatThrownBy(() -> Scenario.resource("scenarios/nope.jsonl"))
                .isInstanceOf(NoSuchElementException.class).hasMessageContaining("scenarios/nope.jsonl");
    }
}
