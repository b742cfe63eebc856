package com.exposuremonitor.domain;

import com.exposuremonitor.avro.Financing;
import com.exposuremonitor.avro.GpuDelivery;
import com.exposuremonitor.avro.PaymentDelay;
import com.exposuremonitor.avro.RevenueReport;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/** The per-kind domain functions behind one entry point, for code that handles any input event. */
public final class InputEvents {
    private InputEvents() {
    }

    public static String operatorId(SpecificRecord event) {
        return String.valueOf(((org.apache.avro.generic.GenericRecord) event).get("operatorId"));
    }

    public static Optional<String> validate(SpecificRecord event) {
        if (event instanceof Financing r) {
            return InputValidator.validate(r);
        } else if (event instanceof GpuDelivery r) {
            return InputValidator.validate(r);
        } else if (event instanceof RevenueReport r) {
            return InputValidator.validate(r);
        } else if (event instanceof PaymentDelay r) {
            return InputValidator.validate(r);
        }
        throw notAnInput(event);
    }

    public static String naturalKey(SpecificRecord event) {
        if (event instanceof Financing r) {
            return NaturalKey.of(r);
        } else if (event instanceof GpuDelivery r) {
            return NaturalKey.of(r);
        } else if (event instanceof RevenueReport r) {
            return NaturalKey.of(r);
        } else if (event instanceof PaymentDelay r) {
            return NaturalKey.of(r);
        }
        throw notAnInput(event);
    }

    /** @param current the latest snapshot of the same natural key, or null */
    public static SnapshotDecision decide(SpecificRecord current, SpecificRecord incoming) {
        SnapshotVersion now = current == null ? null : version(current);
        return SnapshotVersion.decide(now, version(incoming), incoming.equals(current));
    }

    /** Replaces {@code previous} (null for the first snapshot of its key) by {@code next} in the aggregate. */
    public static void apply(OperatorAggregate aggregate, SpecificRecord previous, SpecificRecord next) {
        if (next instanceof Financing r) {
            aggregate.replace((Financing) previous, r);
        } else if (next instanceof GpuDelivery r) {
            aggregate.replace((GpuDelivery) previous, r);
        } else if (next instanceof RevenueReport r) {
            aggregate.replace((RevenueReport) previous, r);
        } else if (next instanceof PaymentDelay r) {
            aggregate.replace((PaymentDelay) previous, r);
        } else {
            throw notAnInput(next);
        }
    }

    private static SnapshotVersion version(SpecificRecord event) {
        org.apache.avro.generic.GenericRecord r = (org.apache.avro.generic.GenericRecord) event;
        return new SnapshotVersion((java.time.Instant) r.get("eventTime"), String.valueOf(r.get("eventId")));
    }

    private static IllegalArgumentException notAnInput(SpecificRecord event) {
        return new IllegalArgumentException("not an input event: "
                + (event == null ? "null" : event.getClass().getName()));
    }
}
