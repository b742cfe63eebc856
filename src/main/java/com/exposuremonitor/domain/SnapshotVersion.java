package com.exposuremonitor.domain;

import com.exposuremonitor.avro.Financing;
import com.exposuremonitor.avro.GpuDelivery;
import com.exposuremonitor.avro.PaymentDelay;
import com.exposuremonitor.avro.RevenueReport;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * Version of a snapshot: newer eventTime wins, and on equal eventTime the larger eventId wins, so
 * that any delivery order of the same events converges to the same state.
 */
public record SnapshotVersion(Instant eventTime, String eventId) implements Comparable<SnapshotVersion> {

    private static final Comparator<SnapshotVersion> ORDER =
            Comparator.comparing(SnapshotVersion::eventTime).thenComparing(SnapshotVersion::eventId);

    public SnapshotVersion {
        Objects.requireNonNull(eventTime, "eventTime");
        Objects.requireNonNull(eventId, "eventId");
    }

    public static SnapshotVersion of(Financing r) {
        return new SnapshotVersion(r.getEventTime(), r.getEventId());
    }

    public static SnapshotVersion of(GpuDelivery r) {
        return new SnapshotVersion(r.getEventTime(), r.getEventId());
    }

    public static SnapshotVersion of(RevenueReport r) {
        return new SnapshotVersion(r.getEventTime(), r.getEventId());
    }

    public static SnapshotVersion of(PaymentDelay r) {
        return new SnapshotVersion(r.getEventTime(), r.getEventId());
    }

    @Override
    public int compareTo(SnapshotVersion other) {
        return ORDER.compare(this, other);
    }

    public boolean isNewerThan(SnapshotVersion other) {
        return other == null || compareTo(other) > 0;
    }

    /** The newer of two versions, either of which may be null. */
    public static SnapshotVersion max(SnapshotVersion a, SnapshotVersion b) {
        if (a == null) {
            return b;
        }
        return b == null || a.compareTo(b) >= 0 ? a : b;
    }

    /**
     * Decides what to do with {@code incoming} for a natural key whose applied snapshot has version
     * {@code current} (null when none was applied yet). {@code sameContent} tells whether the two
     * records are equal; it only matters when their eventIds are equal.
     */
    public static SnapshotDecision decide(SnapshotVersion current, SnapshotVersion incoming, boolean sameContent) {
        Objects.requireNonNull(incoming, "incoming");
        if (current == null) {
            return SnapshotDecision.APPLY;
        }
        if (current.eventId().equals(incoming.eventId())) {
            return sameContent ? SnapshotDecision.DUPLICATE : SnapshotDecision.CONFLICT;
        }
        return incoming.compareTo(current) > 0 ? SnapshotDecision.APPLY : SnapshotDecision.STALE;
    }

    /** {@link #decide(SnapshotVersion, SnapshotVersion, boolean)} on two records; current may be null. */
    public static SnapshotDecision decide(Financing current, Financing incoming) {
        return decide(current == null ? null : of(current), of(incoming), incoming.equals(current));
    }

    public static SnapshotDecision decide(GpuDelivery current, GpuDelivery incoming) {
        return decide(current == null ? null : of(current), of(incoming), incoming.equals(current));
    }

    public static SnapshotDecision decide(RevenueReport current, RevenueReport incoming) {
        return decide(current == null ? null : of(current), of(incoming), incoming.equals(current));
    }

    public static SnapshotDecision decide(PaymentDelay current, PaymentDelay incoming) {
        return decide(current == null ? null : of(current), of(incoming), incoming.equals(current));
    }
}
