package com.exposuremonitor.domain.alerts;

import com.exposuremonitor.avro.Concentration;
import com.exposuremonitor.avro.CounterpartyDelinquency;
import com.exposuremonitor.avro.CounterpartyShare;
import com.exposuremonitor.avro.OperatorExposure;
import com.exposuremonitor.avro.StressResult;
import com.exposuremonitor.avro.StressScenario;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Minimal valid OperatorExposure values: healthy by default, one figure changed per test. */
public final class AlertFixtures {

    public static final String OP = "op-1";
    public static final Instant T0 = Instant.parse("2026-06-30T12:00:00Z");

    private AlertFixtures() {
    }

    static BigDecimal usd(double amount) {
        return BigDecimal.valueOf(amount).setScale(2, RoundingMode.HALF_EVEN);
    }

    static BigDecimal mw(double amount) {
        return BigDecimal.valueOf(amount).setScale(3, RoundingMode.HALF_EVEN);
    }

    /** Revenue $100M, cash cost $60M, debt service $20M/yr: no rule fires. */
    public static OperatorExposure.Builder healthy() {
        return OperatorExposure.newBuilder()
                .setOperatorId(OP).setAsOf(T0).setAsOfDate(LocalDate.ofInstant(T0, ZoneOffset.UTC))
                .setLastEventTime(T0).setLastEventId("ev-1").setCoverage(1.0)
                .setRevenue(usd(100e6)).setCashCost(usd(60e6)).setResearchCost(usd(0)).setEbitda(usd(40e6))
                .setDepreciation(usd(10e6)).setInterest(usd(8e6)).setPrincipalDue(usd(10e6))
                .setLeasePayments(usd(2e6)).setDebtService(usd(20e6)).setTotalOutstanding(usd(160e6))
                .setNetMargin(0.2).setDscr(2.0).setInServiceCost(usd(500e6))
                .setBuiltMw(mw(100)).setInServiceMw(mw(90)).setIdleMw(mw(10))
                .setRevenueConcentration(concentration(0.3)).setBacklogConcentration(concentration(0.3))
                .setDelinquency(List.of()).setRevenueAtRisk(0.0)
                .setStress(stress(0)).setLenders(List.of()).setRunRateGap(1.0).setClaimedRunRate(usd(100e6));
    }

    /** An exposure whose figure for {@code rule} is {@code value}, everything else healthy. */
    public static OperatorExposure with(String rule, double value) {
        return with(rule, value, T0);
    }

    public static OperatorExposure with(String rule, double value, Instant asOf) {
        OperatorExposure.Builder b = healthy().setAsOf(asOf);
        switch (rule) {
            case RuleNames.DSCR_LOW -> b.setDscr(value);
            case RuleNames.NET_MARGIN_NEGATIVE -> b.setNetMargin(value);
            case RuleNames.CONCENTRATION -> b.setRevenueConcentration(concentration(value));
            case RuleNames.PAYMENT_DELINQUENT -> b.setDelinquency(List.of(late("lab-a", 25e6, (int) value)));
            case RuleNames.REVENUE_AT_RISK -> b.setRevenueAtRisk(value)
                    .setDelinquency(List.of(late("lab-b", 1e6, 45)));
            case RuleNames.STRESS_BREACH -> b.setStress(stress((int) value));
            case RuleNames.RUN_RATE_GAP -> b.setRunRateGap(value).setClaimedRunRate(usd(value * 100e6));
            case RuleNames.IDLE_CAPACITY -> b.setIdleMw(mw(value * 100)).setInServiceMw(mw(100 - value * 100))
                    .setIdleBurnPerDay(usd(12_500));
            default -> throw new IllegalArgumentException(rule);
        }
        return b.build();
    }

    /** lab-a has {@code top1} of $100M revenue, lab-b the rest. */
    static Concentration concentration(double top1) {
        List<CounterpartyShare> shares = new ArrayList<>();
        shares.add(new CounterpartyShare("lab-a", usd(top1 * 100e6), top1));
        if (top1 < 1) {
            shares.add(new CounterpartyShare("lab-b", usd((1 - top1) * 100e6), 1 - top1));
        }
        return Concentration.newBuilder().setTop1Share(top1).setTop3Share(1.0).setHhi(5000.0)
                .setTotal(usd(100e6)).setBreakdown(shares).build();
    }

    static CounterpartyDelinquency late(String counterparty, double overdue, int days) {
        return new CounterpartyDelinquency(counterparty, usd(overdue), days, 2);
    }

    /** The four scenarios, the first {@code breaches} of them with a stressed DSCR of 0.8. */
    static List<StressResult> stress(int breaches) {
        List<StressResult> results = new ArrayList<>();
        StressScenario[] scenarios = StressScenario.values();
        for (int i = 0; i < scenarios.length; i++) {
            results.add(new StressResult(scenarios[i], i < breaches ? 0.8 : 1.6, 0.1));
        }
        return results;
    }
}
