package com.exposuremonitor.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.exposuremonitor.avro.Amortization;
import com.exposuremonitor.avro.BatchStatus;
import com.exposuremonitor.avro.FacilityStatus;
import com.exposuremonitor.avro.Financing;
import com.exposuremonitor.avro.GpuDelivery;
import com.exposuremonitor.avro.Instrument;
import com.exposuremonitor.avro.InvoiceStatus;
import com.exposuremonitor.avro.PaymentDelay;
import com.exposuremonitor.avro.RateType;
import com.exposuremonitor.avro.RevenueBasis;
import com.exposuremonitor.avro.RevenueReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JsonEventsTest {

    static final Instant T = Instant.parse("2026-03-31T12:00:00Z");

    static final String FINANCING = "{\"kind\":\"financing\",\"eventId\":\"e1\",\"eventTime\":\"2026-03-31T12:00:00Z\","
            + "\"operatorId\":\"campus-abilene\",\"facilityId\":\"bond\",\"lenderId\":\"bond-trustee\","
            + "\"instrument\":\"BOND\",\"outstandingPrincipal\":\"18000000000.00\",\"annualRateBps\":535,"
            + "\"rateType\":\"FIXED\",\"maturityDate\":\"2036-01-15\",\"amortization\":\"BULLET\",\"status\":\"ACTIVE\"}";

    static Financing financing() {
        return Financing.newBuilder().setEventId("e1").setEventTime(T).setOperatorId("campus-abilene")
                .setFacilityId("bond").setLenderId("bond-trustee").setInstrument(Instrument.BOND)
                .setOutstandingPrincipal(new BigDecimal("18000000000.00")).setAnnualRateBps(535)
                .setRateType(RateType.FIXED).setMaturityDate(LocalDate.of(2036, 1, 15))
                .setAmortization(Amortization.BULLET).setAnnualLeasePayment(null).setStatus(FacilityStatus.ACTIVE)
                .build();
    }

    static Financing lease() {
        Financing f = financing();
        f.setEventId("e2");
        f.setInstrument(Instrument.FINANCE_LEASE);
        f.setAnnualLeasePayment(new BigDecimal("150000000.00"));
        return f;
    }

    static GpuDelivery batch() {
        return GpuDelivery.newBuilder().setEventId("g1").setEventTime(T.plusMillis(123)).setOperatorId("neocloud-core")
                .setBatchId("nb-1").setSiteId("plano-tx").setGpuModel("H200 SXM \"141GB\"").setUnits(35000)
                .setTotalCost(new BigDecimal("1500000000.00")).setItLoadMw(new BigDecimal("50.125"))
                .setStatus(BatchStatus.INSTALLED).setUsefulLifeMonths(36).setReservedForCounterpartyId("lab-anthropic")
                .build();
    }

    static RevenueReport report() {
        return RevenueReport.newBuilder().setEventId("r1").setEventTime(T).setOperatorId("lab-frontier")
                .setCounterpartyId("enterprise-api").setReportId("fy26-h1").setPeriodStart(LocalDate.of(2025, 10, 1))
                .setPeriodEnd(LocalDate.of(2026, 3, 31)).setBasis(RevenueBasis.BOOKED)
                .setRevenue(new BigDecimal("900000000.00")).setCashCostOfRevenue(new BigDecimal("558000000.00"))
                .setResearchComputeCost(new BigDecimal("820000000.00"))
                .setRemainingPerformanceObligation(new BigDecimal("3000000000.00")).build();
    }

    static PaymentDelay invoice() {
        return PaymentDelay.newBuilder().setEventId("p1").setEventTime(T).setOperatorId("campus-abilene")
                .setInvoiceId("inv-2026-06").setCounterpartyId("lab-openai")
                .setAmountOutstanding(new BigDecimal("916666666.67")).setDueDate(LocalDate.of(2026, 7, 20))
                .setStatus(InvoiceStatus.OPEN).build();
    }

    static Stream<SpecificRecord> everyKind() {
        GpuDelivery plainBatch = batch();
        plainBatch.setReservedForCounterpartyId(null);
        RevenueReport plainReport = report();
        plainReport.setResearchComputeCost(null);
        plainReport.setRemainingPerformanceObligation(null);
        return Stream.of(financing(), lease(), batch(), plainBatch, report(), plainReport, invoice());
    }

    @ParameterizedTest
    @MethodSource("everyKind")
    void everyKindRoundTrips(SpecificRecord record) {
        String line = JsonEvents.write(record);
        assertThat(line).doesNotContain("\n").startsWith("{\"kind\":\"" + EventKind.of(record).jsonName() + "\"");
        EventLine parsed = JsonEvents.parse(line, 7);
        assertThat(parsed).isInstanceOf(EventLine.Event.class);
        EventLine.Event event = (EventLine.Event) parsed;
        assertThat(event.lineNumber()).isEqualTo(7);
        assertThat(event.kind()).isEqualTo(EventKind.of(record));
        assertThat(event.record()).isEqualTo(record);
        assertThat(JsonEvents.write(event.record())).isEqualTo(line);
    }

    @Test
    void writesMoneyAsExactStringsAndOmitsNullOptionals() throws IOException {
        JsonNode json = new ObjectMapper().readTree(JsonEvents.write(financing()));
        assertThat(json.get("outstandingPrincipal").textValue()).isEqualTo("18000000000.00");
        assertThat(json.get("eventTime").textValue()).isEqualTo("2026-03-31T12:00:00Z");
        assertThat(json.get("maturityDate").textValue()).isEqualTo("2036-01-15");
        assertThat(json.get("annualRateBps").intValue()).isEqualTo(535);
        assertThat(json.has("annualLeasePayment")).isFalse();
        assertThat(JsonEvents.write(financing())).isEqualTo(FINANCING);
    }

    @Test
    void parsesTheDocumentedForm() {
        assertThat(event(FINANCING)).isEqualTo(financing());
    }

    @Test
    void moneyAndMwMayBeNumbersOrStringsAndAreScaledExactly() {
        Financing f = (Financing) event(FINANCING.replace("\"18000000000.00\"", "18000000000"));
        assertThat(f.getOutstandingPrincipal()).isEqualTo(new BigDecimal("18000000000.00"));
        f = (Financing) event(FINANCING.replace("\"18000000000.00\"", "1.8E10"));
        assertThat(f.getOutstandingPrincipal()).isEqualTo(new BigDecimal("18000000000.00"));
        f = (Financing) event(FINANCING.replace("\"18000000000.00\"", "\"0.1\""));
        assertThat(f.getOutstandingPrincipal()).isEqualTo(new BigDecimal("0.10"));
        f = (Financing) event(FINANCING.replace("\"18000000000.00\"", "12345678.90"));
        assertThat(f.getOutstandingPrincipal()).isEqualTo(new BigDecimal("12345678.90"));

        String mw = JsonEvents.write(batch()).replace("\"50.125\"", "880");
        assertThat(((GpuDelivery) event(mw)).getItLoadMw()).isEqualTo(new BigDecimal("880.000"));
    }

    @Test
    void optionalFieldsMayBeOmittedOrNull() {
        String line = JsonEvents.write(batch()).replace(",\"usefulLifeMonths\":36", "")
                .replace("\"lab-anthropic\"", "null");
        GpuDelivery g = (GpuDelivery) event(line);
        assertThat(g.getUsefulLifeMonths()).as("schema default").isEqualTo(72);
        assertThat(g.getReservedForCounterpartyId()).isNull();
    }

    @Test
    void rejectsValuesThatWouldLoseDigits() {
        assertThat(reason(FINANCING.replace("\"18000000000.00\"", "\"1.005\"")))
                .contains("outstandingPrincipal").contains("more than 2 decimal places");
        assertThat(reason(FINANCING.replace("\"18000000000.00\"", "0.001")))
                .contains("outstandingPrincipal").contains("more than 2 decimal places");
        assertThat(reason(JsonEvents.write(batch()).replace("\"50.125\"", "\"50.1255\"")))
                .contains("itLoadMw").contains("more than 3 decimal places");
        assertThat(reason(FINANCING.replace("\"18000000000.00\"", "\"123456789012345678901\"")))
                .contains("outstandingPrincipal").contains("significant digits");
        assertThat(reason(FINANCING.replace("2026-03-31T12:00:00Z", "2026-03-31T12:00:00.0001Z")))
                .contains("eventTime").contains("millisecond");
    }

    @Test
    void rejectsMalformedJson() {
        assertThat(rejection("{\"kind\":\"financing\",", 3)).satisfies(r -> {
            assertThat(r.lineNumber()).isEqualTo(3);
            assertThat(r.reason()).startsWith("malformed JSON");
            assertThat(r.text()).isEqualTo("{\"kind\":\"financing\",");
            assertThat(r).hasToString("line 3: " + r.reason());
        });
        assertThat(reason(FINANCING + " {}")).startsWith("malformed JSON");
        assertThat(reason(FINANCING.replace("\"status\":\"ACTIVE\"", "\"status\":\"ACTIVE\",\"status\":\"REPAID\"")))
                .startsWith("malformed JSON").contains("status");
        assertThat(reason("[1, 2]")).isEqualTo("expected a JSON object, got array [1,2]");
        assertThat(reason("42")).startsWith("expected a JSON object");
    }

    @Test
    void rejectsMissingOrUnknownKind() {
        assertThat(reason(FINANCING.replace("\"kind\":\"financing\",", "")))
                .isEqualTo("missing required field 'kind' (one of financing, gpu-delivery, revenue-report, payment-delay)");
        assertThat(reason(FINANCING.replace("\"financing\"", "\"loan\"")))
                .isEqualTo("unknown kind \"loan\", expected one of financing, gpu-delivery, revenue-report, payment-delay");
        assertThat(reason(FINANCING.replace("\"financing\"", "7"))).startsWith("unknown kind 7");
    }

    @Test
    void rejectsMissingRequiredAndUnknownFieldsAllAtOnce() {
        String line = FINANCING.replace("\"lenderId\":\"bond-trustee\",", "").replace("\"annualRateBps\":535,", "")
                .replace("}", ",\"currency\":\"USD\"}");
        assertThat(reason(line))
                .contains("missing required field 'lenderId'")
                .contains("missing required field 'annualRateBps'")
                .contains("unknown field 'currency' for kind financing (known fields: eventId, eventTime");
        assertThat(reason(FINANCING.replace("\"bond-trustee\"", "null"))).isEqualTo("missing required field 'lenderId'");
    }

    @Test
    void rejectsBadEnumSymbolsListingTheAllowedOnes() {
        assertThat(reason(FINANCING.replace("\"BOND\"", "\"bond\""))).isEqualTo("bad enum symbol 'bond' for field "
                + "'instrument', allowed: BOND, TERM_LOAN, REVOLVER, GPU_BACKED_LOAN, FINANCE_LEASE, OPERATING_LEASE, "
                + "VENDOR_FINANCING");
        assertThat(reason(FINANCING.replace("\"FIXED\"", "1"))).contains("rateType").contains("JSON string");
    }

    @Test
    void rejectsBadNumbersAndDates() {
        assertThat(reason(FINANCING.replace("\"18000000000.00\"", "\"18bn\"")))
                .isEqualTo("bad number for field 'outstandingPrincipal': '18bn' is not a decimal number");
        assertThat(reason(FINANCING.replace("\"18000000000.00\"", "true")))
                .startsWith("bad number for field 'outstandingPrincipal'");
        assertThat(reason(FINANCING.replace("535", "5.35"))).contains("annualRateBps").contains("JSON integer");
        assertThat(reason(FINANCING.replace("535", "\"535\""))).contains("annualRateBps").contains("JSON integer");
        assertThat(reason(FINANCING.replace("535", "99999999999"))).contains("annualRateBps");
        assertThat(reason(FINANCING.replace("2036-01-15", "15/01/2036")))
                .isEqualTo("bad date for field 'maturityDate': '15/01/2036' is not an ISO date like 2026-03-31");
        assertThat(reason(FINANCING.replace("2036-01-15", "2036-02-30"))).contains("maturityDate");
        assertThat(reason(FINANCING.replace("\"2026-03-31T12:00:00Z\"", "\"2026-03-31\"")))
                .contains("eventTime").contains("ISO-8601 instant");
        assertThat(reason(FINANCING.replace("\"2026-03-31T12:00:00Z\"", "1774958400000")))
                .contains("eventTime").contains("ISO-8601 instant");
    }

    @Test
    void rejectsDomainInvalidEventsWithTheValidatorsReason() {
        assertThat(reason(FINANCING.replace("\"campus-abilene\"", "\"campus abilene\"")))
                .startsWith("invalid financing: operatorId 'campus abilene' may only contain");
        assertThat(reason(FINANCING.replace("\"ACTIVE\"}", "\"ACTIVE\",\"annualLeasePayment\":\"1.00\"}")))
                .startsWith("invalid financing: annualLeasePayment must be null for BOND");
        String report = JsonEvents.write(report()).replace("2025-10-01", "2025-10-02");
        assertThat(reason(report)).isEqualTo("invalid revenue-report: periodStart 2025-10-02 is not the first day of a month");
        assertThat(reason(JsonEvents.write(invoice()).replace("\"916666666.67\"", "\"-1\"")))
                .isEqualTo("invalid payment-delay: amountOutstanding must be >= 0, got -1.00");
    }

    @Test
    void skipsBlankAndCommentLines() {
        assertThat(JsonEvents.parse("", 1)).isEqualTo(new EventLine.Skipped(1));
        assertThat(JsonEvents.parse("   \t", 2)).isEqualTo(new EventLine.Skipped(2));
        assertThat(JsonEvents.parse("# ACT 1", 3)).isEqualTo(new EventLine.Skipped(3));
        assertThat(JsonEvents.parse("   # indented comment {not json", 4)).isEqualTo(new EventLine.Skipped(4));
        assertThat(JsonEvents.parse(null, 5)).isEqualTo(new EventLine.Skipped(5));
    }

    @Test
    void readKeepsGoingAndNumbersEveryLine() {
        String file = String.join("\n",
                "\uFEFF# a story",                                  // 1, with a byte-order mark
                FINANCING,                                           // 2
                "",                                                  // 3
                "{oops",                                             // 4
                JsonEvents.write(invoice()),                         // 5
                FINANCING.replace("\"BOND\"", "\"CAT_BOND\""),       // 6
                "   ",                                               // 7
                "# done",                                            // 8
                JsonEvents.write(report()));                         // 9
        ParsedEvents parsed = JsonEvents.readString(file);
        assertThat(parsed.events()).extracting(EventLine::lineNumber).containsExactly(2, 5, 9);
        assertThat(parsed.records()).containsExactly(financing(), invoice(), report());
        assertThat(parsed.rejections()).extracting(EventLine::lineNumber).containsExactly(4, 6);
        assertThat(parsed.rejections().get(1).reason()).contains("CAT_BOND");
        assertThat(parsed.hasRejections()).isTrue();
    }

    @Test
    void readsAndWritesFiles(@TempDir Path dir) throws IOException {
        List<SpecificRecord> records = everyKind().toList();
        StringWriter out = new StringWriter();
        JsonEvents.writeAll(records, out);
        Path file = dir.resolve("events.jsonl");
        Files.writeString(file, "# written by the test\n" + out, StandardCharsets.UTF_8);
        ParsedEvents parsed = JsonEvents.read(file);
        assertThat(parsed.rejections()).isEmpty();
        assertThat(parsed.records()).containsExactlyElementsOf(records);
        assertThat(parsed.events().get(0).lineNumber()).isEqualTo(2);
    }

    @Test
    void writeRefusesRecordsThatAreNotInputEvents() {
        assertThatThrownBy(() -> JsonEvents.write(new com.exposuremonitor.avro.StressResult()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an input event");
    }

    private static SpecificRecord event(String line) {
        EventLine parsed = JsonEvents.parse(line, 1);
        assertThat(parsed).as("parse of %s", line).isInstanceOf(EventLine.Event.class);
        return ((EventLine.Event) parsed).record();
    }

    private static EventLine.Rejection rejection(String line, int number) {
        EventLine parsed = JsonEvents.parse(line, number);
        assertThat(parsed).as("parse of %s", line).isInstanceOf(EventLine.Rejection.class);
        return (EventLine.Rejection) parsed;
    }

    private static String reason(String line) {
        return rejection(line, 1).reason();
    }
}
