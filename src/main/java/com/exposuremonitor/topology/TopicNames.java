package com.exposuremonitor.topology;

/**
 * The names of every topic the monitor reads or writes. Defaults share one prefix so several
 * deployments can live on one cluster; each name can be overridden on its own.
 */
public record TopicNames(String financings, String gpuDeliveries, String revenueReports, String paymentDelays,
                         String operatorExposure, String deadLetters, String alerts, String activeAlerts,
                         String alertRules, String alertRuleUpdates, String counterpartyExposure, String lenderExposure,
                         String operatorDaily, String sectorDaily) {

    public static final String DEFAULT_PREFIX = "em.";

    public static TopicNames withPrefix(String prefix) {
        return new TopicNames(prefix + "financings", prefix + "gpu-deliveries", prefix + "revenue-reports",
                prefix + "payment-delays", prefix + "operator-exposure", prefix + "dead-letters",
                prefix + "alerts", prefix + "active-alerts", prefix + "alert-rules",
                prefix + "alert-rule-updates", prefix + "counterparty-exposure", prefix + "lender-exposure",
                prefix + "analytics.operator-daily", prefix + "analytics.sector-daily");
    }

    public static TopicNames defaults() {
        return withPrefix(DEFAULT_PREFIX);
    }
}
