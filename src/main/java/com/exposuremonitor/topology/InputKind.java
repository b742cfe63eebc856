package com.exposuremonitor.topology;

import com.exposuremonitor.avro.Financing;
import com.exposuremonitor.avro.GpuDelivery;
import com.exposuremonitor.avro.PaymentDelay;
import com.exposuremonitor.avro.RevenueReport;
import com.exposuremonitor.domain.InputValidator;
import com.exposuremonitor.domain.NaturalKey;
import com.exposuremonitor.domain.OperatorAggregate;
import com.exposuremonitor.domain.SnapshotDecision;
import com.exposuremonitor.domain.SnapshotVersion;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;

/**
 * Everything the topology needs to know about one input kind, in one place: its topic, and the domain
 * functions that validate, key, order and apply it.
 */
public record InputKind<T extends SpecificRecord>(
        String name,
        Class<T> type,
        Function<Topics, Topic<String, T>> topic,
        Function<T, Optional<String>> validator,
        Function<T, String> naturalKey,
        String naturalKeyTag,
        Function<T, String> operatorId,
        BiFunction<T, T, SnapshotDecision> decide,
        Applier<T> applier) {

    /** Removes the previous snapshot's contribution (if any) from the aggregate and adds the next one's. */
    @FunctionalInterface
    public interface Applier<T> {
        void apply(OperatorAggregate aggregate, T previous, T next);
    }

    public static final InputKind<Financing> FINANCING = new InputKind<>("financing", Financing.class,
            t -> t.financings, InputValidator::validate, NaturalKey::of, NaturalKey.FINANCING, Financing::getOperatorId,
            SnapshotVersion::decide, OperatorAggregate::replace);
    public static final InputKind<GpuDelivery> GPU_DELIVERY = new InputKind<>("gpu-delivery", GpuDelivery.class,
            t -> t.gpuDeliveries, InputValidator::validate, NaturalKey::of, NaturalKey.GPU, GpuDelivery::getOperatorId,
            SnapshotVersion::decide, OperatorAggregate::replace);
    public static final InputKind<RevenueReport> REVENUE_REPORT = new InputKind<>("revenue-report",
            RevenueReport.class, t -> t.revenueReports, InputValidator::validate, NaturalKey::of,
            NaturalKey.REVENUE, RevenueReport::getOperatorId, SnapshotVersion::decide, OperatorAggregate::replace);
    public static final InputKind<PaymentDelay> PAYMENT_DELAY = new InputKind<>("payment-delay", PaymentDelay.class,
            t -> t.paymentDelays, InputValidator::validate, NaturalKey::of, NaturalKey.INVOICE, PaymentDelay::getOperatorId,
            SnapshotVersion::decide, OperatorAggregate::replace);

    public static final List<InputKind<?>> ALL = List.of(FINANCING, GPU_DELIVERY, REVENUE_REPORT, PAYMENT_DELAY);

    /** The start of every natural key of this kind that belongs to {@code operatorId}, for a prefix scan. */
    public String operatorPrefix(String operatorId) {
        return NaturalKey.operatorPrefix(naturalKeyTag, operatorId);
    }
}
