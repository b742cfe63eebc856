package com.exposuremonitor.testing;

import com.exposuremonitor.avro.Amortization;
import com.exposuremonitor.avro.BatchStatus;
import com.exposuremonitor.avro.FacilityStatus;
import com.exposuremonitor.avro.Financing;
import com.exposuremonitor.avro.GpuDelivery;
import com.exposuremonitor.avro.Instrument;
import com.exposuremonitor.avro.RateType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** Realistic input records for tests that need a record but not particular figures. */
public final class SampleEvents {
    private SampleEvents() {
    }

    public static Financing bond(String operatorId, int n) {
        return Financing.newBuilder()
                .setEventId("fin-" + operatorId + "-" + n)
                .setEventTime(Instant.parse("2026-03-01T00:00:00Z").plusSeconds(n))
                .setOperatorId(operatorId)
                .setFacilityId("bond-" + n)
                .setLenderId("bondholders")
                .setInstrument(Instrument.BOND)
                .setOutstandingPrincipal(new BigDecimal("18000000000.00").add(BigDecimal.valueOf(n)))
                .setAnnualRateBps(535)
                .setRateType(RateType.FIXED)
                .setMaturityDate(LocalDate.of(2031, 6, 30))
                .setAmortization(Amortization.BULLET)
                .setAnnualLeasePayment(null)
                .setStatus(FacilityStatus.ACTIVE)
                .build();
    }

    public static GpuDelivery batch(String operatorId, int n) {
        return GpuDelivery.newBuilder()
                .setEventId("gpu-" + operatorId + "-" + n)
                .setEventTime(Instant.parse("2026-03-01T00:00:00Z").plusSeconds(n))
                .setOperatorId(operatorId)
                .setBatchId("batch-" + n)
                .setSiteId("campus-1")
                .setGpuModel("GB200")
                .setUnits(72_000)
                .setTotalCost(new BigDecimal("3000000000.00"))
                .setItLoadMw(new BigDecimal("100.000"))
                .setStatus(BatchStatus.IN_SERVICE)
                .setUsefulLifeMonths(72)
                .setReservedForCounterpartyId("lab-a")
                .build();
    }
}
