package com.exposuremonitor.cli;

import com.exposuremonitor.avro.DefaultRiskAlert;
import com.exposuremonitor.avro.OperatorExposure;
import com.exposuremonitor.domain.alerts.Formats;
import com.exposuremonitor.api.Lookup;
import com.exposuremonitor.runtime.Monitor;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The demo's running summary: every committed alert change as one line, and the operators as a table
 * every so often. Reads the alerts topic from its beginning, so no alert is missed at start-up.
 */
final class DemoSummary implements AutoCloseable {
    private static final Duration TABLE_EVERY = Duration.ofSeconds(20);
    private final PrintStream out;
    private final Monitor monitor;
    private final Thread thread;
    private volatile boolean running = true;

    DemoSummary(PrintStream out, Monitor monitor) {
        this.out = out;
        this.monitor = monitor;
        this.thread = new Thread(this::run, "demo-summary");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        long nextTable = System.nanoTime() + TABLE_EVERY.toNanos();
        try (KafkaConsumer<String, DefaultRiskAlert> alerts = consumer()) {
            alerts.subscribe(List.of(monitor.topics().alerts.name()));
            while (running) {
                alerts.poll(Duration.ofMillis(250)).forEach(r -> out.println(alertLine(r.value())));
                if (System.nanoTime() > nextTable) {
                    printOperators();
                    nextTable = System.nanoTime() + TABLE_EVERY.toNanos();
                }
            }
        } catch (org.apache.kafka.common.errors.InterruptException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String alertLine(DefaultRiskAlert a) {
        String severity = a.getSeverity() == null ? "-" : a.getSeverity().name();
        return String.format(Locale.ROOT, "ALERT %-11s %-8s %-16s %-20s %s", a.getTransition(), severity,
                a.getSubjectId(), a.getRule(), a.getExplanation());
    }

    void printOperators() {
        Lookup<List<OperatorExposure>> operators = monitor.queries().localOperators();
        if (!(operators instanceof Lookup.Found<List<OperatorExposure>> found)) {
            return;
        }
        out.println(String.format(Locale.ROOT, "%-16s %8s %9s %6s %8s %9s %12s", "OPERATOR", "DSCR", "NET MGN",
                "TOP1", "HHI", "IDLE MW", "REVENUE"));
        found.value().stream().sorted((x, y) -> x.getOperatorId().compareTo(y.getOperatorId()))
                .forEach(e -> out.println(String.format(Locale.ROOT, "%-16s %8s %9s %6s %8s %9s %12s",
                        e.getOperatorId(), ratio(e.getDscr()), percent(e.getNetMargin()),
                        percent(e.getRevenueConcentration().getTop1Share()),
                        e.getRevenueConcentration().getHhi() == null ? "-"
                                : String.format(Locale.ROOT, "%.0f", e.getRevenueConcentration().getHhi()),
                        e.getIdleMw().stripTrailingZeros().toPlainString(), Formats.money(e.getRevenue()))));
    }

    private static String ratio(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String percent(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.1f%%", value * 100);
    }

    private KafkaConsumer<String, DefaultRiskAlert> consumer() {
        Map<String, Object> config = new java.util.HashMap<>(monitor.settings().kafkaConfig());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, monitor.settings().bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "demo-summary-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(config, new StringDeserializer(),
                monitor.topics().alerts.valueSerde().deserializer());
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
