package com.exposuremonitor.domain.alerts;

/** Which side of a threshold a rule fires on. */
public enum Direction {
    /** Fires when figure < threshold (DSCR_LOW, NET_MARGIN_NEGATIVE). */
    BELOW,
    /** Fires when figure >= threshold (all other rules). */
    ABOVE;

    /** True when {@code figure} is on the firing side of {@code threshold}. */
    public boolean breaches(double figure, double threshold) {
        return this == BELOW ? figure < threshold : figure >= threshold;
    }

    /**
     * True while a raised alert still holds: the figure has not moved back past the threshold by
     * more than {@code hysteresis}, so the threshold is relaxed by it away from the firing side.
     */
    public boolean holds(double figure, double threshold, double hysteresis) {
        return breaches(figure, this == BELOW ? threshold + hysteresis : threshold - hysteresis);
    }

    /** True when {@code a} is at least as severe a threshold as {@code b}. */
    boolean atLeastAsSevere(double a, double b) {
        return this == BELOW ? a <= b : a >= b;
    }
}
