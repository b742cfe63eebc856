package com.exposuremonitor.domain.alerts;

import static com.exposuremonitor.domain.alerts.AlertFixtures.healthy;
import static com.exposuremonitor.domain.alerts.AlertFixtures.late;
import static com.exposuremonitor.domain.alerts.AlertFixtures.usd;
import static com.exposuremonitor.domain.alerts.AlertFixtures.with;
import static com.exposuremonitor.domain.alerts.OperatorRulesTest.only;
import static org.assertj.core.api.Assertions.assertThat;

import com.exposuremonitor.avro.OperatorExposure;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExplanationsTest {

    private static String explain(OperatorExposure e) {
        return only(AlertEngine.evaluate(e, RuleDefinition.defaults(), new AlertBook())).getExplanation();
    }

    private static String explain(String rule, double figure) {
        return only(AlertEngine.evaluate(with(rule, figure), OperatorRulesTest.only(rule), new AlertBook()))
                .getExplanation();
    }

    @Test
    void dscrShowsDebtServiceAgainstCashEbitda() {
        OperatorExposure e = healthy().setDscr(0.91).setDebtService(usd(1.2e9)).setEbitda(usd(1.1e9)).build();
        assertThat(explain(e)).isEqualTo(
                "DSCR 0.91 < 1.00: debt service $1.2B vs cash EBITDA $1.1B over the last 12 months");
    }

    @Test
    void debtServiceCountsOnlyTheMonthsCovered() {
        OperatorExposure e = healthy().setDscr(0.5).setCoverage(0.5).setDebtService(usd(20e6)).build();
        assertThat(explain(e)).endsWith("debt service $10.0M vs cash EBITDA $40.0M over the last 6 months");
    }

    @Test
    void paymentDelinquencyNamesTheLatePayer() {
        OperatorExposure e = healthy().setDelinquency(List.of(late("lab-a", 25e6, 97), late("lab-b", 12_500, 31)))
                .build();
        assertThat(explain(e)).isEqualTo("Payment 97 days past due >= 90 days: lab-a owes $25.0M on 2 past-due"
                + " invoice(s); 2 counterparties owe $25.0M past due in total");
    }

    @Test
    void concentrationNamesTheTopCounterparty() {
        assertThat(explain(RuleNames.CONCENTRATION, 0.8)).isEqualTo(
                "Top counterparty share of revenue 80.0% >= 75.0%: lab-a is $80.0M of $100.0M revenue"
                        + " over the last 12 months");
    }

    @Test
    void eachRuleHasItsOwnSentenceWithFigureAndThreshold() {
        assertThat(explain(RuleNames.NET_MARGIN_NEGATIVE, -0.3)).isEqualTo("Net margin -30.0% < -25.0%:"
                + " net result $20.0M on revenue $100.0M over the last 12 months, after depreciation, interest"
                + " and leases");
        assertThat(explain(RuleNames.REVENUE_AT_RISK, 0.15)).isEqualTo("Revenue at risk 15.0% >= 10.0%:"
                + " $15.0M of $100.0M revenue over the last 12 months is from counterparties 30+ days past due"
                + " (lab-b)");
        assertThat(explain(RuleNames.STRESS_BREACH, 2)).isEqualTo("DSCR below 1.0 in 2 stress scenario(s)"
                + " >= 2: stressed DSCR spend down 25% 0.80, top customer pauses 2 quarters 0.80");
        assertThat(explain(RuleNames.RUN_RATE_GAP, 1.8)).isEqualTo("Run-rate gap 1.80x >= 1.50x:"
                + " claimed run rate $180.0M/yr vs booked revenue $100.0M/yr annualised");
        assertThat(explain(RuleNames.IDLE_CAPACITY, 0.4)).isEqualTo("Idle capacity 40.0% >= 30.0%:"
                + " 40 MW of 100 MW built is not in service, fixed charges of $12.5K/day on idle capacity");
    }

    @Test
    void closeFiguresGetEnoughDecimalsToDifferFromTheThreshold() {
        assertThat(explain(healthy().setDscr(0.999).build())).startsWith("DSCR 0.999 < 1.000:");
        assertThat(explain(RuleNames.CONCENTRATION, 0.49996 + 0.00005)).startsWith(
                "Top counterparty share of revenue 50.001% >= 50.000%");
    }

    @Test
    void moneyReadsInTheLargestSensibleUnit() {
        assertThat(Formats.money(new BigDecimal("1234567890.00"))).isEqualTo("$1.2B");
        assertThat(Formats.money(new BigDecimal("350000000"))).isEqualTo("$350.0M");
        assertThat(Formats.money(new BigDecimal("12500"))).isEqualTo("$12.5K");
        assertThat(Formats.money(new BigDecimal("950"))).isEqualTo("$950.00");
        assertThat(Formats.money(new BigDecimal("999960"))).isEqualTo("$1.0M");
        assertThat(Formats.money(new BigDecimal("-2500000"))).isEqualTo("-$2.5M");
        assertThat(Formats.money(new BigDecimal("4321000000000"))).isEqualTo("$4321.0B");
        assertThat(Formats.percent(-0.1234)).isEqualTo("-12.3%");
    }
}
