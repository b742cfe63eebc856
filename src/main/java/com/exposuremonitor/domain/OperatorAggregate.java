package com.exposuremonitor.domain;

import com.exposuremonitor.avro.Financing;
import com.exposuremonitor.avro.GpuDelivery;
import com.exposuremonitor.avro.PaymentDelay;
import com.exposuremonitor.avro.RevenueReport;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import java.time.Instant;
import java.util.Objects;

/**
 * Rolling state of one operator, updated incrementally: each {@code replace} subtracts the
 * previous snapshot's contribution and adds the next one's, in O(size of the snapshot), never
 * rescanning history. The state only holds the operator's current facts.
 *
 * <p>Contract with the caller: {@code previous} must be exactly the snapshot last applied for the
 * same natural key (null if none), and {@code next} a snapshot that passed {@link InputValidator}
 * and that {@link SnapshotVersion#decide} said to APPLY. {@code next} may be null to withdraw a
 * snapshot. Equal sets of applied snapshots give equal aggregates whatever the order.
 *
 * <p>Serializable with {@code new ObjectMapper().findAndRegisterModules()}; BigDecimals stay exact.
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
public final class OperatorAggregate {


    private FinancingBook financing = new FinancingBook();
    private CapacityBook capacity = new CapacityBook();
    private RevenueBook revenue = new RevenueBook();
    private InvoiceBook invoices = new InvoiceBook();
    /** Newest applied event by {@link SnapshotVersion} order, so it does not depend on delivery order. */
    private SnapshotVersion latestEvent;
    private Instant latestTick;

    public OperatorAggregate() {
    }

    public void replace(Financing previous, Financing next) {
        requireSameKey(previous, next, r -> NaturalKey.of(r));
        if (previous != null) {
            financing.apply(previous, -1);
        }
        if (next != null) {
            financing.apply(next, +1);
            noteEvent(SnapshotVersion.of(next));
        }
    }

    public void replace(GpuDelivery previous, GpuDelivery next) {
        requireSameKey(previous, next, r -> NaturalKey.of(r));
        if (previous != null) {
            capacity.apply(previous, -1);
        }
        if (next != null) {
            capacity.apply(next, +1);
            noteEvent(SnapshotVersion.of(next));
        }
    }

    public void replace(RevenueReport previous, RevenueReport next) {
        requireSameKey(previous, next, r -> NaturalKey.of(r));
        if (previous != null) {
            revenue.apply(previous, -1);
        }
        if (next != null) {
            revenue.apply(next, +1);
            noteEvent(SnapshotVersion.of(next));
        }
    }

    public void replace(PaymentDelay previous, PaymentDelay next) {
        requireSameKey(previous, next, r -> NaturalKey.of(r));
        if (previous != null) {
            invoices.apply(previous, -1);
        }
        if (next != null) {
            invoices.apply(next, +1);
            noteEvent(SnapshotVersion.of(next));
        }
    }

    /**
     * Moves the delinquency clock to {@code tick} (wall-clock or stream time). asOf never moves
     * backwards. Returns true when asOf moved.
     */
    public boolean advanceClock(Instant tick) {
        Objects.requireNonNull(tick, "tick");
        Instant before = asOf();
        if (latestTick == null || tick.isAfter(latestTick)) {
            latestTick = tick;
        }
        return !Objects.equals(before, asOf());
    }

    /** max(newest event time, newest clock tick); null before anything happened. */
    public Instant asOf() {
        Instant eventTime = lastEventTime();
        if (eventTime == null || latestTick != null && latestTick.isAfter(eventTime)) {
            return latestTick;
        }
        return eventTime;
    }

    /** eventTime of the newest event applied, or null before any. */
    public Instant lastEventTime() {
        return latestEvent == null ? null : latestEvent.eventTime();
    }

    /**
     * eventId of the newest event applied (ties on eventTime: the larger eventId); null before any.
     * Whether the clock moved asOf since shows as asOf later than {@link #lastEventTime()}.
     */
    public String lastEventId() {
        return latestEvent == null ? null : latestEvent.eventId();
    }

    public boolean hasEvents() {
        return latestEvent != null;
    }

    private void noteEvent(SnapshotVersion version) {
        latestEvent = SnapshotVersion.max(latestEvent, version);
    }

    private static <T> void requireSameKey(T previous, T next, java.util.function.Function<T, String> key) {
        if (previous == null && next == null) {
            throw new IllegalArgumentException("previous and next are both null");
        }
        if (previous != null && next != null && !key.apply(previous).equals(key.apply(next))) {
            throw new IllegalArgumentException("previous " + key.apply(previous) + " and next "
                    + key.apply(next) + " are snapshots of different natural keys");
        }
    }

    FinancingBook financing() {
        return financing;
    }

    CapacityBook capacity() {
        return capacity;
    }

    RevenueBook revenue() {
        return revenue;
    }

    InvoiceBook invoices() {
        return invoices;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OperatorAggregate a && financing.equals(a.financing) && capacity.equals(a.capacity)
                && revenue.equals(a.revenue) && invoices.equals(a.invoices)
                && Objects.equals(latestEvent, a.latestEvent) && Objects.equals(latestTick, a.latestTick);
    }

    @Override
    public int hashCode() {
        return Objects.hash(financing, capacity, revenue, invoices, latestEvent, latestTick);
    }

    @Override
    public String toString() {
        return "OperatorAggregate[asOf=" + asOf() + ", latestEvent=" + latestEvent + "]";
    }
}
