package com.exposuremonitor.domain;

import static com.exposuremonitor.domain.OperatorMath.ZERO;
import static com.exposuremonitor.domain.OperatorMath.fixed;
import static com.exposuremonitor.domain.OperatorMath.sign;

import com.exposuremonitor.avro.Amortization;
import com.exposuremonitor.avro.FacilityStatus;
import com.exposuremonitor.avro.Financing;
import com.exposuremonitor.avro.Instrument;
import com.exposuremonitor.avro.RateType;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Facilities of one operator: running sums for the asOf-independent charges, and the few facts
 * the asOf-dependent ones (principalDue, ratesUp200) need, per non-lease facility.
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
final class FinancingBook {

    /** A non-lease facility that is not REPAID. */
    record Debt(BigDecimal outstanding, LocalDate maturity, Amortization amortization, RateType rateType) {
    }

    /** What one lender has through one instrument. */
    record Lending(String lenderId, Instrument instrument, BigDecimal outstanding, int facilities) {
    }

    private static final BigDecimal DAYS_PER_YEAR = BigDecimal.valueOf(365);

    private BigDecimal interest = ZERO;
    private BigDecimal leasePayments = ZERO;
    private BigDecimal totalOutstanding = ZERO;
    /** facilityId -> debt. */
    private TreeMap<String, Debt> debts = new TreeMap<>();
    /** "lenderId|INSTRUMENT" -> lending. */
    private TreeMap<String, Lending> lenders = new TreeMap<>();

    void apply(Financing f, int sign) {
        if (f.getStatus() == FacilityStatus.REPAID) {
            return;
        }
        BigDecimal outstanding = fixed(f.getOutstandingPrincipal());
        totalOutstanding = totalOutstanding.add(sign(outstanding, sign));
        if (OperatorMath.isLease(f.getInstrument())) {
            leasePayments = leasePayments.add(sign(fixed(f.getAnnualLeasePayment()), sign));
        } else {
            interest = interest.add(sign(annualInterest(f), sign));
            if (sign > 0) {
                debts.put(f.getFacilityId(),
                        new Debt(outstanding, f.getMaturityDate(), f.getAmortization(), f.getRateType()));
            } else {
                debts.remove(f.getFacilityId());
            }
        }
        lend(f, outstanding, sign);
    }

    private static BigDecimal annualInterest(Financing f) {
        // bps / 10,000 is exact: scale 2 + 4 <= SCALE.
        return fixed(f.getOutstandingPrincipal().multiply(BigDecimal.valueOf(f.getAnnualRateBps()))
                .movePointLeft(4));
    }

    private void lend(Financing f, BigDecimal outstanding, int sign) {
        String key = f.getLenderId() + "|" + f.getInstrument();
        Lending old = lenders.get(key);
        BigDecimal sum = (old == null ? ZERO : old.outstanding()).add(sign(outstanding, sign));
        int count = (old == null ? 0 : old.facilities()) + sign;
        if (count <= 0) {
            lenders.remove(key);
        } else {
            lenders.put(key, new Lending(f.getLenderId(), f.getInstrument(), sum, count));
        }
    }

    /**
     * Principal due within a year of {@code asOfDate}: LINEAR facilities repay
     * outstanding / max(1, days to maturity / 365); BULLET ones repay everything when maturing
     * within 365 days (or already past), else nothing. Leases never count here.
     */
    BigDecimal principalDue(LocalDate asOfDate) {
        BigDecimal due = ZERO;
        for (Debt d : debts.values()) {
            long days = ChronoUnit.DAYS.between(asOfDate, d.maturity());
            if (d.amortization() == Amortization.LINEAR) {
                BigDecimal years = BigDecimal.valueOf(days).divide(DAYS_PER_YEAR, OperatorMath.MC);
                due = due.add(d.outstanding().divide(years.max(BigDecimal.ONE), OperatorMath.MC));
            } else if (days <= 365) {
                due = due.add(d.outstanding());
            }
        }
        return due;
    }

    /**
     * Outstanding that reprices in ratesUp200: non-lease facilities that float, or that are BULLET
     * and mature within 365 days (they must be refinanced). Each facility counts once even if both.
     */
    BigDecimal repricingOutstanding(LocalDate asOfDate) {
        BigDecimal sum = ZERO;
        for (Debt d : debts.values()) {
            boolean maturingBullet = d.amortization() == Amortization.BULLET
                    && ChronoUnit.DAYS.between(asOfDate, d.maturity()) <= 365;
            if (d.rateType() == RateType.FLOATING || maturingBullet) {
                sum = sum.add(d.outstanding());
            }
        }
        return sum;
    }

    BigDecimal interest() {
        return interest;
    }

    BigDecimal leasePayments() {
        return leasePayments;
    }

    BigDecimal totalOutstanding() {
        return totalOutstanding;
    }

    Map<String, Debt> debts() {
        return debts;
    }

    Map<String, Lending> lenders() {
        return lenders;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FinancingBook b && interest.equals(b.interest) && leasePayments.equals(b.leasePayments)
                && totalOutstanding.equals(b.totalOutstanding) && debts.equals(b.debts) && lenders.equals(b.lenders);
    }

    @Override
    public int hashCode() {
        return Objects.hash(interest, leasePayments, totalOutstanding, debts, lenders);
    }
}
