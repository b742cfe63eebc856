package com.exposuremonitor.domain;

import com.exposuremonitor.avro.Financing;
import com.exposuremonitor.avro.GpuDelivery;
import com.exposuremonitor.avro.PaymentDelay;
import com.exposuremonitor.avro.RevenueReport;
import java.util.HashMap;
import java.util.Map;

/**
 * What a stream processor does per event, without Kafka: validate, decide against the latest
 * snapshot of the natural key, and replace it in the aggregate.
 */
final class Processor {

    final OperatorAggregate agg = new OperatorAggregate();
    private final Map<String, Object> latest = new HashMap<>();

    SnapshotDecision accept(Object record) {
        if (record instanceof Financing r) {
            return on(r);
        } else if (record instanceof GpuDelivery r) {
            return on(r);
        } else if (record instanceof RevenueReport r) {
            return on(r);
        } else if (record instanceof PaymentDelay r) {
            return on(r);
        }
        throw new IllegalArgumentException(String.valueOf(record));
    }

    Processor acceptAll(Iterable<?> records) {
        records.forEach(this::accept);
        return this;
    }

    private SnapshotDecision on(Financing r) {
        requireValid(InputValidator.problems(r).isEmpty(), r);
        Financing prev = (Financing) latest.get(NaturalKey.of(r));
        SnapshotDecision d = SnapshotVersion.decide(prev, r);
        if (d == SnapshotDecision.APPLY) {
            agg.replace(prev, r);
            latest.put(NaturalKey.of(r), r);
        }
        return d;
    }

    private SnapshotDecision on(GpuDelivery r) {
        requireValid(InputValidator.problems(r).isEmpty(), r);
        GpuDelivery prev = (GpuDelivery) latest.get(NaturalKey.of(r));
        SnapshotDecision d = SnapshotVersion.decide(prev, r);
        if (d == SnapshotDecision.APPLY) {
            agg.replace(prev, r);
            latest.put(NaturalKey.of(r), r);
        }
        return d;
    }

    private SnapshotDecision on(RevenueReport r) {
        requireValid(InputValidator.problems(r).isEmpty(), r);
        RevenueReport prev = (RevenueReport) latest.get(NaturalKey.of(r));
        SnapshotDecision d = SnapshotVersion.decide(prev, r);
        if (d == SnapshotDecision.APPLY) {
            agg.replace(prev, r);
            latest.put(NaturalKey.of(r), r);
        }
        return d;
    }

    private SnapshotDecision on(PaymentDelay r) {
        requireValid(InputValidator.problems(r).isEmpty(), r);
        PaymentDelay prev = (PaymentDelay) latest.get(NaturalKey.of(r));
        SnapshotDecision d = SnapshotVersion.decide(prev, r);
        if (d == SnapshotDecision.APPLY) {
            agg.replace(prev, r);
            latest.put(NaturalKey.of(r), r);
        }
        return d;
    }

    private static void requireValid(boolean valid, Object r) {
        if (!valid) {
            throw new IllegalArgumentException("fixture is invalid: " + r);
        }
    }
}
