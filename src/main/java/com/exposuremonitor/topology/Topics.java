package com.exposuremonitor.topology;

import com.exposuremonitor.avro.AlertRule;
import com.exposuremonitor.avro.CounterpartyExposure;
import com.exposuremonitor.avro.DeadLetter;
import com.exposuremonitor.avro.DefaultRiskAlert;
import com.exposuremonitor.avro.Financing;
import com.exposuremonitor.avro.GpuDelivery;
import com.exposuremonitor.avro.LenderExposure;
import com.exposuremonitor.avro.OperatorDailySnapshot;
import com.exposuremonitor.avro.OperatorExposure;
import com.exposuremonitor.avro.PaymentDelay;
import com.exposuremonitor.avro.RevenueReport;
import com.exposuremonitor.avro.SectorDailySummary;
import com.exposuremonitor.confluent.ConfluentAvroSerde;
import com.exposuremonitor.confluent.SchemaRegistryClient;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The immutable, typed catalogue of topics: name plus key and value serde. Built once per application
 * from the topic names and one registry client; nothing here is static or shared between instances.
 * Every key is a plain string: operatorId for inputs, the operator feed and alerts; operatorId|rule for
 * active alerts; the rule name for rule updates and rules in force; counterpartyId and lenderId for the
 * views; operatorId|date and date for the daily analytics.
 */
public final class Topics {
    private final TopicNames names;
    private final SchemaRegistryClient registry;
    public final Topic<String, Financing> financings;
    public final Topic<String, GpuDelivery> gpuDeliveries;
    public final Topic<String, RevenueReport> revenueReports;
    public final Topic<String, PaymentDelay> paymentDelays;
    public final Topic<String, OperatorExposure> operatorExposure;
    /** Dead letters in KIP-1034 form: the original key bytes, value bytes and headers, plus error headers. */
    public final Topic<byte[], DeadLetter> deadLetters;
    public final Topic<String, DefaultRiskAlert> alerts;
    public final Topic<String, DefaultRiskAlert> activeAlerts;
    public final Topic<String, AlertRule> alertRules;
    public final Topic<String, AlertRule> alertRuleUpdates;
    public final Topic<String, CounterpartyExposure> counterpartyExposure;
    public final Topic<String, LenderExposure> lenderExposure;
    public final Topic<String, OperatorDailySnapshot> operatorDaily;
    public final Topic<String, SectorDailySummary> sectorDaily;

    public Topics(TopicNames names, SchemaRegistryClient registry) {
        this.names = names;
        this.registry = registry;
        this.financings = avro(names.financings(), Financing.class);
        this.gpuDeliveries = avro(names.gpuDeliveries(), GpuDelivery.class);
        this.revenueReports = avro(names.revenueReports(), RevenueReport.class);
        this.paymentDelays = avro(names.paymentDelays(), PaymentDelay.class);
        this.operatorExposure = avro(names.operatorExposure(), OperatorExposure.class);
        this.deadLetters = new Topic<>(names.deadLetters(), Serdes.ByteArray(), DeadLetterFormat.serde());
        this.alerts = avro(names.alerts(), DefaultRiskAlert.class);
        this.activeAlerts = avro(names.activeAlerts(), DefaultRiskAlert.class);
        this.alertRules = avro(names.alertRules(), AlertRule.class);
        this.alertRuleUpdates = avro(names.alertRuleUpdates(), AlertRule.class);
        this.counterpartyExposure = avro(names.counterpartyExposure(), CounterpartyExposure.class);
        this.lenderExposure = avro(names.lenderExposure(), LenderExposure.class);
        this.operatorDaily = avro(names.operatorDaily(), OperatorDailySnapshot.class);
        this.sectorDaily = avro(names.sectorDaily(), SectorDailySummary.class);
    }

    public TopicNames names() {
        return names;
    }

    public SchemaRegistryClient registry() {
        return registry;
    }

    /** A serde for values of a generated Avro type, e.g. for state stores. */
    public <T extends SpecificRecord> Serde<T> avroSerde(Class<T> type) {
        return ConfluentAvroSerde.specific(type, registry, false);
    }

    private <T extends SpecificRecord> Topic<String, T> avro(String name, Class<T> type) {
        return new Topic<>(name, Serdes.String(), avroSerde(type));
    }
}
