package com.exposuremonitor.domain;

import com.exposuremonitor.avro.Financing;
import com.exposuremonitor.avro.GpuDelivery;
import com.exposuremonitor.avro.PaymentDelay;
import com.exposuremonitor.avro.RevenueReport;

/**
 * The natural key of each input snapshot as one string, for the caller's latest-snapshot store.
 * '|' cannot occur in a valid id, so the joined key is unambiguous.
 */
public final class NaturalKey {

    private NaturalKey() {
    }

    public static String of(Financing r) {
        return "financing|" + r.getOperatorId() + "|" + r.getFacilityId();
    }

    public static String of(GpuDelivery r) {
        return "gpu|" + r.getOperatorId() + "|" + r.getBatchId();
    }

    public static String of(RevenueReport r) {
        return "revenue|" + r.getOperatorId() + "|" + r.getCounterpartyId() + "|" + r.getReportId();
    }

    public static String of(PaymentDelay r) {
        return "invoice|" + r.getOperatorId() + "|" + r.getInvoiceId();
    }
}
