package com.exposuremonitor.domain;

import static com.exposuremonitor.domain.OperatorMath.ZERO;
import static com.exposuremonitor.domain.OperatorMath.fixed;
import static com.exposuremonitor.domain.OperatorMath.sign;

import com.exposuremonitor.avro.BatchStatus;
import com.exposuremonitor.avro.GpuDelivery;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/** GPU batches of one operator, as running sums (nothing here depends on asOf). */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
final class CapacityBook {

    private BigDecimal depreciation = ZERO;
    private BigDecimal inServiceCost = ZERO;
    private BigDecimal builtMw = ZERO;
    private BigDecimal inServiceMw = ZERO;

    void apply(GpuDelivery b, int sign) {
        if (OperatorMath.isBuilt(b.getStatus())) {
            builtMw = builtMw.add(sign(fixed(b.getItLoadMw()), sign));
        }
        if (b.getStatus() == BatchStatus.IN_SERVICE) {
            inServiceMw = inServiceMw.add(sign(fixed(b.getItLoadMw()), sign));
            inServiceCost = inServiceCost.add(sign(fixed(b.getTotalCost()), sign));
            depreciation = depreciation.add(sign(annualDepreciation(b), sign));
        }
    }

    /** totalCost / (usefulLifeMonths / 12), rounded once at SCALE so removal subtracts the same value. */
    private static BigDecimal annualDepreciation(GpuDelivery b) {
        return b.getTotalCost().multiply(OperatorMath.TWELVE)
                .divide(BigDecimal.valueOf(b.getUsefulLifeMonths()), OperatorMath.SCALE, RoundingMode.HALF_EVEN);
    }

    BigDecimal depreciation() {
        return depreciation;
    }

    BigDecimal inServiceCost() {
        return inServiceCost;
    }

    BigDecimal builtMw() {
        return builtMw;
    }

    BigDecimal inServiceMw() {
        return inServiceMw;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CapacityBook b && depreciation.equals(b.depreciation)
                && inServiceCost.equals(b.inServiceCost) && builtMw.equals(b.builtMw)
                && inServiceMw.equals(b.inServiceMw);
    }

    @Override
    public int hashCode() {
        return Objects.hash(depreciation, inServiceCost, builtMw, inServiceMw);
    }
}
