package com.exposuremonitor.domain.alerts;

import com.exposuremonitor.avro.Severity;
import java.time.Instant;

/**
 * Where one alert (subject + rule) stands. Kept after it resolves, so that the sequence, and with
 * it every alertId, keeps increasing when the alert is raised again.
 *
 * @param severity        current severity; null = inactive
 * @param firstRaisedTime causeEventTime of the RAISED event; null while inactive
 * @param sequence        number of alert events emitted so far for this subject and rule
 * @param lastFigure      figure last published for this alert, by an event or by restating the active alert
 *                        (null if it had none)
 */
public record AlertState(Severity severity, Instant firstRaisedTime, long sequence, Double lastFigure) {

    /** Never raised. */
    public static final AlertState NONE = new AlertState(null, null, 0, null);

    public boolean active() {
        return severity != null;
    }
}
