package com.exposuremonitor.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one counterparty owes past due at a date. Invoices with nothing outstanding are not past
 * due (nothing is owed), even while still OPEN.
 */
record PastDue(String counterpartyId, BigDecimal overdue, int oldestDaysPastDue, int openInvoices) {

    static Map<String, PastDue> byCounterparty(InvoiceBook invoices, LocalDate asOfDate) {
        Map<String, PastDue> out = new TreeMap<>();
        for (InvoiceBook.OpenInvoice inv : invoices.open().values()) {
            long days = ChronoUnit.DAYS.between(inv.dueDate(), asOfDate);
            if (days <= 0 || inv.amount().signum() == 0) {
                continue;
            }
            PastDue one = new PastDue(inv.counterpartyId(), inv.amount(), (int) days, 1);
            out.merge(inv.counterpartyId(), one, PastDue::plus);
        }
        return out;
    }

    private PastDue plus(PastDue o) {
        return new PastDue(counterpartyId, overdue.add(o.overdue),
                Math.max(oldestDaysPastDue, o.oldestDaysPastDue), openInvoices + o.openInvoices);
    }
}
