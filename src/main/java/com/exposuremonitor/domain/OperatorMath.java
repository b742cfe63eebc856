package com.exposuremonitor.domain;

import com.exposuremonitor.avro.BatchStatus;
import com.exposuremonitor.avro.Instrument;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Shared arithmetic. State sums are kept at one fixed scale so that adding and later subtracting a
 * contribution is exact and the sums are equal (even by {@code equals}) whatever the order of
 * events; derived figures use DECIMAL128 and are rounded only on output.
 */
final class OperatorMath {

    static final int SCALE = 10;
    static final MathContext MC = MathContext.DECIMAL128;
    static final BigDecimal ZERO = BigDecimal.ZERO.setScale(SCALE);
    static final BigDecimal TWELVE = BigDecimal.valueOf(12);

    private OperatorMath() {
    }

    /** Exact for inputs with scale <= SCALE (Avro money has scale 2, MW scale 3). */
    static BigDecimal fixed(BigDecimal value) {
        return value == null ? ZERO : value.setScale(SCALE, RoundingMode.HALF_EVEN);
    }

    static BigDecimal money(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_EVEN);
    }

    static BigDecimal mw(BigDecimal value) {
        return value.setScale(3, RoundingMode.HALF_EVEN);
    }

    /** num / den as a double, or null when the divisor is zero or absent. */
    static Double ratio(BigDecimal num, BigDecimal den) {
        if (num == null || den == null || den.signum() == 0) {
            return null;
        }
        return num.divide(den, MC).doubleValue();
    }

    static BigDecimal sign(BigDecimal value, int sign) {
        return sign < 0 ? value.negate() : value;
    }

    static boolean isLease(Instrument instrument) {
        return instrument == Instrument.FINANCE_LEASE || instrument == Instrument.OPERATING_LEASE;
    }

    static boolean isBuilt(BatchStatus status) {
        return status == BatchStatus.DELIVERED || status == BatchStatus.INSTALLED
                || status == BatchStatus.ENERGIZED || status == BatchStatus.IN_SERVICE;
    }
}
