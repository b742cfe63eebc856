package com.exposuremonitor.replay;

import com.exposuremonitor.avro.Financing;
import com.exposuremonitor.avro.GpuDelivery;
import com.exposuremonitor.avro.PaymentDelay;
import com.exposuremonitor.avro.RevenueReport;
import com.exposuremonitor.domain.InputValidator;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/** The four input event kinds of the replay format, each naming one Avro input record type. */
public enum EventKind {
    FINANCING("financing", Financing.class, Financing.getClassSchema(), Financing::new,
            r -> InputValidator.validate((Financing) r)),
    GPU_DELIVERY("gpu-delivery", GpuDelivery.class, GpuDelivery.getClassSchema(), GpuDelivery::new,
            r -> InputValidator.validate((GpuDelivery) r)),
    REVENUE_REPORT("revenue-report", RevenueReport.class, RevenueReport.getClassSchema(), RevenueReport::new,
            r -> InputValidator.validate((RevenueReport) r)),
    PAYMENT_DELAY("payment-delay", PaymentDelay.class, PaymentDelay.getClassSchema(), PaymentDelay::new,
            r -> InputValidator.validate((PaymentDelay) r));

    private final String jsonName;
    private final Class<? extends SpecificRecord> type;
    private final Schema schema;
    private final Supplier<SpecificRecord> factory;
    private final Function<SpecificRecord, Optional<String>> validator;

    EventKind(String jsonName, Class<? extends SpecificRecord> type, Schema schema,
              Supplier<SpecificRecord> factory, Function<SpecificRecord, Optional<String>> validator) {
        this.jsonName = jsonName;
        this.type = type;
        this.schema = schema;
        this.factory = factory;
        this.validator = validator;
    }

    /** The value of the {@code "kind"} member, e.g. {@code gpu-delivery}. */
    public String jsonName() {
        return jsonName;
    }

    public Class<? extends SpecificRecord> type() {
        return type;
    }

    public Schema schema() {
        return schema;
    }

    /** The kind named {@code jsonName} in a replay line, if any. */
    public static Optional<EventKind> fromJsonName(String jsonName) {
        return Arrays.stream(values()).filter(k -> k.jsonName.equals(jsonName)).findFirst();
    }

    /** The kind of an input record; IllegalArgumentException for any other record type. */
    public static EventKind of(SpecificRecord record) {
        for (EventKind k : values()) {
            if (k.type.isInstance(record)) {
                return k;
            }
        }
        throw new IllegalArgumentException("not an input event (Financing, GpuDelivery, RevenueReport or "
                + "PaymentDelay): " + (record == null ? "null" : record.getClass().getName()));
    }

    /** The json names of all kinds, in declaration order. */
    public static List<String> jsonNames() {
        return Arrays.stream(values()).map(EventKind::jsonName).toList();
    }

    SpecificRecord newRecord() {
        return factory.get();
    }

    /** {@link InputValidator#validate}'s reason for this kind's record, empty when valid. */
    Optional<String> validate(SpecificRecord record) {
        return validator.apply(record);
    }
}
