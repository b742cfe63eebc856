package com.exposuremonitor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.exposuremonitor.avro.OperatorExposure;
import com.exposuremonitor.testing.ExposureHarness;
import com.exposuremonitor.testing.SampleEvents;
import java.time.Instant;
import org.apache.kafka.streams.state.VersionedKeyValueStore;
import org.apache.kafka.streams.state.VersionedRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every exposure the production topology publishes is kept by operator and asOf, for history and point-in-time. */
class ExposureHistoryTest {
    private final ExposureHarness harness = new ExposureHarness();

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void eachPublishedExposureIsKeptUnderItsAsOfAndAnsweredAsOfAnyLaterTime() {
        harness.send(SampleEvents.bond("op-h", 1));
        harness.send(SampleEvents.batch("op-h", 2));
        harness.send(SampleEvents.bond("op-h", 3));
        var published = harness.feed.readValuesToList();
        assertThat(published).hasSize(3);

        VersionedKeyValueStore<String, OperatorExposure> history =
                harness.driver.getVersionedKeyValueStore(ExposureTopology.HISTORY_STORE);
        for (OperatorExposure e : published) {
            long asOf = e.getAsOf().toEpochMilli();
            VersionedRecord<OperatorExposure> at = history.get("op-h", asOf);
            assertThat(at.value()).as("as of %s", e.getAsOf()).isEqualTo(e);
            assertThat(history.get("op-h", asOf + 500).value()).as("half a second later: still that one").isEqualTo(e);
        }
        Instant beforeFirst = published.get(0).getAsOf().minusSeconds(1);
        assertThat(history.get("op-h", beforeFirst.toEpochMilli())).as("nothing before the first").isNull();
        assertThat(history.get("op-h").value()).isEqualTo(published.get(2));
        assertThat(published.get(1).getLenders().get(0).getOutstanding())
                .as("a point in the past differs from now").isNotEqualTo(published.get(2).getLenders().get(0).getOutstanding());
    }
}
