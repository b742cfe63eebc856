package com.exposuremonitor.topology;

import static com.exposuremonitor.topology.ScenarioEvents.AS_OF_DATE;
import static com.exposuremonitor.topology.ScenarioEvents.CAMPUS;
import static com.exposuremonitor.topology.ScenarioEvents.LAB;
import static com.exposuremonitor.topology.ScenarioEvents.NEO;
import static com.exposuremonitor.topology.ScenarioEvents.eventIdOf;
import static com.exposuremonitor.topology.ScenarioEvents.invoice;
import static com.exposuremonitor.topology.ScenarioEvents.minute;
import static com.exposuremonitor.topology.ScenarioEvents.operatorOf;
import static com.exposuremonitor.topology.ScenarioEvents.report;
import static com.exposuremonitor.topology.ScenarioEvents.usd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.exposuremonitor.avro.Concentration;
import com.exposuremonitor.avro.CounterpartyDelinquency;
import com.exposuremonitor.avro.CounterpartyShare;
import com.exposuremonitor.avro.Instrument;
import com.exposuremonitor.avro.InvoiceStatus;
import com.exposuremonitor.avro.LenderPosition;
import com.exposuremonitor.avro.OperatorExposure;
import com.exposuremonitor.avro.RevenueBasis;
import com.exposuremonitor.avro.RevenueReport;
import com.exposuremonitor.avro.StressResult;
import com.exposuremonitor.avro.StressScenario;
import com.exposuremonitor.testing.ExposureHarness;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * The production exposure topology (in a TopologyTestDriver, see {@link ExposureHarness}) fed with
 * whole scenarios; every figure asserted here is computed by hand in the comments.
 *
 * <p>The scenario ({@link ScenarioEvents#scenario()}) has three operators; every event happens on
 * 2026-07-01 (minute 1..32), so asOfDate = 2026-07-01 for all three and the 12-month window of all
 * three ends with June 2026: 2025-07-01..2026-06-30.
 */
class ExposureTopologyScenarioTest {

    private static final double EPS = 1e-9;
    private static final List<String> OPERATORS = List.of(CAMPUS, NEO, LAB);

    // ------------------------------------------------------------------------------------------
    // 1. Multi-operator scenario, every figure hand-computed
    // ------------------------------------------------------------------------------------------

    @Test
    void multiOperatorScenarioEmitsOneRecordPerEventAndHandComputedFinalFigures() throws Exception {
        List<SpecificRecord> events = ScenarioEvents.scenario();
        try (ExposureHarness harness = new ExposureHarness()) {
            events.forEach(harness::send);
            List<TestRecord<String, OperatorExposure>> feed = harness.feed.readRecordsToList();

            assertThat(harness.deadLetters.isEmpty()).isTrue();
            // Every event is a new natural key or a newer snapshot, and each moves lastEventId at least:
            // one record per event, in order, keyed by the operator, stamped with the event that caused it.
            assertThat(feed).hasSize(events.size());
            for (int i = 0; i < events.size(); i++) {
                TestRecord<String, OperatorExposure> r = feed.get(i);
                assertThat(r.key()).isEqualTo(operatorOf(events.get(i)));
                assertThat(r.value().getOperatorId()).isEqualTo(operatorOf(events.get(i)));
                assertThat(r.value().getLastEventId()).isEqualTo(eventIdOf(events.get(i)));
                assertThat(r.value().getAsOf()).isEqualTo(minute(i + 1));
                assertThat(r.timestamp()).isEqualTo(minute(i + 1).toEpochMilli());
            }
            Map<String, List<OperatorExposure>> byOperator = byOperator(feed);
            assertThat(byOperator.get(CAMPUS)).hasSize(8);
            assertThat(byOperator.get(NEO)).hasSize(15);
            assertThat(byOperator.get(LAB)).hasSize(9);

            // Campus record 7 (invoice c-inv-1 OPEN, due 2026-06-15): 16 days past due on 2026-07-01
            // (June 15 -> July 1 = 16 days); record 8 (the same invoice PAID) clears it.
            OperatorExposure campusOpen = byOperator.get(CAMPUS).get(6);
            assertThat(campusOpen.getDelinquency()).containsExactly(
                    new CounterpartyDelinquency("tenant-a", usd("100000"), 16, 1));
            assertThat(campusOpen.getRevenueAtRisk()).isCloseTo(0.0, within(EPS)); // < 30 days: not at risk
            // Neo after old-1 ACTIVE (event 9) had 300,000 outstanding; after old-1 REPAID (event 12) it is gone.
            assertThat(byOperator.get(NEO).get(0).getTotalOutstanding()).isEqualByComparingTo("300000");
            assertThat(byOperator.get(NEO).get(2).getTotalOutstanding()).isEqualByComparingTo("2800000");
            assertThat(byOperator.get(NEO).get(3).getTotalOutstanding()).isEqualByComparingTo("2500000");

            OperatorExposure campus = last(byOperator.get(CAMPUS));
            OperatorExposure neo = last(byOperator.get(NEO));
            OperatorExposure lab = last(byOperator.get(LAB));
            assertCampus(campus);
            assertNeo(neo);
            assertLab(lab);

            // The queryable store holds exactly what the feed said last.
            assertThat(harness.exposureStore().get(CAMPUS)).isEqualTo(campus);
            assertThat(harness.exposureStore().get(NEO)).isEqualTo(neo);
            assertThat(harness.exposureStore().get(LAB)).isEqualTo(lab);
            assertThat(storeContents(harness)).containsOnlyKeys(OPERATORS);
        }
    }

    /**
     * campus-1, last event = event 8 at minute 8.
     * <pre>
     * Financing (asOfDate 2026-07-01):
     *   bond-1  BOND      1,000,000 @ 500 bps FIXED BULLET 2031-12-31 -> interest 50,000; matures > 365 days: principalDue 0
     *   tl-1    TERM_LOAN   600,000 @ 600 bps FIXED LINEAR 2029-06-30 -> interest 36,000;
     *           days 2026-07-01..2029-06-30 = 365 + 366 (29 Feb 2028) + 365 - 1 = 1,095 = 3 years -> principalDue 200,000
     *   lease-1 OPERATING_LEASE 400,000, annual payment 133,000 (leases carry no interest here)
     *   interest 86,000; principalDue 200,000; leasePayments 133,000; debtService 419,000; outstanding 2,000,000
     *   repricing for ratesUp200: nothing FLOATING, the only BULLET matures in 2031 -> 0
     * Batches: c-b1 IN_SERVICE 10 MW 1,200,000 / 72 months -> depreciation 1,200,000 / 6 = 200,000/yr
     *          c-b2 ENERGIZED 5 MW (built, not in service, not depreciated)
     *   builtMw 15, inServiceMw 10, idleMw 5, utilization 10/15 = 2/3, inServiceCost 1,200,000
     *   idleBurnPerDay = (86,000 + 133,000) x 5/15 / 365 = 73,000 / 365 = 200.00
     * Revenue: tenant-a fy26 BOOKED 2025-07..2026-06: 1,200,000 revenue, 480,000 cash cost, backlog 5,000,000
     *   window 2025-07-01..2026-06-30, 12/12 months covered -> coverage 1
     *   ebitda 720,000; ebitdaMargin 720/1200 = 0.6
     *   grossMargin = (720,000 - 200,000) / 1,200,000 = 520/1200 (no research cost: fullCost the same)
     *   netMargin = (720,000 - (200,000 + 86,000 + 133,000)) / 1,200,000 = 301,000 / 1,200,000
     *   dscr = 720,000 / 419,000; paybackYears = 1,200,000 / 720,000 = 5/3
     * Invoice c-inv-1 PAID: nothing past due, revenueAtRisk = 0 / 1,200,000 = 0
     * Stress (charges dep+int+lease = 419,000; debtService 419,000; coverage 1):
     *   spendDown25: revenue 900,000, ebitda 420,000 -> dscr 420/419, net (420,000-419,000)/900,000
     *   topPause2Q:  revenue 1,200,000 - 600,000 = 600,000, ebitda 120,000 -> dscr 120/419, net -299,000/600,000
     *   ratesUp200:  nothing reprices -> as the base: dscr 720/419, net 301,000/1,200,000
     *   utilDown20:  revenue 960,000, ebitda 480,000 -> dscr 480/419, net 61,000/960,000
     * </pre>
     */
    private static void assertCampus(OperatorExposure e) {
        assertClock(e, CAMPUS, 8, CAMPUS + ":inv:c-inv-1:paid");
        assertWindow(e, 1.0);
        assertThat(e.getRevenue()).isEqualByComparingTo("1200000");
        assertThat(e.getCashCost()).isEqualByComparingTo("480000");
        assertThat(e.getResearchCost()).isEqualByComparingTo("0");
        assertThat(e.getEbitda()).isEqualByComparingTo("720000");
        assertThat(e.getDepreciation()).isEqualByComparingTo("200000");
        assertThat(e.getInterest()).isEqualByComparingTo("86000");
        assertThat(e.getPrincipalDue()).isEqualByComparingTo("200000");
        assertThat(e.getLeasePayments()).isEqualByComparingTo("133000");
        assertThat(e.getDebtService()).isEqualByComparingTo("419000");
        assertThat(e.getTotalOutstanding()).isEqualByComparingTo("2000000");
        assertThat(e.getEbitdaMargin()).isCloseTo(0.6, within(EPS));
        assertThat(e.getGrossMargin()).isCloseTo(520_000.0 / 1_200_000, within(EPS));
        assertThat(e.getGrossMarginFullCost()).isCloseTo(520_000.0 / 1_200_000, within(EPS));
        assertThat(e.getNetMargin()).isCloseTo(301_000.0 / 1_200_000, within(EPS));
        assertThat(e.getDscr()).isCloseTo(720_000.0 / 419_000, within(EPS));
        assertThat(e.getPaybackYears()).isCloseTo(5.0 / 3, within(EPS));
        assertThat(e.getInServiceCost()).isEqualByComparingTo("1200000");
        assertThat(e.getBuiltMw()).isEqualByComparingTo("15");
        assertThat(e.getInServiceMw()).isEqualByComparingTo("10");
        assertThat(e.getIdleMw()).isEqualByComparingTo("5");
        assertThat(e.getUtilization()).isCloseTo(2.0 / 3, within(EPS));
        assertThat(e.getIdleBurnPerDay()).isEqualByComparingTo("200.00");
        // Revenue: one tenant -> share 1, top3 1, HHI 100^2 = 10,000.
        assertConcentration(e.getRevenueConcentration(), "1200000", 1.0, 1.0, 10_000.0,
                share("tenant-a", "1200000", 1.0));
        assertConcentration(e.getBacklogConcentration(), "5000000", 1.0, 1.0, 10_000.0,
                share("tenant-a", "5000000", 1.0));
        assertThat(e.getClaimedRunRate()).isNull();
        assertThat(e.getRunRateGap()).isNull();
        assertThat(e.getDelinquency()).isEmpty();
        assertThat(e.getRevenueAtRisk()).isCloseTo(0.0, within(EPS));
        assertStress(e,
                420_000.0 / 419_000, 1_000.0 / 900_000,
                120_000.0 / 419_000, -299_000.0 / 600_000,
                720_000.0 / 419_000, 301_000.0 / 1_200_000,
                480_000.0 / 419_000, 61_000.0 / 960_000);
        // Largest outstanding first.
        assertThat(e.getLenders()).containsExactly(
                new LenderPosition("bondholders", Instrument.BOND, usd("1000000"), 1),
                new LenderPosition("bank-a", Instrument.TERM_LOAN, usd("600000"), 1),
                new LenderPosition("lessor-a", Instrument.OPERATING_LEASE, usd("400000"), 1));
    }

    /**
     * neo-1, last event = event 23 at minute 23.
     * <pre>
     * Financing (asOfDate 2026-07-01):
     *   old-1 TERM_LOAN 300,000: ACTIVE then REPAID -> counts nowhere (not in lenders either)
     *   frl-1 TERM_LOAN 2,000,000 @ 630 bps FLOATING LINEAR 2028-06-30 -> interest 126,000;
     *         days = 365 + 366 - 1 = 730 = 2 years -> principalDue 1,000,000; FLOATING: reprices
     *   vf-1  VENDOR_FINANCING 500,000 @ 400 bps FIXED BULLET 2027-03-31 -> interest 20,000;
     *         days = 31+31+30+31+30+31+31+28+30 = 273 <= 365 -> principalDue 500,000; maturing BULLET: reprices
     *   interest 146,000; principalDue 1,500,000; leasePayments 0; debtService 1,646,000; outstanding 2,500,000
     *   repricing 2,500,000 -> ratesUp200 interest = 146,000 + 2% x 2,500,000 = 196,000
     * Batches: n-g1 DELIVERED 4 MW (built); n-g2 IN_SERVICE 12 MW 2,400,000 / 48 months -> 600,000/yr;
     *          n-g3 RETIRED 6 MW and n-g4 ORDERED 8 MW count nowhere
     *   builtMw 16, inServiceMw 12, idleMw 4, utilization 0.75, inServiceCost 2,400,000
     *   idleBurnPerDay = 146,000 x 4/16 / 365 = 36,500 / 365 = 100.00
     * Revenue (BOOKED): lab-x q1-26 Jan..Mar 900,000 / 300,000 (backlog 3,000,000)
     *                   lab-x q2-26 Apr..Jun 900,000 / 300,000 (backlog 2,000,000, latest periodEnd -> used)
     *                   hyper-y h1-26 Jan..Jun 600,000 / 240,000 (backlog 1,000,000)
     *   window 2025-07..2026-06, months covered Jan..Jun 2026 = 6 -> coverage 0.5
     *   revenue 2,400,000 (lab-x 1,800,000 = 0.75, hyper-y 600,000 = 0.25); cashCost 840,000; ebitda 1,560,000
     *   ebitdaMargin 1,560/2,400 = 0.65
     *   grossMargin = (1,560,000 - 600,000 x 0.5) / 2,400,000 = 1,260,000 / 2,400,000 = 0.525 (= fullCost)
     *   netMargin = (1,560,000 - (600,000 + 146,000) x 0.5) / 2,400,000 = 1,187,000 / 2,400,000
     *   dscr = 1,560,000 / (1,646,000 x 0.5) = 1,560,000 / 823,000
     *   paybackYears = 2,400,000 / (1,560,000 / 0.5) = 2,400,000 / 3,120,000
     *   revenue HHI = 75^2 + 25^2 = 6,250; backlog 2,000,000 + 1,000,000: shares 2/3, 1/3, HHI = 50,000/9
     * Invoices (asOf 2026-07-01): n-inv-1 lab-x 300,000 due 05-01 -> 31 + 30 = 61 days;
     *   n-inv-2 lab-x 100,000 due 06-21 -> 10 days; n-inv-3 hyper-y 50,000 due 06-26 -> 5 days;
     *   n-inv-4 hyper-y 80,000 due 07-15 -> not yet due
     *   delinquency: lab-x 400,000 / 61 days / 2 invoices; hyper-y 50,000 / 5 days / 1 invoice
     *   revenueAtRisk = lab-x (61 >= 30) 1,800,000 / 2,400,000 = 0.75
     * Stress (covered charges dep+int+lease = 746,000 x 0.5 = 373,000; covered debtService 823,000):
     *   spendDown25: revenue 1,800,000, ebitda 960,000 -> dscr 960/823, net (960,000-373,000)/1,800,000
     *   topPause2Q:  revenue 2,400,000 - 900,000 = 1,500,000, ebitda 660,000 -> dscr 660/823,
     *                net (660,000-373,000)/1,500,000
     *   ratesUp200:  covered debtService (196,000 + 1,500,000) x 0.5 = 848,000 -> dscr 1,560/848;
     *                covered charges (600,000 + 196,000) x 0.5 = 398,000 -> net (1,560,000-398,000)/2,400,000
     *   utilDown20:  revenue 1,920,000, ebitda 1,080,000 -> dscr 1,080/823, net (1,080,000-373,000)/1,920,000
     * </pre>
     */
    private static void assertNeo(OperatorExposure e) {
        assertClock(e, NEO, 23, NEO + ":inv:n-inv-4:1");
        assertWindow(e, 0.5);
        assertThat(e.getRevenue()).isEqualByComparingTo("2400000");
        assertThat(e.getCashCost()).isEqualByComparingTo("840000");
        assertThat(e.getResearchCost()).isEqualByComparingTo("0");
        assertThat(e.getEbitda()).isEqualByComparingTo("1560000");
        assertThat(e.getDepreciation()).isEqualByComparingTo("600000");
        assertThat(e.getInterest()).isEqualByComparingTo("146000");
        assertThat(e.getPrincipalDue()).isEqualByComparingTo("1500000");
        assertThat(e.getLeasePayments()).isEqualByComparingTo("0");
        assertThat(e.getDebtService()).isEqualByComparingTo("1646000");
        assertThat(e.getTotalOutstanding()).isEqualByComparingTo("2500000");
        assertThat(e.getEbitdaMargin()).isCloseTo(0.65, within(EPS));
        assertThat(e.getGrossMargin()).isCloseTo(0.525, within(EPS));
        assertThat(e.getGrossMarginFullCost()).isCloseTo(0.525, within(EPS));
        assertThat(e.getNetMargin()).isCloseTo(1_187_000.0 / 2_400_000, within(EPS));
        assertThat(e.getDscr()).isCloseTo(1_560_000.0 / 823_000, within(EPS));
        assertThat(e.getPaybackYears()).isCloseTo(2_400_000.0 / 3_120_000, within(EPS));
        assertThat(e.getInServiceCost()).isEqualByComparingTo("2400000");
        assertThat(e.getBuiltMw()).isEqualByComparingTo("16");
        assertThat(e.getInServiceMw()).isEqualByComparingTo("12");
        assertThat(e.getIdleMw()).isEqualByComparingTo("4");
        assertThat(e.getUtilization()).isCloseTo(0.75, within(EPS));
        assertThat(e.getIdleBurnPerDay()).isEqualByComparingTo("100.00");
        assertConcentration(e.getRevenueConcentration(), "2400000", 0.75, 1.0, 6_250.0,
                share("lab-x", "1800000", 0.75), share("hyper-y", "600000", 0.25));
        assertConcentration(e.getBacklogConcentration(), "3000000", 2.0 / 3, 1.0, 50_000.0 / 9,
                share("lab-x", "2000000", 2.0 / 3), share("hyper-y", "1000000", 1.0 / 3));
        assertThat(e.getClaimedRunRate()).isNull();
        assertThat(e.getRunRateGap()).isNull();
        // Most days past due first.
        assertThat(e.getDelinquency()).containsExactly(
                new CounterpartyDelinquency("lab-x", usd("400000"), 61, 2),
                new CounterpartyDelinquency("hyper-y", usd("50000"), 5, 1));
        assertThat(e.getRevenueAtRisk()).isCloseTo(0.75, within(EPS));
        assertStress(e,
                960_000.0 / 823_000, 587_000.0 / 1_800_000,
                660_000.0 / 823_000, 287_000.0 / 1_500_000,
                1_560_000.0 / 848_000, 1_162_000.0 / 2_400_000,
                1_080_000.0 / 823_000, 707_000.0 / 1_920_000);
        assertThat(e.getLenders()).containsExactly(
                new LenderPosition("bank-b", Instrument.TERM_LOAN, usd("2000000"), 1),
                new LenderPosition("nvendor", Instrument.VENDOR_FINANCING, usd("500000"), 1));
    }

    /**
     * lab-1, last event = event 32 at minute 32.
     * <pre>
     * Financing: rcf-1 REVOLVER 1,000,000 @ 800 bps FLOATING BULLET 2029-12-31 -> interest 80,000,
     *              principalDue 0 (matures > 365 days), reprices (FLOATING) 1,000,000
     *            fl-1 FINANCE_LEASE 500,000, annual payment 150,000
     *   interest 80,000; principalDue 0; leasePayments 150,000; debtService 230,000; outstanding 1,500,000
     * Batch: l-b1 IN_SERVICE 20 MW 3,000,000 / 60 months -> depreciation 600,000/yr;
     *   builtMw = inServiceMw = 20, idle 0, utilization 1, idleBurnPerDay = 230,000 x 0 / 365 = 0.00
     * Revenue (BOOKED, both 2025-07..2026-06, coverage 12/12 = 1):
     *   consumers  3,000,000 revenue, 1,800,000 cash, 2,400,000 research, no backlog (counts as 0)
     *   enterprise 1,500,000 revenue,   990,000 cash, 1,700,000 research, backlog 600,000
     *   revenue 4,500,000; cashCost 2,790,000; researchCost 4,100,000; ebitda 1,710,000 (margin 0.38)
     *   grossMargin = (1,710,000 - 600,000) / 4,500,000 = 1,110,000 / 4,500,000
     *   grossMarginFullCost = (1,710,000 - 4,100,000 - 600,000) / 4,500,000 = -2,990,000 / 4,500,000
     *   netMargin = (1,710,000 - (600,000 + 80,000 + 150,000)) / 4,500,000 = 880,000 / 4,500,000
     *   dscr = 1,710,000 / 230,000; paybackYears = 3,000,000 / 1,710,000
     *   revenue shares 2/3, 1/3: HHI = 50,000/9; backlog only enterprise 600,000: share 1, HHI 10,000
     * Run rate: RUN_RATE consumers rr-may (May, 450,000) and rr-jun (June, 500,000): latest periodEnd is
     *   rr-jun -> claimedRunRate = 500,000 x 12 / 1 = 6,000,000; runRateGap = 6,000,000 / (4,500,000 / 1) = 4/3
     *   (run-rate reports add nothing to revenue, cost or coverage)
     * Invoices: l-inv-1 enterprise 200,000 due 2026-06-01 -> 30 days past due (30+: at risk);
     *   l-inv-2 consumers WRITTEN_OFF -> closed, ignored
     *   revenueAtRisk = 1,500,000 / 4,500,000 = 1/3
     * Stress (charges 830,000; debtService 230,000; coverage 1):
     *   spendDown25: revenue 3,375,000, ebitda 585,000 -> dscr 585/230, net (585,000-830,000)/3,375,000
     *   topPause2Q:  revenue 4,500,000 - 1,500,000 = 3,000,000, ebitda 210,000 -> dscr 210/230,
     *                net (210,000-830,000)/3,000,000
     *   ratesUp200:  interest 80,000 + 20,000 = 100,000 -> debtService 250,000: dscr 1,710/250 = 6.84;
     *                charges 850,000: net 860,000/4,500,000
     *   utilDown20:  revenue 3,600,000, ebitda 810,000 -> dscr 810/230, net (810,000-830,000)/3,600,000
     * </pre>
     */
    private static void assertLab(OperatorExposure e) {
        assertClock(e, LAB, 32, LAB + ":inv:l-inv-2:1");
        assertWindow(e, 1.0);
        assertThat(e.getRevenue()).isEqualByComparingTo("4500000");
        assertThat(e.getCashCost()).isEqualByComparingTo("2790000");
        assertThat(e.getResearchCost()).isEqualByComparingTo("4100000");
        assertThat(e.getEbitda()).isEqualByComparingTo("1710000");
        assertThat(e.getDepreciation()).isEqualByComparingTo("600000");
        assertThat(e.getInterest()).isEqualByComparingTo("80000");
        assertThat(e.getPrincipalDue()).isEqualByComparingTo("0");
        assertThat(e.getLeasePayments()).isEqualByComparingTo("150000");
        assertThat(e.getDebtService()).isEqualByComparingTo("230000");
        assertThat(e.getTotalOutstanding()).isEqualByComparingTo("1500000");
        assertThat(e.getEbitdaMargin()).isCloseTo(0.38, within(EPS));
        assertThat(e.getGrossMargin()).isCloseTo(1_110_000.0 / 4_500_000, within(EPS));
        assertThat(e.getGrossMarginFullCost()).isCloseTo(-2_990_000.0 / 4_500_000, within(EPS));
        assertThat(e.getNetMargin()).isCloseTo(880_000.0 / 4_500_000, within(EPS));
        assertThat(e.getDscr()).isCloseTo(1_710_000.0 / 230_000, within(EPS));
        assertThat(e.getPaybackYears()).isCloseTo(3_000_000.0 / 1_710_000, within(EPS));
        assertThat(e.getInServiceCost()).isEqualByComparingTo("3000000");
        assertThat(e.getBuiltMw()).isEqualByComparingTo("20");
        assertThat(e.getInServiceMw()).isEqualByComparingTo("20");
        assertThat(e.getIdleMw()).isEqualByComparingTo("0");
        assertThat(e.getUtilization()).isCloseTo(1.0, within(EPS));
        assertThat(e.getIdleBurnPerDay()).isEqualByComparingTo("0.00");
        assertConcentration(e.getRevenueConcentration(), "4500000", 2.0 / 3, 1.0, 50_000.0 / 9,
                share("consumers", "3000000", 2.0 / 3), share("enterprise", "1500000", 1.0 / 3));
        assertConcentration(e.getBacklogConcentration(), "600000", 1.0, 1.0, 10_000.0,
                share("enterprise", "600000", 1.0));
        assertThat(e.getClaimedRunRate()).isEqualByComparingTo("6000000");
        assertThat(e.getRunRateGap()).isCloseTo(4.0 / 3, within(EPS));
        assertThat(e.getDelinquency()).containsExactly(
                new CounterpartyDelinquency("enterprise", usd("200000"), 30, 1));
        assertThat(e.getRevenueAtRisk()).isCloseTo(1.0 / 3, within(EPS));
        assertStress(e,
                585_000.0 / 230_000, -245_000.0 / 3_375_000,
                210_000.0 / 230_000, -620_000.0 / 3_000_000,
                6.84, 860_000.0 / 4_500_000,
                810_000.0 / 230_000, -20_000.0 / 3_600_000);
        assertThat(e.getLenders()).containsExactly(
                new LenderPosition("bank-c", Instrument.REVOLVER, usd("1000000"), 1),
                new LenderPosition("lessor-b", Instrument.FINANCE_LEASE, usd("500000"), 1));
    }

    // ------------------------------------------------------------------------------------------
    // 2. Replay
    // ------------------------------------------------------------------------------------------

    @Test
    void replayingEveryInputAgainEmitsNothingAndChangesNothing() throws Exception {
        List<SpecificRecord> events = ScenarioEvents.scenario();
        try (ExposureHarness harness = new ExposureHarness()) {
            events.forEach(harness::send);
            assertThat(harness.feed.readRecordsToList()).hasSize(events.size());
            Map<String, OperatorExposure> before = storeContents(harness);
            assertThat(before).containsOnlyKeys(OPERATORS);

            // Same events again (exact duplicates, and the superseded OPEN/ACTIVE snapshots are now stale).
            events.forEach(harness::send);
            // And once more in reverse, the worst order for "older snapshot" handling.
            reversed(events).forEach(harness::send);

            assertThat(harness.feed.isEmpty()).isTrue();
            assertThat(harness.deadLetters.isEmpty()).isTrue();
            assertThat(storeContents(harness)).isEqualTo(before);
            assertCampus(before.get(CAMPUS));
            assertNeo(before.get(NEO));
            assertLab(before.get(LAB));
        }
    }

    // ------------------------------------------------------------------------------------------
    // 3. Shuffled delivery order
    // ------------------------------------------------------------------------------------------

    @Test
    void everyDeliveryOrderEndsWithTheSameExposures() throws Exception {
        List<SpecificRecord> ordered = ScenarioEvents.scenario();
        Map<String, OperatorExposure> reference;
        try (ExposureHarness harness = new ExposureHarness()) {
            ordered.forEach(harness::send);
            reference = storeContents(harness);
        }
        assertCampus(reference.get(CAMPUS));
        assertNeo(reference.get(NEO));
        assertLab(reference.get(LAB));

        for (long seed : new long[] {1, 7, 42, 2026, 987_654_321}) {
            List<SpecificRecord> shuffled = new ArrayList<>(ordered);
            Collections.shuffle(shuffled, new Random(seed));
            assertThat(shuffled).as("seed %d actually reorders", seed).isNotEqualTo(ordered);
            try (ExposureHarness harness = new ExposureHarness()) {
                shuffled.forEach(harness::send);
                List<TestRecord<String, OperatorExposure>> feed = harness.feed.readRecordsToList();
                Map<String, OperatorExposure> lastOnFeed = new TreeMap<>();
                feed.forEach(r -> lastOnFeed.put(r.key(), r.value()));

                assertThat(harness.deadLetters.isEmpty()).as("seed %d: no dead letters", seed).isTrue();
                // At most one record per event (a stale snapshot arriving late emits nothing).
                assertThat(feed.size()).as("seed %d: feed size", seed).isLessThanOrEqualTo(ordered.size());
                // Equal in every field, asOf (= the max event time) and lastEventId included.
                assertThat(storeContents(harness)).as("seed %d: store", seed).isEqualTo(reference);
                assertThat(lastOnFeed).as("seed %d: last record on the feed", seed).isEqualTo(reference);
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // 4. Restatement
    // ------------------------------------------------------------------------------------------

    /**
     * <pre>
     * op "restate-1", counterparties cp-a and cp-b, no financing or batches:
     *   t1  cp-a q1   BOOKED Jan..Mar 2026: revenue 300,000, cash 120,000, backlog 1,000,000
     *   t2  cp-b h1   BOOKED Jan..Jun 2026: revenue 600,000, cash 300,000, backlog   500,000
     *       -> window 2025-07..2026-06, covered Jan..Jun = 6 -> coverage 0.5; revenue 900,000; cash 420,000
     *   t4  cp-a q1 RESTATED (same reportId, newer): Jan..Apr 2026, revenue 200,000, cash 100,000, backlog 400,000
     *       -> the old 300,000 / 120,000 disappear entirely:
     *          revenue 200,000 + 600,000 = 800,000; cash 100,000 + 300,000 = 400,000; ebitda 400,000
     *          coverage still Jan..Jun = 6/12 = 0.5; ebitdaMargin 0.5
     *          revenue shares cp-b 600/800 = 0.75, cp-a 0.25 (HHI 6,250)
     *          backlog cp-b 500,000, cp-a 400,000: total 900,000, shares 5/9, 4/9, HHI = 10,000 x 41/81
     *   t3  cp-a q1 restated again but OLDER than t4 (between t2 and t4): revenue 999,000 -> changes nothing
     * </pre>
     */
    @Test
    void aRestatementReplacesTheOldFiguresExactlyAndAnOlderOneChangesNothing() throws Exception {
        String op = "restate-1";
        YearMonth jan = YearMonth.of(2026, 1);
        RevenueReport original = report(op, "cp-a", "q1", RevenueBasis.BOOKED, jan, jan.plusMonths(2),
                "300000", "120000").setRemainingPerformanceObligation(usd("1000000"))
                .setEventTime(minute(1)).build();
        RevenueReport other = report(op, "cp-b", "h1", RevenueBasis.BOOKED, jan, jan.plusMonths(5),
                "600000", "300000").setRemainingPerformanceObligation(usd("500000"))
                .setEventTime(minute(2)).build();
        RevenueReport restated = report(op, "cp-a", "q1", RevenueBasis.BOOKED, jan, jan.plusMonths(3),
                "200000", "100000").setRemainingPerformanceObligation(usd("400000"))
                .setEventId(op + ":rev:cp-a:q1:restated").setEventTime(minute(4)).build();
        RevenueReport olderRestatement = report(op, "cp-a", "q1", RevenueBasis.BOOKED, jan, jan.plusMonths(2),
                "999000", "1000").setRemainingPerformanceObligation(usd("7000000"))
                .setEventId(op + ":rev:cp-a:q1:late").setEventTime(minute(3)).build();

        try (ExposureHarness harness = new ExposureHarness();
             ExposureHarness onlyRestated = new ExposureHarness()) {
            harness.send(original);
            harness.send(other);
            OperatorExposure beforeRestatement = last(harness.feed.readValuesToList());
            assertThat(beforeRestatement.getRevenue()).isEqualByComparingTo("900000");
            assertThat(beforeRestatement.getCashCost()).isEqualByComparingTo("420000");

            harness.send(restated);
            List<OperatorExposure> afterRestatement = harness.feed.readValuesToList();
            assertThat(afterRestatement).hasSize(1);
            OperatorExposure e = afterRestatement.get(0);
            assertThat(e.getLastEventId()).isEqualTo(op + ":rev:cp-a:q1:restated");
            assertThat(e.getAsOf()).isEqualTo(minute(4));
            assertThat(e.getWindowStart()).isEqualTo(LocalDate.of(2025, 7, 1));
            assertThat(e.getWindowEnd()).isEqualTo(LocalDate.of(2026, 6, 30));
            assertThat(e.getCoverage()).isCloseTo(0.5, within(EPS));
            assertThat(e.getRevenue()).isEqualByComparingTo("800000");
            assertThat(e.getCashCost()).isEqualByComparingTo("400000");
            assertThat(e.getEbitda()).isEqualByComparingTo("400000");
            assertThat(e.getEbitdaMargin()).isCloseTo(0.5, within(EPS));
            assertConcentration(e.getRevenueConcentration(), "800000", 0.75, 1.0, 6_250.0,
                    share("cp-b", "600000", 0.75), share("cp-a", "200000", 0.25));
            assertConcentration(e.getBacklogConcentration(), "900000", 5.0 / 9, 1.0, 10_000.0 * 41 / 81,
                    share("cp-b", "500000", 5.0 / 9), share("cp-a", "400000", 4.0 / 9));

            // "Exactly": identical to an operator that only ever saw the restated figures.
            onlyRestated.send(other);
            onlyRestated.send(restated);
            assertThat(e).isEqualTo(onlyRestated.exposureStore().get(op));

            // An older restatement arriving late is stale: nothing on the feed, nothing dead-lettered.
            harness.send(olderRestatement);
            assertThat(harness.feed.isEmpty()).isTrue();
            assertThat(harness.deadLetters.isEmpty()).isTrue();
            assertThat(harness.exposureStore().get(op)).isEqualTo(e);
        }
    }

    // ------------------------------------------------------------------------------------------
    // 5. Delinquency clock
    // ------------------------------------------------------------------------------------------

    /**
     * <pre>
     * op "late-1": BOOKED Jan..Feb 2026 tenant-z 150,000 / 60,000 and tenant-w 50,000 / 20,000
     *   -> window revenue 200,000, tenant-z share 0.75
     * invoice z-inv-1: tenant-z owes 40,000, due D = 2026-03-10, OPEN, sent 2026-03-01
     * Wall clock starts 2026-03-01T10:00Z, ticks every hour. Days past due on date X = X - D:
     *   D+5  (03-15): 5 days,  revenueAtRisk 0 (under 30)
     *   D+31 (04-10): 31 days, revenueAtRisk 150,000 / 200,000 = 0.75
     *   D+61 (05-10): 61 days; D+91 (06-09): 91 days (a default), still 40,000 overdue
     * </pre>
     */
    @Test
    void theDelinquencyClockRaisesDaysPastDueWithoutNewInput() throws Exception {
        String op = "late-1";
        LocalDate due = LocalDate.of(2026, 3, 10);
        Instant wallStart = Instant.parse("2026-03-01T10:00:00Z");
        YearMonth jan = YearMonth.of(2026, 1);
        try (ExposureHarness harness = new ExposureHarness(Duration.ofHours(1), wallStart)) {
            harness.send(report(op, "tenant-z", "h1", RevenueBasis.BOOKED, jan, jan.plusMonths(1), "150000", "60000")
                    .setEventTime(Instant.parse("2026-03-01T08:00:00Z")).build());
            harness.send(report(op, "tenant-w", "h1", RevenueBasis.BOOKED, jan, jan.plusMonths(1), "50000", "20000")
                    .setEventTime(Instant.parse("2026-03-01T08:30:00Z")).build());
            harness.send(invoice(op, "z-inv-1", "tenant-z", "40000", due, InvoiceStatus.OPEN)
                    .setEventTime(Instant.parse("2026-03-01T09:00:00Z")).build());
            List<OperatorExposure> initial = harness.feed.readValuesToList();
            assertThat(initial).hasSize(3);
            assertThat(last(initial).getDelinquency()).isEmpty();
            assertThat(last(initial).getRevenueAtRisk()).isCloseTo(0.0, within(EPS));

            WallClock clock = new WallClock(harness, wallStart);
            // An hour later nothing but the clock moved: nothing is published.
            clock.advance(Duration.ofHours(1));
            assertThat(harness.feed.isEmpty()).isTrue();
            // Not yet due a week later either (03-08 < 03-10): the figures do not move with the date.
            clock.advance(Duration.ofDays(7));
            assertThat(harness.feed.isEmpty()).isTrue();

            // Wall clock is now 2026-03-08T11:00Z; each step lands on D+n at 11:00.
            OperatorExposure d5 = clock.advanceTo(due.plusDays(5));
            assertThat(d5.getDelinquency()).containsExactly(
                    new CounterpartyDelinquency("tenant-z", usd("40000"), 5, 1));
            assertThat(d5.getRevenueAtRisk()).isCloseTo(0.0, within(EPS));

            OperatorExposure d31 = clock.advanceTo(due.plusDays(31));
            assertThat(d31.getDelinquency()).containsExactly(
                    new CounterpartyDelinquency("tenant-z", usd("40000"), 31, 1));
            assertThat(d31.getRevenueAtRisk()).isCloseTo(0.75, within(EPS));

            OperatorExposure d61 = clock.advanceTo(due.plusDays(61));
            assertThat(d61.getDelinquency()).containsExactly(
                    new CounterpartyDelinquency("tenant-z", usd("40000"), 61, 1));
            assertThat(d61.getRevenueAtRisk()).isCloseTo(0.75, within(EPS));

            OperatorExposure d91 = clock.advanceTo(due.plusDays(91));
            assertThat(d91.getDelinquency()).hasSize(1);
            CounterpartyDelinquency late = d91.getDelinquency().get(0);
            assertThat(late.getCounterpartyId()).isEqualTo("tenant-z");
            assertThat(late.getOldestDaysPastDue()).isGreaterThanOrEqualTo(90).isEqualTo(91);
            assertThat(late.getOverdueAmount()).isEqualByComparingTo("40000");
            assertThat(late.getOpenInvoices()).isEqualTo(1);
            assertThat(d91.getRevenueAtRisk()).isNotNull().isCloseTo(0.75, within(EPS));
            // Only the clock moved: every other figure is what the events said.
            assertThat(d91.getRevenue()).isEqualByComparingTo("200000");
            assertThat(d91.getLastEventTime()).isEqualTo(Instant.parse("2026-03-01T09:00:00Z"));
            assertThat(harness.exposureStore().get(op)).isEqualTo(d91);

            // Another hour on the same day: no figure changes, nothing is published, the store keeps d91.
            clock.advance(Duration.ofHours(1));
            assertThat(harness.feed.isEmpty()).isTrue();
            assertThat(harness.deadLetters.isEmpty()).isTrue();
            assertThat(harness.exposureStore().get(op)).isEqualTo(d91);

            // The tenant pays: the invoice closes and the clock stops mattering.
            Instant paidAt = due.plusDays(91).atTime(12, 30).toInstant(ZoneOffset.UTC);
            harness.send(invoice(op, "z-inv-1", "tenant-z", "40000", due, InvoiceStatus.PAID)
                    .setEventId(op + ":inv:z-inv-1:paid").setEventTime(paidAt).build());
            OperatorExposure paid = single(harness.feed.readValuesToList());
            assertThat(paid.getDelinquency()).isEmpty();
            assertThat(paid.getRevenueAtRisk()).isCloseTo(0.0, within(EPS));
            assertThat(paid.getAsOf()).isEqualTo(paidAt);
            assertThat(paid.getLastEventId()).isEqualTo(op + ":inv:z-inv-1:paid");
            clock.advance(Duration.ofDays(30));
            assertThat(harness.feed.isEmpty()).isTrue();
        }
    }

    /**
     * After the clock has published a tick, an event stamped a little before that tick (the normal case
     * for an event that is in flight when the hourly tick fires) changes the figures; the record it
     * causes names it in lastEventId, while asOf stays at the tick (it never moves backwards).
     */
    @Test
    void anEventOlderThanThePublishedTickIsNamedAsTheChangeItCaused() throws Exception {
        String op = "late-2";
        LocalDate due = LocalDate.of(2026, 3, 10);
        Instant wallStart = Instant.parse("2026-03-01T10:00:00Z");
        YearMonth jan = YearMonth.of(2026, 1);
        try (ExposureHarness harness = new ExposureHarness(Duration.ofHours(1), wallStart)) {
            harness.send(report(op, "tenant-z", "h1", RevenueBasis.BOOKED, jan, jan.plusMonths(1), "150000", "60000")
                    .setEventTime(Instant.parse("2026-03-01T08:00:00Z")).build());
            harness.send(invoice(op, "z-inv-1", "tenant-z", "40000", due, InvoiceStatus.OPEN)
                    .setEventTime(Instant.parse("2026-03-01T09:00:00Z")).build());
            assertThat(harness.feed.readValuesToList()).hasSize(2);
            WallClock clock = new WallClock(harness, wallStart);
            OperatorExposure ticked = clock.advanceTo(due.plusDays(10)); // 2026-03-20T11:00Z, 10 days past due
            assertThat(ticked.getDelinquency()).containsExactly(
                    new CounterpartyDelinquency("tenant-z", usd("40000"), 10, 1));

            // A second invoice, stamped 10:30 the same morning, arrives after the 11:00 tick.
            Instant stamped = Instant.parse("2026-03-20T10:30:00Z");
            harness.send(invoice(op, "z-inv-2", "tenant-z", "10000", LocalDate.of(2026, 3, 15), InvoiceStatus.OPEN)
                    .setEventTime(stamped).build());
            OperatorExposure e = single(harness.feed.readValuesToList());
            // The figures moved because of the event: 40,000 + 10,000 overdue, 2 invoices.
            assertThat(e.getDelinquency()).containsExactly(
                    new CounterpartyDelinquency("tenant-z", usd("50000"), 10, 2));
            assertThat(e.getAsOf()).isEqualTo(ticked.getAsOf()); // asOf never moves backwards
            assertThat(e.getLastEventTime()).isEqualTo(stamped);
            assertThat(e.getLastEventId()).isEqualTo(op + ":inv:z-inv-2:1");
        }
    }

    /** The driver's wall clock, tracked here so a test can move it to a given date. */
    private static final class WallClock {
        private final ExposureHarness harness;
        private Instant now;

        WallClock(ExposureHarness harness, Instant start) {
            this.harness = harness;
            this.now = start;
        }

        void advance(Duration by) {
            harness.driver.advanceWallClockTime(by);
            now = now.plus(by);
        }

        /** Moves the wall clock to {@code date} at 11:00 UTC; returns the one record the clock tick emitted. */
        OperatorExposure advanceTo(LocalDate date) {
            Instant target = date.atTime(11, 0).toInstant(ZoneOffset.UTC);
            advance(Duration.between(now, target));
            List<TestRecord<String, OperatorExposure>> emitted = harness.feed.readRecordsToList();
            assertThat(emitted).as("records emitted by the clock at %s", target).hasSize(1);
            OperatorExposure e = emitted.get(0).value();
            assertThat(e.getAsOf()).isEqualTo(target);
            assertThat(e.getAsOfDate()).isEqualTo(date);
            assertThat(e.getAsOf()).as("moved by the clock").isAfter(e.getLastEventTime());
            assertThat(emitted.get(0).timestamp()).isEqualTo(target.toEpochMilli());
            return e;
        }
    }

    // ------------------------------------------------------------------------------------------
    // helpers
    // ------------------------------------------------------------------------------------------

    private static void assertClock(OperatorExposure e, String op, int minute, String lastEventId) {
        assertThat(e.getOperatorId()).isEqualTo(op);
        assertThat(e.getAsOf()).isEqualTo(minute(minute));
        assertThat(e.getAsOfDate()).isEqualTo(AS_OF_DATE);
        assertThat(e.getLastEventTime()).isEqualTo(minute(minute));
        assertThat(e.getLastEventId()).isEqualTo(lastEventId);
    }

    private static void assertWindow(OperatorExposure e, double coverage) {
        assertThat(e.getWindowStart()).isEqualTo(LocalDate.of(2025, 7, 1));
        assertThat(e.getWindowEnd()).isEqualTo(LocalDate.of(2026, 6, 30));
        assertThat(e.getCoverage()).isCloseTo(coverage, within(EPS));
    }

    private record Share(String counterpartyId, String amount, double share) {
    }

    private static Share share(String counterpartyId, String amount, double share) {
        return new Share(counterpartyId, amount, share);
    }

    private static void assertConcentration(Concentration c, String total, double top1, double top3, double hhi,
                                            Share... breakdown) {
        assertThat(c.getTotal()).isEqualByComparingTo(total);
        assertThat(c.getTop1Share()).isCloseTo(top1, within(EPS));
        assertThat(c.getTop3Share()).isCloseTo(top3, within(EPS));
        assertThat(c.getHhi()).isCloseTo(hhi, within(EPS));
        assertThat(c.getBreakdown()).hasSize(breakdown.length);
        for (int i = 0; i < breakdown.length; i++) {
            CounterpartyShare actual = c.getBreakdown().get(i);
            assertThat(actual.getCounterpartyId()).as("breakdown[%d]", i).isEqualTo(breakdown[i].counterpartyId());
            assertThat(actual.getAmount()).as("breakdown[%d] amount", i).isEqualByComparingTo(breakdown[i].amount());
            assertThat(actual.getShare()).as("breakdown[%d] share", i).isCloseTo(breakdown[i].share(), within(EPS));
        }
    }

    /** The four scenarios in StressScenario order: (dscr, netMargin) of each. */
    private static void assertStress(OperatorExposure e, double spendDscr, double spendNet, double pauseDscr,
                                     double pauseNet, double ratesDscr, double ratesNet, double utilDscr,
                                     double utilNet) {
        List<StressResult> stress = e.getStress();
        assertThat(stress).extracting(StressResult::getScenario).containsExactly(
                StressScenario.SPEND_DOWN_25, StressScenario.TOP_CUSTOMER_PAUSE_2Q,
                StressScenario.RATES_UP_200, StressScenario.UTILIZATION_DOWN_20);
        double[][] expected = {{spendDscr, spendNet}, {pauseDscr, pauseNet}, {ratesDscr, ratesNet},
                {utilDscr, utilNet}};
        for (int i = 0; i < 4; i++) {
            assertThat(stress.get(i).getDscr()).as("%s dscr", stress.get(i).getScenario())
                    .isCloseTo(expected[i][0], within(EPS));
            assertThat(stress.get(i).getNetMargin()).as("%s netMargin", stress.get(i).getScenario())
                    .isCloseTo(expected[i][1], within(EPS));
        }
    }

    private static Map<String, List<OperatorExposure>> byOperator(List<TestRecord<String, OperatorExposure>> feed) {
        Map<String, List<OperatorExposure>> out = new LinkedHashMap<>();
        feed.forEach(r -> out.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value()));
        return out;
    }

    private static Map<String, OperatorExposure> storeContents(ExposureHarness harness) {
        Map<String, OperatorExposure> out = new TreeMap<>();
        try (var all = harness.exposureStore().all()) {
            while (all.hasNext()) {
                KeyValue<String, OperatorExposure> kv = all.next();
                out.put(kv.key, kv.value);
            }
        }
        return out;
    }

    private static <T> T last(List<T> list) {
        assertThat(list).isNotEmpty();
        return list.get(list.size() - 1);
    }

    private static <T> T single(List<T> list) {
        assertThat(list).hasSize(1);
        return list.get(0);
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        Collections.reverse(copy);
        return copy;
    }
}
