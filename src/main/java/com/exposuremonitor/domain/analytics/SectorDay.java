package com.exposuremonitor.domain.analytics;

import com.exposuremonitor.avro.OperatorDailySnapshot;
import com.exposuremonitor.avro.SectorDailySummary;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/**
 * One day of the sector: the latest figures of every operator seen that day, summed into the summary.
 * Keeping each operator's latest (not adding every update) makes repeated updates of one operator count once.
 */
public final class SectorDay {
    /** What the summary needs of one operator's day. */
    public record Entry(BigDecimal debt, BigDecimal revenue, BigDecimal ebitda, BigDecimal idleMw, BigDecimal builtMw,
                        BigDecimal overdue, String worstSeverity, long asOfMillis) {
    }

    private final Map<String, Entry> operators;

    public SectorDay() {
        this(new TreeMap<>());
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    public SectorDay(@com.fasterxml.jackson.annotation.JsonProperty("operators") Map<String, Entry> operators) {
        this.operators = new TreeMap<>(operators);
    }

    public Map<String, Entry> getOperators() {
        return operators;
    }

    /** Takes the snapshot unless an operator's later snapshot of the day is already in. */
    public SectorDay add(OperatorDailySnapshot s) {
        Entry previous = operators.get(s.getOperatorId());
        if (previous == null || previous.asOfMillis() <= s.getAsOf().toEpochMilli()) {
            operators.put(s.getOperatorId(), new Entry(s.getTotalOutstanding(), s.getRevenue(), s.getEbitda(),
                    s.getIdleMw(), s.getBuiltMw(), s.getOverdueAmount(), s.getWorstSeverity(),
                    s.getAsOf().toEpochMilli()));
        }
        return this;
    }

    public SectorDailySummary summary(LocalDate date) {
        return SectorDailySummary.newBuilder()
                .setDate(date)
                .setOperators(operators.size())
                .setTotalDebt(sum(Entry::debt, 2)).setRevenue(sum(Entry::revenue, 2)).setEbitda(sum(Entry::ebitda, 2))
                .setIdleMw(sum(Entry::idleMw, 3)).setBuiltMw(sum(Entry::builtMw, 3))
                .setOverdueAmount(sum(Entry::overdue, 2))
                .setOperatorsNoAlert(count(null)).setOperatorsWarning(count("WARNING"))
                .setOperatorsCritical(count("CRITICAL"))
                .build();
    }

    private BigDecimal sum(java.util.function.Function<Entry, BigDecimal> field, int scale) {
        return operators.values().stream().map(field).reduce(BigDecimal.ZERO, BigDecimal::add).setScale(scale);
    }

    private int count(String severity) {
        return (int) operators.values().stream().filter(e -> java.util.Objects.equals(e.worstSeverity(), severity))
                .count();
    }
}
