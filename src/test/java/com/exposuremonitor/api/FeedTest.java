package com.exposuremonitor.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.exposuremonitor.avro.DefaultRiskAlert;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

class FeedTest {

    @Test
    void subscribersGetChangesUntilTheyUnsubscribe() {
        FeedHub hub = new FeedHub(10);
        List<DefaultRiskAlert> seen = new ArrayList<>();
        Subscription subscription = hub.subscribeAlerts(seen::add);

        hub.publishAlert(ApiFixtures.alert("op-1", "DSCR_LOW"));
        subscription.close();
        subscription.close();
        hub.publishAlert(ApiFixtures.alert("op-2", "DSCR_LOW"));

        assertThat(seen).extracting(DefaultRiskAlert::getSubjectId).containsExactly("op-1");
        assertThat(hub.subscriberCount()).isZero();
    }

    @Test
    void aFailingSubscriberDoesNotStopTheOthers() {
        FeedHub hub = new FeedHub(0);
        List<String> seen = new ArrayList<>();
        hub.subscribeExposures(e -> {
            throw new IllegalStateException("boom");
        });
        hub.subscribeExposures(e -> seen.add(e.getOperatorId()));

        hub.publishExposure(ApiFixtures.exposure("op-1"));

        assertThat(seen).containsExactly("op-1");
    }

    @Test
    void recentAlertsAreBounded() {
        FeedHub hub = new FeedHub(3);
        for (int i = 1; i <= 5; i++) {
            hub.publishAlert(ApiFixtures.alert("op-" + i, "DSCR_LOW"));
        }

        assertThat(hub.recentAlerts()).extracting(DefaultRiskAlert::getSubjectId)
                .containsExactly("op-3", "op-4", "op-5");
        assertThat(FeedSource.none().recentAlerts()).isEmpty();
    }

    @Test
    void theConsumerReadsCommittedWithoutAGroup() {
        Map<String, Object> config = LiveFeed.consumerConfig("broker:9092",
                Map.of("security.protocol", "SASL_SSL", ConsumerConfig.GROUP_ID_CONFIG, "g",
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted"));

        assertThat(config).containsEntry(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9092")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)
                .doesNotContainKey(ConsumerConfig.GROUP_ID_CONFIG);
    }
}
