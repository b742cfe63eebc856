package com.exposuremonitor.api;

import com.exposuremonitor.avro.AlertTransition;
import com.exposuremonitor.avro.Concentration;
import com.exposuremonitor.avro.CounterpartyShare;
import com.exposuremonitor.avro.DefaultRiskAlert;
import com.exposuremonitor.avro.OperatorExposure;
import com.exposuremonitor.avro.Severity;
import com.exposuremonitor.avro.StressResult;
import com.exposuremonitor.avro.StressScenario;
import com.exposuremonitor.avro.SubjectType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/** Small valid records for the API tests. */
final class ApiFixtures {
    static final Instant T0 = Instant.parse("2026-03-31T12:00:00Z");

    private ApiFixtures() {
    }

    static OperatorExposure exposure(String operatorId) {
        return exposure(operatorId, T0, "917000000.00");
    }

    static OperatorExposure exposure(String operatorId, Instant asOf, String revenue) {
        BigDecimal zero = new BigDecimal("0.00");
        return OperatorExposure.newBuilder()
                .setOperatorId(operatorId).setAsOf(asOf).setAsOfDate(LocalDate.ofInstant(asOf, ZoneOffset.UTC))
                .setLastEventTime(asOf).setLastEventId("ev-1").setCoverage(1.0)
                .setRevenue(new BigDecimal(revenue)).setCashCost(new BigDecimal("0.10")).setResearchCost(zero)
                .setEbitda(zero).setDepreciation(zero).setInterest(zero).setPrincipalDue(zero)
                .setLeasePayments(zero).setDebtService(zero).setTotalOutstanding(zero).setDscr(1.25)
                .setInServiceCost(zero).setBuiltMw(new BigDecimal("12.500")).setInServiceMw(new BigDecimal("10.000"))
                .setIdleMw(new BigDecimal("2.500"))
                .setRevenueConcentration(concentration()).setBacklogConcentration(concentration())
                .setDelinquency(List.of()).setStress(stress()).setLenders(List.of()).build();
    }

    static Concentration concentration() {
        return Concentration.newBuilder().setTop1Share(0.6).setTop3Share(1.0).setHhi(5200.0)
                .setTotal(new BigDecimal("100.00"))
                .setBreakdown(List.of(new CounterpartyShare("lab-a", new BigDecimal("60.00"), 0.6),
                        new CounterpartyShare("lab-b", new BigDecimal("40.00"), 0.4)))
                .build();
    }

    static List<StressResult> stress() {
        return Arrays.stream(StressScenario.values()).map(s -> new StressResult(s, 1.1, null)).toList();
    }

    static DefaultRiskAlert alert(String operatorId, String rule) {
        return alert(operatorId, rule, T0);
    }

    static DefaultRiskAlert alert(String operatorId, String rule, Instant cause) {
        return DefaultRiskAlert.newBuilder()
                .setAlertId("OPERATOR:" + operatorId + ":" + rule + ":1").setSubjectType(SubjectType.OPERATOR)
                .setSubjectId(operatorId).setOperatorId(operatorId).setRule(rule)
                .setTransition(AlertTransition.RAISED).setSeverity(Severity.CRITICAL).setPreviousSeverity(null)
                .setFigure(0.9).setThreshold(1.0).setRuleVersion(1).setFirstRaisedTime(cause)
                .setCauseEventTime(cause).setExplanation("DSCR 0.90 is below 1.00").build();
    }
}
