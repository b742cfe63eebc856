package com.exposuremonitor.domain;

import static com.exposuremonitor.domain.Fixtures.OP;
import static com.exposuremonitor.domain.Fixtures.T0;
import static com.exposuremonitor.domain.Fixtures.batch;
import static com.exposuremonitor.domain.Fixtures.booked;
import static com.exposuremonitor.domain.Fixtures.financing;
import static com.exposuremonitor.domain.Fixtures.lease;
import static com.exposuremonitor.domain.Fixtures.usd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.exposuremonitor.avro.Amortization;
import com.exposuremonitor.avro.Instrument;
import com.exposuremonitor.avro.LenderPosition;
import com.exposuremonitor.avro.OperatorExposure;
import com.exposuremonitor.avro.RateType;
import com.exposuremonitor.avro.StressResult;
import com.exposuremonitor.avro.StressScenario;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One small operator, asOf 2026-06-30, window Jan..Dec 2025 (coverage 1):
 * revenue A 600 + B 400 = 1000, cash cost 200 + 100 = 300, ebitda 700.
 * depreciation 1200 x 12 / 60 = 240.
 * F1 term loan 1000 @5% FLOATING LINEAR, 730 days to maturity: interest 50, principal 1000 / 2 = 500.
 * F2 bond 200 @4% FLOATING BULLET, 200 days to maturity: interest 8, principal 200 (repriced once).
 * F3 bond 3000 @6% FIXED BULLET 2036: interest 180, principal 0, not repriced.
 * Lease: outstanding 500 (FLOATING, but leases never reprice), payment 100.
 * I = 238, P = 700, L = 100, debt service 1038; charges in netMargin D + I + L = 578.
 */
class StressAndDebtTest {

    private static final LocalDate AS_OF = LocalDate.of(2026, 6, 30);
    private static final YearMonth JAN25 = YearMonth.of(2025, 1);
    private static final YearMonth DEC25 = YearMonth.of(2025, 12);

    private static OperatorExposure smallOperator() {
        return ExposureCalculator.compute(OP, new Processor().acceptAll(List.of(
                booked("A", "a", JAN25, DEC25, "600", "200").build(),
                booked("B", "b", JAN25, DEC25, "400", "100").build(),
                batch("b").setTotalCost(usd("1200")).setUsefulLifeMonths(60).build(),
                financing("F1").setRateType(RateType.FLOATING).setAmortization(Amortization.LINEAR)
                        .setMaturityDate(AS_OF.plusDays(730)).build(),
                financing("F2").setInstrument(Instrument.BOND).setLenderId("bondholders")
                        .setOutstandingPrincipal(usd("200")).setAnnualRateBps(400).setRateType(RateType.FLOATING)
                        .setMaturityDate(AS_OF.plusDays(200)).build(),
                financing("F3").setInstrument(Instrument.BOND).setLenderId("bondholders")
                        .setOutstandingPrincipal(usd("3000")).setAnnualRateBps(600).build(),
                lease("L", "100").setOutstandingPrincipal(usd("500")).setRateType(RateType.FLOATING).build())).agg);
    }

    @Test
    void baseFigures() {
        OperatorExposure e = smallOperator();
        assertThat(e.getAsOfDate()).isEqualTo(AS_OF);
        assertThat(e.getInterest()).isEqualTo(usd("238"));
        assertThat(e.getPrincipalDue()).isEqualTo(usd("700"));
        assertThat(e.getLeasePayments()).isEqualTo(usd("100"));
        assertThat(e.getDebtService()).isEqualTo(usd("1038"));
        assertThat(e.getTotalOutstanding()).isEqualTo(usd("4700"));
        assertThat(e.getDscr()).isCloseTo(700 / 1038.0, within(1e-12));
        assertThat(e.getNetMargin()).isCloseTo((700 - 578) / 1000.0, within(1e-12));
        assertThat(e.getGrossMargin()).isCloseTo((700 - 240) / 1000.0, within(1e-12));
    }

    @Test
    void allFourStressScenarios() {
        List<StressResult> s = smallOperator().getStress();
        assertThat(s).extracting(StressResult::getScenario).containsExactly(StressScenario.values());
        // SPEND_DOWN_25: R' 750, E' 450; dscr 450 / 1038; net (450 - 578) / 750
        assertStress(s.get(0), 450 / 1038.0, -128 / 750.0);
        // TOP_CUSTOMER_PAUSE_2Q: R' = 1000 - 0.5 x 600 = 700, E' 400; net (400 - 578) / 700
        assertStress(s.get(1), 400 / 1038.0, -178 / 700.0);
        // RATES_UP_200: +2% x (F1 1000 + F2 200) = +24 -> I' 262, DS' 1062; net (700 - 602) / 1000
        assertStress(s.get(2), 700 / 1062.0, 98 / 1000.0);
        // UTILIZATION_DOWN_20: R' 800, E' 500; net (500 - 578) / 800
        assertStress(s.get(3), 500 / 1038.0, -78 / 800.0);
    }

    private static void assertStress(StressResult r, double dscr, double netMargin) {
        assertThat(r.getDscr()).as(r.getScenario() + " dscr").isCloseTo(dscr, within(1e-12));
        assertThat(r.getNetMargin()).as(r.getScenario() + " netMargin").isCloseTo(netMargin, within(1e-12));
    }

    @Test
    void lendersLargestFirst() {
        assertThat(smallOperator().getLenders()).containsExactly(
                new LenderPosition("bondholders", Instrument.BOND, usd("3200"), 2),
                new LenderPosition("bank-a", Instrument.TERM_LOAN, usd("1000"), 1),
                new LenderPosition("lessor-a", Instrument.OPERATING_LEASE, usd("500"), 1));
    }

    @Test
    void principalDueAtTheEdges() {
        // LINEAR 3650 days out: 1000 / 10 = 100. LINEAR 100 days out: max(1, 0.27) -> 1000.
        // LINEAR past maturity: 1000. BULLET exactly 365 days out: 1000; 366 days out: 0.
        OperatorExposure e = ExposureCalculator.compute(OP, new Processor().acceptAll(List.of(
                financing("ten").setAmortization(Amortization.LINEAR).setMaturityDate(AS_OF.plusDays(3650)).build(),
                financing("soon").setAmortization(Amortization.LINEAR).setMaturityDate(AS_OF.plusDays(100)).build(),
                financing("past").setAmortization(Amortization.LINEAR).setMaturityDate(AS_OF.minusDays(5)).build(),
                financing("b365").setMaturityDate(AS_OF.plusDays(365)).build(),
                financing("b366").setMaturityDate(AS_OF.plusDays(366)).build())).agg);
        assertThat(e.getPrincipalDue()).isEqualTo(usd("3100"));
        // ratesUp200 on the 365-day bullet only (all FIXED): no revenue, so dscr and margin are null
        assertThat(e.getStress().get(2).getDscr()).isNull();
        assertThat(e.getStress().get(2).getNetMargin()).isNull();
    }

    @Test
    void aClockTickChangesPrincipalDueOfAMaturingBullet() {
        Processor p = new Processor().acceptAll(List.of(financing("b").setMaturityDate(AS_OF.plusDays(366)).build()));
        assertThat(ExposureCalculator.compute(OP, p.agg).getPrincipalDue()).isEqualTo(usd("0"));
        p.agg.advanceClock(T0.plusSeconds(86_400));
        assertThat(ExposureCalculator.compute(OP, p.agg).getPrincipalDue()).isEqualTo(usd("1000"));
    }
}
