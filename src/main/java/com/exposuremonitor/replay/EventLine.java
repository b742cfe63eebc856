package com.exposuremonitor.replay;

import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;

/** What one line of a replay file turned out to be: an event, a rejection, or a skipped line. */
public sealed interface EventLine permits EventLine.Event, EventLine.Rejection, EventLine.Skipped {

    /** 1-based line number in the file (or whatever number the caller passed). */
    int lineNumber();

    /** A line that parsed into a valid input record (Financing, GpuDelivery, RevenueReport or PaymentDelay). */
    record Event(int lineNumber, EventKind kind, SpecificRecord record) implements EventLine {
        public Event {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(record, "record");
        }
    }

    /** A line that was not used, with a reason a person can act on, and the line's text. */
    record Rejection(int lineNumber, String reason, String text) implements EventLine {
        public Rejection {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String toString() {
            return "line " + lineNumber + ": " + reason;
        }
    }

    /** A blank line or a {@code #} comment. */
    record Skipped(int lineNumber) implements EventLine {
    }
}
