package com.exposuremonitor.domain;

import static com.exposuremonitor.domain.Fixtures.OP;
import static com.exposuremonitor.domain.Fixtures.T0;
import static com.exposuremonitor.domain.Fixtures.batch;
import static com.exposuremonitor.domain.Fixtures.booked;
import static com.exposuremonitor.domain.Fixtures.financing;
import static com.exposuremonitor.domain.Fixtures.invoice;
import static com.exposuremonitor.domain.Fixtures.lease;
import static com.exposuremonitor.domain.Fixtures.usd;
import static org.assertj.core.api.Assertions.assertThat;

import com.exposuremonitor.avro.Amortization;
import com.exposuremonitor.avro.BatchStatus;
import com.exposuremonitor.avro.FacilityStatus;
import com.exposuremonitor.avro.Instrument;
import com.exposuremonitor.avro.InvoiceStatus;
import com.exposuremonitor.avro.OperatorExposure;
import com.exposuremonitor.avro.RateType;
import com.exposuremonitor.avro.RevenueBasis;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ShuffleTest {

    /**
     * A mixed history with restatements, status changes, equal-eventTime ties, duplicates and
     * superseded snapshots of every input kind.
     */
    static List<Object> events() {
        YearMonth jan = YearMonth.of(2026, 1);
        return List.of(
                financing("bond").setInstrument(Instrument.BOND).setOutstandingPrincipal(usd("5000")).build(),
                financing("bond").setInstrument(Instrument.BOND).setOutstandingPrincipal(usd("4000"))
                        .setEventId("bond-2").setEventTime(T0.plusSeconds(5)).build(),
                financing("rev").setInstrument(Instrument.REVOLVER).setRateType(RateType.FLOATING)
                        .setAmortization(Amortization.LINEAR).setMaturityDate(LocalDate.of(2028, 1, 1)).build(),
                financing("old").setStatus(FacilityStatus.REPAID).build(),
                lease("dc", "120").build(),
                lease("dc", "150").setEventId("fin-dc-2").build(), // same eventTime, larger eventId wins
                batch("b1").build(),
                batch("b2").setStatus(BatchStatus.ENERGIZED).build(),
                batch("b2").setStatus(BatchStatus.IN_SERVICE).setEventId("b2-2").setEventTime(T0.plusSeconds(3)).build(),
                batch("b3").setStatus(BatchStatus.RETIRED).build(),
                booked("cp-a", "q1", jan, jan.plusMonths(2), "3000", "1000")
                        .setRemainingPerformanceObligation(usd("9000")).build(),
                booked("cp-a", "q1", jan, jan.plusMonths(2), "3300", "1000").setEventId("q1-restated")
                        .setEventTime(T0.plusSeconds(20)).setRemainingPerformanceObligation(usd("8000")).build(),
                booked("cp-b", "q2", jan.plusMonths(3), jan.plusMonths(5), "1000", "300")
                        .setResearchComputeCost(usd("50")).build(),
                booked("cp-c", "rr", jan.plusMonths(5), "500", "0").setBasis(RevenueBasis.RUN_RATE).build(),
                invoice("i1", "cp-a", "100", LocalDate.of(2026, 4, 1)).build(),
                invoice("i2", "cp-b", "50", LocalDate.of(2026, 6, 1)).build(),
                invoice("i2", "cp-b", "50", LocalDate.of(2026, 6, 1)).setStatus(InvoiceStatus.PAID)
                        .setEventId("i2-paid").setEventTime(T0.plusSeconds(30)).build(),
                invoice("i1", "cp-a", "100", LocalDate.of(2026, 4, 1)).build()); // duplicate
    }

    @Test
    void everyDeliveryOrderGivesTheSameAggregateAndExposure() {
        List<Object> events = new ArrayList<>(events());
        Processor reference = new Processor().acceptAll(events);
        OperatorExposure expected = ExposureCalculator.compute(OP, reference.agg);
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            Collections.shuffle(events, random);
            Processor p = new Processor().acceptAll(events);
            assertThat(p.agg).isEqualTo(reference.agg);
            assertThat(ExposureCalculator.compute(OP, p.agg)).isEqualTo(expected);
        }
    }

    @Test
    void theConvergedStateHoldsTheWinningSnapshots() {
        OperatorExposure e = ExposureCalculator.compute(OP, new Processor().acceptAll(events()).agg);
        // bond 4000 + revolver 1000 + lease 1000 (REPAID facility excluded)
        assertThat(e.getTotalOutstanding()).isEqualTo(usd("6000"));
        assertThat(e.getLeasePayments()).isEqualTo(usd("150"));
        // restated 3300 + 1000
        assertThat(e.getRevenue()).isEqualTo(usd("4300"));
        assertThat(e.getBacklogConcentration().getTotal()).isEqualTo(usd("8000"));
        assertThat(e.getInServiceCost()).isEqualTo(usd("144000000"));
        assertThat(e.getLastEventId()).isEqualTo("i2-paid");
    }
}
