package com.exposuremonitor.domain;

import com.exposuremonitor.avro.InvoiceStatus;
import com.exposuremonitor.avro.PaymentDelay;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/** OPEN invoices of one operator; closed ones (PAID, WRITTEN_OFF) are not kept. */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
final class InvoiceBook {

    record OpenInvoice(String counterpartyId, BigDecimal amount, LocalDate dueDate) {
    }

    /** invoiceId -> open invoice. */
    private TreeMap<String, OpenInvoice> open = new TreeMap<>();

    void apply(PaymentDelay p, int sign) {
        if (sign < 0) {
            open.remove(p.getInvoiceId());
        } else if (p.getStatus() == InvoiceStatus.OPEN) {
            open.put(p.getInvoiceId(),
                    new OpenInvoice(p.getCounterpartyId(), OperatorMath.fixed(p.getAmountOutstanding()), p.getDueDate()));
        }
    }

    Map<String, OpenInvoice> open() {
        return open;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InvoiceBook b && open.equals(b.open);
    }

    @Override
    public int hashCode() {
        return open.hashCode();
    }
}
