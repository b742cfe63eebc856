package com.exposuremonitor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.exposuremonitor.avro.DeadLetter;
import com.exposuremonitor.avro.Financing;
import com.exposuremonitor.avro.GpuDelivery;
import com.exposuremonitor.avro.InvoiceStatus;
import com.exposuremonitor.avro.OperatorExposure;
import com.exposuremonitor.avro.PaymentDelay;
import com.exposuremonitor.avro.RevenueBasis;
import com.exposuremonitor.avro.RevenueReport;
import com.exposuremonitor.confluent.ConfluentAvroSerializer;
import com.exposuremonitor.testing.ExposureHarness;
import com.exposuremonitor.testing.SchemaVariants;
import com.exposuremonitor.testing.SampleEvents;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every kind of bad input lands in the dead-letter topic with its reason and origin; valid input around it is used. */
class ExposureDeadLetterTest {
    private static final byte[] OP = "op-1".getBytes(StandardCharsets.UTF_8);
    private final ExposureHarness harness = new ExposureHarness();

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void eachBadInputKindReachesTheDeadLettersWhileValidRecordsAroundItAreProcessed() {
        String financings = harness.topics.financings.name();
        String revenue = harness.topics.revenueReports.name();
        String payments = harness.topics.paymentDelays.name();
        String gpus = harness.topics.gpuDeliveries.name();
        TestInputTopic<byte[], byte[]> rawFinancings = harness.raw(financings);
        TestInputTopic<byte[], byte[]> rawRevenue = harness.raw(revenue);
        TestInputTopic<byte[], byte[]> rawPayments = harness.raw(payments);
        TestInputTopic<byte[], byte[]> rawGpus = harness.raw(gpus);
        byte[] validBond = bytes(financings, SampleEvents.bond("op-1", 1));

        harness.send(SampleEvents.bond("op-1", 1));
        rawFinancings.pipeInput(OP, "garbage, not avro".getBytes(StandardCharsets.UTF_8));
        rawFinancings.pipeInput(OP, withSchemaId(validBond, 4242));
        rawFinancings.pipeInput(OP, Arrays.copyOf(validBond, validBond.length - 4));
        rawFinancings.pipeInput(OP, bytes(gpus, SampleEvents.batch("op-1", 1)));
        rawFinancings.pipeInput((byte[]) null, validBond);
        rawFinancings.pipeInput(OP, (byte[]) null);
        rawFinancings.pipeInput("someone-else".getBytes(StandardCharsets.UTF_8), validBond);
        harness.send(SampleEvents.bond("op-1", 2));
        harness.send(bondWith("op-1", 3, b -> b.setOutstandingPrincipal(new BigDecimal("-5.00"))));
        rawFinancings.pipeInput(" ".getBytes(StandardCharsets.UTF_8),
                bytes(financings, bondWith(" ", 4, b -> b.setOperatorId(" "))));
        harness.send(bondWith("op-1", 5, b -> b.setOperatorId("op/1")));
        harness.send(bondWith("op-1", 1, b -> b.setAnnualRateBps(999)));
        harness.send(SampleEvents.batch("op-1", 2));
        rawGpus.pipeInput(OP, bytes(gpus, gpuWith(3, g -> g.setUnits(0))));
        rawGpus.pipeInput(OP, bytes(gpus, gpuWith(4, g -> g.setItLoadMw(new BigDecimal("0.000")))));
        rawRevenue.pipeInput(OP, bytes(revenue, report(LocalDate.of(2026, 1, 15), LocalDate.of(2026, 3, 31))));
        rawRevenue.pipeInput(OP, bytes(revenue, report(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 1, 31))));
        harness.send(report(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 31)));
        rawPayments.pipeInput(OP, bytes(payments, invoice(LocalDate.of(9999, 12, 31))));

        Map<String, List<DeadLetter>> byType = harness.deadLetters.readValuesToList().stream()
                .collect(Collectors.groupingBy(DeadLetter::getErrorType));
        assertThat(reasons(byType, "DESERIALIZATION")).hasSize(3).anySatisfy(r -> assertThat(r).contains("magic byte"))
                .anySatisfy(r -> assertThat(r).contains("truncated"))
                .anySatisfy(r -> assertThat(r).contains("GpuDelivery").contains("Financing"));
        assertThat(reasons(byType, "UNKNOWN_SCHEMA")).singleElement().asString().contains("4242");
        assertThat(reasons(byType, "NULL_KEY")).hasSize(1);
        assertThat(reasons(byType, "NULL_VALUE")).hasSize(1);
        assertThat(reasons(byType, "KEY_MISMATCH")).singleElement().asString().contains("someone-else");
        assertThat(reasons(byType, "CONFLICTING_DUPLICATE")).singleElement().asString().contains("fin-op-1-1");
        assertThat(reasons(byType, "VALIDATION")).hasSize(8)
                .anySatisfy(r -> assertThat(r).contains("outstandingPrincipal"))
                .anySatisfy(r -> assertThat(r).contains("operatorId"))
                .anySatisfy(r -> assertThat(r).contains("units"))
                .anySatisfy(r -> assertThat(r).contains("itLoadMw"))
                .anySatisfy(r -> assertThat(r).contains("periodStart"))
                .anySatisfy(r -> assertThat(r).contains("periodEnd"))
                .anySatisfy(r -> assertThat(r).contains("dueDate"));

        OperatorExposure last = harness.exposureStore().get("op-1");
        assertThat(last.getLenders()).singleElement().satisfies(l -> assertThat(l.getFacilities()).isEqualTo(2));
        assertThat(last.getBuiltMw()).isEqualByComparingTo("100");
        assertThat(last.getRevenue()).isEqualByComparingTo("300.00");
    }

    @Test
    void aDeadLetterIsTheOriginalRecordWithKip1034ErrorHeaders() {
        String financings = harness.topics.financings.name();
        byte[] garbage = {0, 1, 2, 3};
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace-id", "t-42".getBytes(StandardCharsets.UTF_8));
        harness.raw(financings).pipeInput(new TestRecord<>(OP, garbage, headers,
                Instant.parse("2026-02-01T00:00:00Z")));

        TestRecord<byte[], byte[]> raw = harness.driver.createOutputTopic(harness.topics.deadLetters.name(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer()).readRecord();
        assertThat(raw.key()).as("the original key").isEqualTo(OP);
        assertThat(raw.value()).as("the original value, not an envelope").isEqualTo(garbage);
        assertThat(header(raw, "trace-id")).as("the original headers kept").isEqualTo("t-42");
        assertThat(header(raw, "__streams.errors.topic")).isEqualTo(financings);
        assertThat(header(raw, "__streams.errors.partition")).isEqualTo("0");
        assertThat(header(raw, "__streams.errors.offset")).isEqualTo("0");
        assertThat(header(raw, "__streams.errors.exception")).contains("TruncatedPayload");
        assertThat(header(raw, "__streams.errors.stacktrace")).contains("at com.exposuremonitor");
        assertThat(header(raw, "__streams.errors.message")).contains("truncated");
        assertThat(header(raw, "__em.errors.type")).isEqualTo("DESERIALIZATION");
        assertThat(header(raw, "__em.errors.application.id")).isEqualTo("exposure-test");

        DeadLetter value = DeadLetterFormat.read(raw.key(), raw.value(), raw.headers());
        assertThat(value.getSourceTopic()).isEqualTo(financings);
        assertThat(value.getSourceTimestamp()).isEqualTo(Instant.parse("2026-02-01T00:00:00Z"));
        assertThat(toArray(value.getValue())).isEqualTo(garbage);
        assertThat(DeadLetterFormat.originalHeaders(raw.headers()).toArray()).singleElement()
                .satisfies(h -> assertThat(h.key()).isEqualTo("trace-id"));
    }

    private static String header(TestRecord<?, ?> record, String key) {
        var h = record.headers().lastHeader(key);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Test
    void moneyWrittenAtAnotherDecimalScaleIsRefusedInsteadOfReadAHundredTimesOff() {
        String financings = harness.topics.financings.name();
        Schema atScale4 = SchemaVariants.withDecimalScale(Financing.getClassSchema(), "outstandingPrincipal", 4);
        Financing bond = SampleEvents.bond("op-1", 1);
        ConfluentAvroSerializer<GenericRecord> writer = new ConfluentAvroSerializer<>(harness.registry(), false, true);
        byte[] scaled = writer.serialize(financings, SchemaVariants.copy(bond, atScale4));

        harness.raw(financings).pipeInput(OP, scaled);
        harness.send(SampleEvents.bond("op-1", 2));

        DeadLetter letter = harness.deadLetters.readValue();
        assertThat(letter.getErrorType()).isEqualTo("DESERIALIZATION");
        assertThat(letter.getReason()).contains("outstandingPrincipal").contains("scale 4")
                .contains("100 times too large");
        assertThat(harness.deadLetters.isEmpty()).isTrue();
        assertThat(harness.exposureStore().get("op-1").getLenders()).singleElement()
                .satisfies(l -> assertThat(l.getFacilities()).as("only the bond read at the right scale").isEqualTo(1));
    }

    private static List<String> reasons(Map<String, List<DeadLetter>> byType, String type) {
        return byType.getOrDefault(type, List.of()).stream().map(DeadLetter::getReason).toList();
    }

    private byte[] bytes(String topic, Object record) {
        if (record instanceof GpuDelivery g) {
            return harness.topics.gpuDeliveries.valueSerde().serializer().serialize(topic, g);
        }
        if (record instanceof RevenueReport r) {
            return harness.topics.revenueReports.valueSerde().serializer().serialize(topic, r);
        }
        if (record instanceof PaymentDelay p) {
            return harness.topics.paymentDelays.valueSerde().serializer().serialize(topic, p);
        }
        return harness.topics.financings.valueSerde().serializer().serialize(topic, (Financing) record);
    }

    private static byte[] withSchemaId(byte[] framed, int id) {
        byte[] copy = framed.clone();
        ByteBuffer.wrap(copy, 1, 4).putInt(id);
        return copy;
    }

    private static Financing bondWith(String operatorId, int n, java.util.function.Consumer<Financing.Builder> change) {
        Financing.Builder builder = Financing.newBuilder(SampleEvents.bond(operatorId, n));
        change.accept(builder);
        return builder.build();
    }

    private static GpuDelivery gpuWith(int n, java.util.function.Consumer<GpuDelivery.Builder> change) {
        GpuDelivery.Builder builder = GpuDelivery.newBuilder(SampleEvents.batch("op-1", n));
        change.accept(builder);
        return builder.build();
    }

    private static RevenueReport report(LocalDate start, LocalDate end) {
        return RevenueReport.newBuilder().setEventId("rev-" + start + "-" + end)
                .setEventTime(Instant.parse("2026-04-01T00:00:00Z")).setOperatorId("op-1")
                .setCounterpartyId("lab-a").setReportId("q1-" + start + end).setPeriodStart(start).setPeriodEnd(end)
                .setBasis(RevenueBasis.BOOKED).setRevenue(new BigDecimal("300.00"))
                .setCashCostOfRevenue(new BigDecimal("100.00")).setResearchComputeCost(null)
                .setRemainingPerformanceObligation(null).build();
    }

    private static PaymentDelay invoice(LocalDate due) {
        return PaymentDelay.newBuilder().setEventId("inv-far").setEventTime(Instant.parse("2026-04-01T00:00:00Z"))
                .setOperatorId("op-1").setInvoiceId("inv-1").setCounterpartyId("lab-a")
                .setAmountOutstanding(new BigDecimal("10.00")).setDueDate(due).setStatus(InvoiceStatus.OPEN).build();
    }

    private static byte[] toArray(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}
