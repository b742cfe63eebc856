package com.exposuremonitor.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.exposuremonitor.avro.DefaultRiskAlert;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.junit.jupiter.api.Test;

class AvroJsonTest {

    @Test
    void moneyIsAStringWithItsExactDigits() {
        ObjectNode json = AvroJson.toTree(ApiFixtures.exposure("op-1"));

        assertThat(json.get("revenue").isTextual()).isTrue();
        assertThat(json.get("revenue").asText()).isEqualTo("917000000.00");
        assertThat(json.get("cashCost").asText()).isEqualTo("0.10");
        assertThat(json.get("builtMw").asText()).isEqualTo("12.500");
        assertThat(json.get("revenueConcentration").get("breakdown").get(1).get("amount").asText())
                .isEqualTo("40.00");
    }

    @Test
    void datesInstantsEnumsNullsAndNumbers() {
        ObjectNode json = AvroJson.toTree(ApiFixtures.exposure("op-1"));

        assertThat(json.get("operatorId").asText()).isEqualTo("op-1");
        assertThat(json.get("asOf").asText()).isEqualTo("2026-03-31T12:00:00Z");
        assertThat(json.get("asOfDate").asText()).isEqualTo("2026-03-31");
        assertThat(json.get("windowStart").isNull()).isTrue();
        assertThat(json.get("idleBurnPerDay").isNull()).isTrue();
        assertThat(json.get("dscr").doubleValue()).isEqualTo(1.25);
        assertThat(json.get("stress").get(0).get("scenario").asText()).isEqualTo("SPEND_DOWN_25");
        assertThat(json.get("stress").get(0).get("netMargin").isNull()).isTrue();
        assertThat(json.get("delinquency").isArray()).isTrue();
        assertThat(json.size()).isEqualTo(ApiFixtures.exposure("op-1").getSchema().getFields().size());
    }

    @Test
    void alertFieldsKeepTheSchemaNames() {
        DefaultRiskAlert alert = ApiFixtures.alert("op-1", "DSCR_LOW");
        JsonNode json = AvroJson.toTree(alert);

        assertThat(json.get("alertId").asText()).isEqualTo("OPERATOR:op-1:DSCR_LOW:1");
        assertThat(json.get("subjectType").asText()).isEqualTo("OPERATOR");
        assertThat(json.get("severity").asText()).isEqualTo("CRITICAL");
        assertThat(json.get("previousSeverity").isNull()).isTrue();
        assertThat(json.get("ruleVersion").intValue()).isEqualTo(1);
        assertThat(json.get("causeEventTime").asText()).isEqualTo("2026-03-31T12:00:00Z");
    }

    @Test
    void toJsonIsOneLine() {
        String json = AvroJson.toJson(DefaultRiskAlert.newBuilder(ApiFixtures.alert("op-1", "DSCR_LOW"))
                .setExplanation("two\nlines").build());

        assertThat(json).doesNotContain("\n").contains("two\\nlines");
    }

    @Test
    void genericRecordsWithRawLogicalValues() {
        Schema schema = new Schema.Parser().parse("""
                {"type":"record","name":"Raw","fields":[
                 {"name":"money","type":{"type":"bytes","logicalType":"decimal","precision":10,"scale":2}},
                 {"name":"day","type":{"type":"int","logicalType":"date"}},
                 {"name":"at","type":["null",{"type":"long","logicalType":"timestamp-millis"}]},
                 {"name":"tags","type":{"type":"map","values":"string"}},
                 {"name":"ratio","type":"double"}]}""");
        GenericData.Record record = new GenericData.Record(schema);
        record.put("money", ByteBuffer.wrap(new BigDecimal("-1234.50").unscaledValue().toByteArray()));
        record.put("day", 20543);
        record.put("at", 0L);
        record.put("tags", Map.of("k", "v"));
        record.put("ratio", Double.NaN);

        JsonNode json = AvroJson.toTree(record);

        assertThat(json.get("money").asText()).isEqualTo("-1234.50");
        assertThat(json.get("day").asText()).isEqualTo("2026-03-31");
        assertThat(json.get("at").asText()).isEqualTo("1970-01-01T00:00:00Z");
        assertThat(json.get("tags").get("k").asText()).isEqualTo("v");
        assertThat(json.get("ratio").isNull()).isTrue();
    }

    @Test
    void listsBecomeArrays() {
        JsonNode json = AvroJson.toTree(List.of(ApiFixtures.exposure("a"), ApiFixtures.exposure("b")));

        assertThat(json.isArray()).isTrue();
        assertThat(json.get(1).get("operatorId").asText()).isEqualTo("b");
    }
}
