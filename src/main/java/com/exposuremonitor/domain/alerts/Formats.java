package com.exposuremonitor.domain.alerts;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Readable numbers for alert explanations: $1.2B, $350.0M, $12.5K, 12.3%, 1.80x, 40 MW. */
public final class Formats {

    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);
    private static final String[] SUFFIXES = {"", "K", "M", "B"};

    private Formats() {
    }

    /** USD with one decimal in the largest unit that keeps the number below 1000 (cents below $1K). */
    public static String money(BigDecimal usd) {
        BigDecimal abs = usd.abs();
        BigDecimal unit = BigDecimal.ONE;
        for (int i = 0; i < SUFFIXES.length; i++) {
            BigDecimal scaled = abs.divide(unit).setScale(i == 0 ? 2 : 1, RoundingMode.HALF_UP);
            // Rounding decides the unit, so 999,960 reads $1.0M rather than $1000.0K.
            if (scaled.compareTo(THOUSAND) < 0 || i == SUFFIXES.length - 1) {
                return (usd.signum() < 0 ? "-$" : "$") + scaled.toPlainString() + SUFFIXES[i];
            }
            unit = unit.multiply(THOUSAND);
        }
        throw new AssertionError("unreachable");
    }

    /** A ratio as a percentage with one decimal: 0.1234 -> 12.3%. */
    public static String percent(double ratio) {
        return Unit.PERCENT.format(ratio, Unit.PERCENT.decimals);
    }

    /** MW without trailing zeros: 40.000 -> 40 MW. */
    public static String mw(BigDecimal mw) {
        return mw.stripTrailingZeros().toPlainString() + " MW";
    }

    /** How a rule's figure and thresholds read. */
    enum Unit {
        RATIO(2, ""), MULTIPLE(2, "x"), PERCENT(1, "%"), DAYS(0, " days"), COUNT(0, "");

        private final int decimals;
        private final String suffix;

        Unit(int decimals, String suffix) {
            this.decimals = decimals;
            this.suffix = suffix;
        }

        String format(double value, int places) {
            double shown = this == PERCENT ? value * 100 : value;
            return BigDecimal.valueOf(shown).setScale(places, RoundingMode.HALF_UP).toPlainString() + suffix;
        }

        /**
         * The figure and threshold with just enough decimals to tell them apart (0.999 vs 1.00
         * would otherwise both read 1.00), at most four more than usual.
         */
        String[] pair(double figure, double threshold) {
            int places = decimals;
            while (figure != threshold && places < decimals + 4
                    && format(figure, places).equals(format(threshold, places))) {
                places++;
            }
            return new String[] {format(figure, places), format(threshold, places)};
        }
    }
}
