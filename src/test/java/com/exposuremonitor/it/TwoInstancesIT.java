package com.exposuremonitor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.exposuremonitor.replay.EventPublisher;
import com.exposuremonitor.replay.Scenario;
import com.exposuremonitor.api.Lookup;
import com.exposuremonitor.runtime.Monitor;
import com.exposuremonitor.runtime.MonitorSettings;
import com.exposuremonitor.testing.EmbeddedKafkaExtension;
import com.exposuremonitor.testing.MonitorSettingsFixture;
import com.exposuremonitor.verify.ExpectedOutputs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Two instances of one application share the work; each answers for every operator, forwarding as needed. */
class TwoInstancesIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension CLUSTER = new EmbeddedKafkaExtension();

    @TempDir
    Path stateA;

    @TempDir
    Path stateB;

    @Test
    void everyOperatorIsAnsweredByBothInstances() throws Exception {
        MonitorSettings a = MonitorSettingsFixture.onCluster(CLUSTER, stateA, 0);
        MonitorSettings b = a.withStateDir(stateB);
        List<SpecificRecord> events = Scenario.aiDatacenters().records();
        Set<String> operators = ExpectedOutputs.of(events).finalExposures().keySet();
        try (Monitor first = Monitor.start(a); Monitor second = Monitor.start(b)) {
            await("both instances running").atMost(Duration.ofSeconds(90)).until(() ->
                    first.streams().state() == KafkaStreams.State.RUNNING
                            && second.streams().state() == KafkaStreams.State.RUNNING);
            try (EventPublisher publisher = new EventPublisher(CLUSTER.bootstrapServers(), Map.of(), first.topics())) {
                events.forEach(publisher::send);
                publisher.flush();
            }
            await("the work is split across both instances").atMost(Duration.ofSeconds(60)).until(() ->
                    localCount(first) > 0 && localCount(second) > 0 && localCount(first) + localCount(second) == operators.size());
            HttpClient http = HttpClient.newHttpClient();
            for (Monitor instance : List.of(first, second)) {
                for (String operator : operators) {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create(instance.url() + "/operators/" + operator)).build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(response.statusCode()).as("%s asked %s", instance.url(), operator).isEqualTo(200);
                    assertThat(response.body()).contains("\"operatorId\":\"" + operator + "\"");
                }
                HttpResponse<String> all = http.send(HttpRequest.newBuilder(URI.create(instance.url() + "/operators"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                operators.forEach(op -> assertThat(all.body()).contains("\"operatorId\":\"" + op + "\""));
            }
        }
    }

    private static int localCount(Monitor monitor) {
        return monitor.queries().localOperators() instanceof Lookup.Found<?> found ? ((List<?>) found.value()).size() : -1;
    }
}
