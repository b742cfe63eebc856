package com.exposuremonitor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.exposuremonitor.avro.OperatorExposure;
import com.exposuremonitor.replay.EventLine;
import com.exposuremonitor.replay.Scenario;
import com.exposuremonitor.testing.ExposureHarness;
import com.exposuremonitor.verify.ExpectedOutputs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/**
 * The exposure processor keeps aggregates in a bounded cache and rebuilds an evicted operator from the
 * intake's snapshot stores. With room for a single operator, the bundled scenario (4 operators,
 * interleaved) rebuilds on almost every event; the feed must still be exactly what the pure domain gives.
 */
class ExposureCacheTest {

    @Test
    void rebuildingEvictedOperatorsFromTheirSnapshotsPublishesExactlyTheDomainsFeed() throws Exception {
        List<SpecificRecord> events = Scenario.aiDatacenters().events().stream()
                .map(EventLine.Event::record).toList();
        ExpectedOutputs expected = ExpectedOutputs.of(events);

        Map<String, List<OperatorExposure>> withRebuilds = feedOf(events, 1);
        Map<String, List<OperatorExposure>> cached = feedOf(events, ExposureProcessor.CACHED_AGGREGATES_PER_TASK);

        assertThat(withRebuilds.keySet()).hasSize(4);
        withRebuilds.forEach((operatorId, feed) ->
                assertThat(feed).as(operatorId).isEqualTo(expected.exposures(operatorId)));
        assertThat(withRebuilds).isEqualTo(cached);
    }

    private static Map<String, List<OperatorExposure>> feedOf(List<SpecificRecord> events, int cachedAggregates)
            throws Exception {
        try (ExposureHarness h = new ExposureHarness(topics -> ExposureTopology.buildExposureTopology(topics,
                ExposureTopology.DEFAULT_CLOCK_INTERVAL, cachedAggregates), ExposureHarness.START)) {
            events.forEach(h::send);
            Map<String, List<OperatorExposure>> feed = new TreeMap<>();
            h.feed.readKeyValuesToList().forEach(kv -> feed.computeIfAbsent(kv.key, k -> new ArrayList<>()).add(kv.value));
            return feed;
        }
    }
}
