package com.exposuremonitor.domain.alerts;

import static com.exposuremonitor.domain.alerts.Formats.money;

import com.exposuremonitor.avro.CounterpartyDelinquency;
import com.exposuremonitor.avro.CounterpartyShare;
import com.exposuremonitor.avro.OperatorExposure;
import com.exposuremonitor.avro.StressResult;
import com.exposuremonitor.avro.StressScenario;
import com.exposuremonitor.domain.DelinquencyBucket;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** The rule-specific sentence of an operator alert: the amounts and counterparties behind the figure. */
public final class Explanations {

    private static final MathContext MC = MathContext.DECIMAL128;

    private Explanations() {
    }

    /** The detail for an operator rule, or null when the rule has none. */
    public static String detail(String rule, OperatorExposure e) {
        return switch (rule) {
            case RuleNames.DSCR_LOW -> "debt service " + money(scaled(e.getDebtService(), e))
                    + " vs cash EBITDA " + money(e.getEbitda()) + window(e);
            case RuleNames.NET_MARGIN_NEGATIVE -> "net result " + money(net(e)) + " on revenue "
                    + money(e.getRevenue()) + window(e) + ", after depreciation, interest and leases";
            case RuleNames.CONCENTRATION -> concentration(e);
            case RuleNames.PAYMENT_DELINQUENT -> delinquency(e);
            case RuleNames.REVENUE_AT_RISK -> revenueAtRisk(e);
            case RuleNames.STRESS_BREACH -> stress(e);
            case RuleNames.RUN_RATE_GAP -> runRate(e);
            case RuleNames.IDLE_CAPACITY -> idle(e);
            default -> null;
        };
    }

    /** Annual charges count for the months covered, as the DSCR and margins count them. */
    private static BigDecimal scaled(BigDecimal annual, OperatorExposure e) {
        return annual.multiply(BigDecimal.valueOf(e.getCoverage()), MC);
    }

    private static String window(OperatorExposure e) {
        return " over the last " + Math.round(e.getCoverage() * 12) + " months";
    }

    private static BigDecimal net(OperatorExposure e) {
        BigDecimal charges = e.getDepreciation().add(e.getInterest()).add(e.getLeasePayments());
        return e.getRevenue().subtract(e.getCashCost()).subtract(scaled(charges, e));
    }

    private static String concentration(OperatorExposure e) {
        List<CounterpartyShare> breakdown = e.getRevenueConcentration().getBreakdown();
        if (breakdown.isEmpty()) {
            return "no counterparty revenue" + window(e);
        }
        CounterpartyShare top = breakdown.get(0);
        return top.getCounterpartyId() + " is " + money(top.getAmount()) + " of "
                + money(e.getRevenueConcentration().getTotal()) + " revenue" + window(e);
    }

    private static String delinquency(OperatorExposure e) {
        List<CounterpartyDelinquency> late = e.getDelinquency();
        if (late.isEmpty()) {
            return "no counterparty is past due";
        }
        CounterpartyDelinquency oldest = late.stream()
                .max(Comparator.comparingInt(CounterpartyDelinquency::getOldestDaysPastDue)).orElseThrow();
        String text = oldest.getCounterpartyId() + " owes " + money(oldest.getOverdueAmount()) + " on "
                + oldest.getOpenInvoices() + " past-due invoice(s)";
        if (late.size() == 1) {
            return text;
        }
        BigDecimal total = late.stream().map(CounterpartyDelinquency::getOverdueAmount)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        return text + "; " + late.size() + " counterparties owe " + money(total) + " past due in total";
    }

    private static String revenueAtRisk(OperatorExposure e) {
        String late = e.getDelinquency().stream().filter(d -> d.getOldestDaysPastDue() >= DelinquencyBucket.DPD_30.minDays())
                .map(CounterpartyDelinquency::getCounterpartyId).collect(Collectors.joining(", "));
        double share = e.getRevenueAtRisk() == null ? 0 : e.getRevenueAtRisk();
        BigDecimal atRisk = e.getRevenue().multiply(BigDecimal.valueOf(share), MC);
        return money(atRisk) + " of " + money(e.getRevenue()) + " revenue" + window(e)
                + (late.isEmpty() ? " is from no counterparty 30+ days past due"
                : " is from counterparties 30+ days past due (" + late + ")");
    }

    private static String stress(OperatorExposure e) {
        String breaches = e.getStress().stream().filter(Figures::breachesFloor)
                .map(s -> scenario(s.getScenario()) + " " + Formats.Unit.RATIO.format(s.getDscr(), 2))
                .collect(Collectors.joining(", "));
        if (!breaches.isEmpty()) {
            return "stressed DSCR " + breaches;
        }
        return "lowest stressed DSCR " + e.getStress().stream().map(StressResult::getDscr)
                .filter(Objects::nonNull).min(Double::compare)
                .map(d -> Formats.Unit.RATIO.format(d, 2)).orElse("n/a");
    }

    private static String scenario(StressScenario s) {
        return switch (s) {
            case SPEND_DOWN_25 -> "spend down 25%";
            case TOP_CUSTOMER_PAUSE_2Q -> "top customer pauses 2 quarters";
            case RATES_UP_200 -> "rates up 200bp";
            case UTILIZATION_DOWN_20 -> "utilization down 20%";
        };
    }

    private static String runRate(OperatorExposure e) {
        if (e.getClaimedRunRate() == null || e.getCoverage() <= 0) {
            return "no claimed run rate";
        }
        BigDecimal booked = e.getRevenue().divide(BigDecimal.valueOf(e.getCoverage()), MC);
        return "claimed run rate " + money(e.getClaimedRunRate()) + "/yr vs booked revenue "
                + money(booked) + "/yr annualised";
    }

    private static String idle(OperatorExposure e) {
        String text = Formats.mw(e.getIdleMw()) + " of " + Formats.mw(e.getBuiltMw()) + " built is not in service";
        return e.getIdleBurnPerDay() == null ? text
                : text + ", fixed charges of " + money(e.getIdleBurnPerDay()) + "/day on idle capacity";
    }
}
