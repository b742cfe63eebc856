package com.exposuremonitor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.exposuremonitor.avro.Instrument;
import com.exposuremonitor.avro.OperatorDailySnapshot;
import com.exposuremonitor.avro.OperatorExposure;
import com.exposuremonitor.avro.SectorDailySummary;
import com.exposuremonitor.testing.ExposureHarness;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Daily analytics on the production monitor topology: one final record per operator and day once the
 * day's window closes (grace 1 h); a late exposure inside the grace still counts, one after it is dropped.
 */
class AnalyticsTopologyTest {
    private static final LocalDate DAY = LocalDate.of(2026, 6, 30);
    private final ExposureHarness harness = ExposureHarness.monitor(Duration.ofDays(1), at("00:00"));
    private final TestInputTopic<String, OperatorExposure> exposures = harness.input(harness.topics.operatorExposure);
    private final TestOutputTopic<String, OperatorDailySnapshot> daily = harness.output(harness.topics.operatorDaily);
    private final TestOutputTopic<String, SectorDailySummary> sector = harness.output(harness.topics.sectorDaily);

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void eachDayIsPublishedOnceAfterItsWindowClosesWithLateDataInsideTheGraceOnly() {
        send(exposure("op-A", at("10:00"), "1000"));
        send(exposure("op-B", at("12:00"), "500"));
        send(exposure("op-C", next("00:30"), "200"));         // stream time passes midnight, grace open until 01:00
        assertThat(daily.isEmpty()).as("nothing before the window closes").isTrue();

        send(exposure("op-A", at("23:00"), "1100"));          // late, inside the grace: replaces A's 10:00 figures
        send(exposure("op-C", next("02:00"), "210"));          // stream time 02:00: the day's window is closed
        send(exposure("op-B", at("22:00"), "999"));           // late, after the grace: dropped from the day

        Map<String, OperatorDailySnapshot> days = daily.readKeyValuesToMap();
        assertThat(days).containsOnlyKeys("op-A|2026-06-30", "op-B|2026-06-30");
        assertThat(days.get("op-A|2026-06-30").getAsOf()).isEqualTo(at("23:00"));
        assertThat(days.get("op-A|2026-06-30").getTotalOutstanding()).isEqualByComparingTo("1100");
        assertThat(days.get("op-B|2026-06-30").getAsOf()).as("the late 22:00 exposure is not in").isEqualTo(at("12:00"));
        assertThat(days.get("op-B|2026-06-30").getTotalOutstanding()).isEqualByComparingTo("500");

        List<KeyValue<String, SectorDailySummary>> summaries = sector.readKeyValuesToList();
        assertThat(summaries).singleElement().satisfies(kv -> {
            assertThat(kv.key).isEqualTo("2026-06-30");
            assertThat(kv.value.getOperators()).isEqualTo(2);
            assertThat(kv.value.getTotalDebt()).isEqualByComparingTo("1600"); // A 1100 + B 500
            // every operator here has a single customer: CONCENTRATION CRITICAL
            assertThat(kv.value.getOperatorsCritical()).isEqualTo(2);
            assertThat(kv.value.getOperatorsNoAlert()).isZero();
        });
    }

    private void send(OperatorExposure e) {
        exposures.pipeInput(e.getOperatorId(), e, e.getAsOf());
    }

    private static OperatorExposure exposure(String id, Instant asOf, String outstanding) {
        return OperatorExposure.newBuilder(ViewsTopologyTest.operator(id, asOf, ViewsTopologyTest.shares(Map.of("X", "100")),
                List.of(ViewsTopologyTest.lender("L1", Instrument.BOND, outstanding)), null, 2.0))
                .setTotalOutstanding(new java.math.BigDecimal(outstanding).setScale(2))
                .setAsOfDate(LocalDate.ofInstant(asOf, java.time.ZoneOffset.UTC)).build();
    }

    private static Instant at(String time) {
        return Instant.parse(DAY + "T" + time + ":00Z");
    }

    private static Instant next(String time) {
        return Instant.parse(DAY.plusDays(1) + "T" + time + ":00Z");
    }
}
