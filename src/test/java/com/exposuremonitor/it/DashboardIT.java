package com.exposuremonitor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.exposuremonitor.api.AvroJson;
import com.exposuremonitor.avro.AlertTransition;
import com.exposuremonitor.avro.DefaultRiskAlert;
import com.exposuremonitor.avro.InvoiceStatus;
import com.exposuremonitor.avro.OperatorExposure;
import com.exposuremonitor.avro.PaymentDelay;
import com.exposuremonitor.avro.Severity;
import com.exposuremonitor.replay.EventPublisher;
import com.exposuremonitor.replay.Scenario;
import com.exposuremonitor.runtime.Monitor;
import com.exposuremonitor.testing.EmbeddedKafkaExtension;
import com.exposuremonitor.testing.MonitorSettingsFixture;
import com.exposuremonitor.verify.ExpectedOutputs;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analyst dashboard in a real browser: the demo wiring (broker, registry, monitor, HTTP API) with the
 * bundled scenario, and {@code src/test/e2e/dashboard.mjs} driving Debian's Chromium through playwright-core.
 * The script checks the figures on the overview and an operator page against the API, then signals
 * {@code PAGE_READY}; only then does this test publish an invoice 95 days late for colo-reno (which has no
 * payment alert yet), and the script must see the PAYMENT_DELINQUENT CRITICAL alert it raises appear live.
 * Before that the script checks the chain-of-pain page (every lender, operator and counterparty, the
 * systemic and CRITICAL marks, each link's weight against the API) and keeps it open in a second tab,
 * which must mark colo-reno CRITICAL live. Screenshots end up in {@code target/dashboard/}.
 *
 * <p>Skipped (not failed) when {@code /usr/bin/chromium} or {@code src/test/e2e/node_modules} is missing;
 * the build installs the npm modules when missing; {@code .ci/run} installs Chromium ({@code apt-get install chromium}).
 */
class DashboardIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension CLUSTER = new EmbeddedKafkaExtension();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(120);
    private static final String OPERATOR = "colo-reno";
    private static final String COUNTERPARTY = "studio-runway";
    private static final List<String> SCREENSHOTS = List.of("overview.png", "operator.png", "alerts.png",
            "chain-of-pain.png", "chain-of-pain-live.png");

    @TempDir
    Path stateDir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theDashboardShowsTheApisFiguresAndANewAlertAppearsLive() throws Exception {
        Path projectDir = Path.of(System.getProperty("exposure.projectDir", System.getProperty("user.dir")));
        Path e2e = projectDir.resolve("src/test/e2e");
        assumeTrue(Files.isExecutable(CHROMIUM),
                "skipped: no Chromium at " + CHROMIUM + " (install it with: apt-get install -y chromium)");
        assumeTrue(Files.isDirectory(e2e.resolve("node_modules/playwright-core")),
                "skipped: " + e2e.resolve("node_modules") + " is missing (install it with: npm ci --prefix src/test/e2e)");

        List<SpecificRecord> events = Scenario.aiDatacenters().records();
        ExpectedOutputs scenario = ExpectedOutputs.of(events);
        PaymentDelay late = lateInvoice(scenario.finalExposures().get(OPERATOR));
        DefaultRiskAlert newAlert = alertRaisedBy(late, events);

        try (Monitor monitor = Monitor.start(MonitorSettingsFixture.onCluster(CLUSTER, stateDir, 0))) {
            String base = monitor.url();
            await("the HTTP API reports UP").atMost(Duration.ofSeconds(60))
                    .until(() -> get(base + "/health").statusCode() == 200);
            try (EventPublisher publisher = new EventPublisher(CLUSTER.bootstrapServers(), Map.of(), monitor.topics())) {
                events.forEach(publisher::send);
                publisher.flush();
                awaitScenarioServed(base, scenario);

                Path out = projectDir.resolve("target/dashboard");
                Files.createDirectories(out);
                for (String name : List.of("overview.png", "operator.png", "alerts.png", "counterparty.png",
                        "lender.png", "chain-of-pain.png", "chain-of-pain-live.png", "failure.png")) {
                    Files.deleteIfExists(out.resolve(name));
                }
                Path stdout = out.resolve("dashboard.out");
                Path stderr = out.resolve("dashboard.err");
                List<String> command = List.of(System.getProperty("exposure.node", "node"),
                        "src/test/e2e/dashboard.mjs", base, "target/dashboard",
                        "--expect-alert=" + OPERATOR + ":" + newAlert.getRule());
                long deadline = System.nanoTime() + SCRIPT_TIMEOUT.toNanos();
                Process node = start(command, projectDir, stdout, stderr);
                try {
                    await("dashboard.mjs prints PAGE_READY (the page is open and listening)")
                            .atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                            .until(() -> !node.isAlive() || read(stdout).contains("PAGE_READY"));
                    assertThat(read(stdout)).as("dashboard.mjs ended before the page was ready; stdout:%n%s%nstderr:%n%s",
                            read(stdout), read(stderr)).contains("PAGE_READY");

                    publisher.send(late);
                    publisher.flush();

                    long left = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(deadline - System.nanoTime()));
                    if (!node.waitFor(left, TimeUnit.SECONDS)) {
                        fail("dashboard.mjs did not finish within %s; stdout:%n%s%nstderr:%n%s", SCRIPT_TIMEOUT,
                                read(stdout), read(stderr));
                    }
                } finally {
                    if (node.isAlive()) {
                        node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    }
                }
                String output = read(stdout);
                System.out.printf("$ %s%n-> exit %d%n%s%s", String.join(" ", command), node.exitValue(), output,
                        read(stderr));
                assertThat(node.exitValue()).as("dashboard.mjs exit code; stdout:%n%s%nstderr:%n%s", output,
                        read(stderr)).isZero();

                JsonNode result = lastJsonLine(output);
                assertThat(result.path("ok").asBoolean()).as("result %s", result).isTrue();
                assertThat(result.path("newAlert").path("alertId").asText()).as("the alert the page saw arrive")
                        .isEqualTo(newAlert.getAlertId());
                assertThat(result.path("operators").asInt()).isEqualTo(scenario.finalExposures().size());
                assertChainOfPain(result.path("chain"), scenario.finalExposures().values());
                for (String name : SCREENSHOTS) {
                    Path png = out.resolve(name);
                    assertThat(png).as("screenshot %s", png).exists();
                    assertThat(Files.size(png)).as("size of %s", png).isGreaterThan(10_000L);
                }
            }
        }
    }

    /** What the chain-of-pain page showed, against the scenario's lenders, operators and counterparties. */
    private static void assertChainOfPain(JsonNode chain, Collection<OperatorExposure> exposures) {
        Set<String> lenders = new TreeSet<>();
        Set<String> counterparties = new TreeSet<>();
        for (OperatorExposure e : exposures) {
            e.getLenders().forEach(l -> lenders.add(l.getLenderId()));
            e.getRevenueConcentration().getBreakdown().forEach(b -> counterparties.add(b.getCounterpartyId()));
            e.getBacklogConcentration().getBreakdown().forEach(b -> counterparties.add(b.getCounterpartyId()));
            e.getDelinquency().forEach(d -> counterparties.add(d.getCounterpartyId()));
        }
        assertThat(chain.path("lenders").asInt()).as("lenders drawn, %s", chain).isEqualTo(lenders.size());
        assertThat(chain.path("operators").asInt()).as("operators drawn, %s", chain).isEqualTo(exposures.size());
        assertThat(chain.path("counterparties").asInt()).as("counterparties drawn, %s", chain).isEqualTo(counterparties.size());
        assertThat(chain.path("systemic")).as("systemic counterparties marked, %s", chain).isNotEmpty();
        assertThat(chain.path("critical")).as("CRITICAL operators marked, %s", chain).isNotEmpty();
        assertThat(chain.path("liveCritical").asText()).as("marked CRITICAL live on the open page").isEqualTo(OPERATOR);
    }

    /** An OPEN invoice of colo-reno's smallest counterparty, 95 days past due on the day it is reported. */
    private static PaymentDelay lateInvoice(OperatorExposure current) {
        Instant eventTime = current.getAsOf().plus(Duration.ofDays(1));
        LocalDate reported = eventTime.atZone(ZoneOffset.UTC).toLocalDate();
        return PaymentDelay.newBuilder()
                .setEventId("dashboard-it.late-invoice.1")
                .setEventTime(eventTime)
                .setOperatorId(OPERATOR)
                .setInvoiceId("inv-dashboard-it-late")
                .setCounterpartyId(COUNTERPARTY)
                .setAmountOutstanding(new BigDecimal("40000000.00"))
                .setDueDate(reported.minusDays(95))
                .setStatus(InvoiceStatus.OPEN)
                .build();
    }

    /** The oracle's word that the invoice raises PAYMENT_DELINQUENT CRITICAL for an operator that had none. */
    private static DefaultRiskAlert alertRaisedBy(PaymentDelay late, List<SpecificRecord> events) {
        ExpectedOutputs expected = ExpectedOutputs.of(events);
        List<DefaultRiskAlert> before = List.copyOf(expected.alerts().getOrDefault(OPERATOR, List.of()));
        assertThat(before).as("colo-reno's alerts before the late invoice")
                .noneMatch(a -> a.getRule().equals("PAYMENT_DELINQUENT"));
        expected.accept(late);
        List<DefaultRiskAlert> after = expected.alerts().get(OPERATOR);
        List<DefaultRiskAlert> raised = after.subList(before.size(), after.size());
        return raised.stream()
                .filter(a -> a.getRule().equals("PAYMENT_DELINQUENT") && a.getTransition() == AlertTransition.RAISED
                        && a.getSeverity() == Severity.CRITICAL)
                .findFirst()
                .orElseThrow(() -> new AssertionError("the late invoice raises no PAYMENT_DELINQUENT CRITICAL: " + raised));
    }

    /** Waits until the API serves the scenario's final figures and active alerts, so the page opens on them. */
    private void awaitScenarioServed(String base, ExpectedOutputs expected) {
        await("every operator's figures served").atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (OperatorExposure e : expected.finalExposures().values()) {
                HttpResponse<String> response = get(base + "/operators/" + e.getOperatorId());
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(JSON.readTree(response.body())).isEqualTo(AvroJson.toTree(e));
            }
        });
        Map<String, DefaultRiskAlert> last = new TreeMap<>();
        expected.alerts().values().forEach(list -> list.forEach(a -> last.put(a.getSubjectId() + "|" + a.getRule(), a)));
        Set<String> active = new TreeSet<>();
        last.forEach((key, a) -> {
            if (a.getSeverity() != null) {
                active.add(key);
            }
        });
        await("the scenario's active operator alerts served").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Set<String> keys = new TreeSet<>();
            JSON.readTree(get(base + "/alerts?state=active").body()).forEach(a -> {
                if ("OPERATOR".equals(a.path("subjectType").asText())) { // counterparty and lender rules aside
                    keys.add(a.get("subjectId").asText() + "|" + a.get("rule").asText());
                }
            });
            assertThat(keys).isEqualTo(active);
        });
    }

    private static Process start(List<String> command, Path dir, Path stdout, Path stderr) {
        try {
            return new ProcessBuilder(command).directory(dir.toFile())
                    .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command.get(0) + " (Node.js 20+ must be on the PATH, "
                    + "or set -Dexposure.node=/path/to/node): " + e.getMessage(), e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static JsonNode lastJsonLine(String output) {
        String[] lines = output.strip().split("\\R");
        try {
            return JSON.readTree(lines[lines.length - 1]);
        } catch (IOException e) {
            throw new AssertionError("dashboard.mjs printed no JSON result line:\n" + output, e);
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
