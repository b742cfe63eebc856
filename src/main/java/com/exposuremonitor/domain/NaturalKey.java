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

    public static final String FINANCING = "financing";
    public static final String GPU = "gpu";
    public static final String REVENUE = "revenue";
    public static final String INVOICE = "invoice";

    private NaturalKey() {
    }

    /** The prefix every natural key of one kind ({@code tag}) and operator starts with. */
    public static String operatorPrefix(String tag, String operatorId) {
        return tag + "|" + operatorId + "|";
    }

    public static String of(Financing r) {
        return operatorPrefix(FINANCING, r.getOperatorId()) + r.getFacilityId();
    }

    public static String of(GpuDelivery r) {
        return operatorPrefix(GPU, r.getOperatorId()) + r.getBatchId();
    }

    public static String of(RevenueReport r) {
        return operatorPrefix(REVENUE, r.getOperatorId()) + r.getCounterpartyId() + "|" + r.getReportId();
    }

    public static String of(PaymentDelay r) {
        return operatorPrefix(INVOICE, r.getOperatorId()) + r.getInvoiceId();
    }
}
