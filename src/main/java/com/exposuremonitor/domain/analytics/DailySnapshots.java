package com.exposuremonitor.domain.analytics;

import com.exposuremonitor.avro.CounterpartyDelinquency;
import com.exposuremonitor.avro.OperatorDailySnapshot;
import com.exposuremonitor.avro.OperatorExposure;
import com.exposuremonitor.avro.Severity;
import com.exposuremonitor.domain.alerts.AlertBook;
import com.exposuremonitor.domain.alerts.AlertState;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** Flattens an operator's exposure and its active alerts into the warehouse-friendly daily record. */
public final class DailySnapshots {
    private DailySnapshots() {
    }

    public static OperatorDailySnapshot of(OperatorExposure e, AlertBook alerts) {
        long warnings = count(alerts, Severity.WARNING);
        long criticals = count(alerts, Severity.CRITICAL);
        return OperatorDailySnapshot.newBuilder()
                .setOperatorId(e.getOperatorId())
                .setDate(LocalDate.ofInstant(e.getAsOf(), ZoneOffset.UTC))
                .setAsOf(e.getAsOf())
                .setRevenue(e.getRevenue()).setCashCost(e.getCashCost()).setEbitda(e.getEbitda())
                .setDebtService(e.getDebtService()).setTotalOutstanding(e.getTotalOutstanding())
                .setCoverage(e.getCoverage()).setEbitdaMargin(e.getEbitdaMargin()).setNetMargin(e.getNetMargin())
                .setDscr(e.getDscr()).setTop1Share(e.getRevenueConcentration().getTop1Share())
                .setHhi(e.getRevenueConcentration().getHhi())
                .setBuiltMw(e.getBuiltMw()).setInServiceMw(e.getInServiceMw()).setIdleMw(e.getIdleMw())
                .setOverdueAmount(e.getDelinquency().stream().map(CounterpartyDelinquency::getOverdueAmount)
                        .reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2))
                .setMaxDaysPastDue(e.getDelinquency().stream().mapToInt(CounterpartyDelinquency::getOldestDaysPastDue)
                        .max().orElse(0))
                .setRevenueAtRisk(e.getRevenueAtRisk()).setRunRateGap(e.getRunRateGap())
                .setActiveWarnings((int) warnings).setActiveCriticals((int) criticals)
                .setWorstSeverity(criticals > 0 ? "CRITICAL" : warnings > 0 ? "WARNING" : null)
                .build();
    }

    private static long count(AlertBook alerts, Severity severity) {
        return alerts == null ? 0 : alerts.states().values().stream().map(AlertState::severity)
                .filter(s -> s == severity).count();
    }
}
