package com.exposuremonitor.domain;

import static com.exposuremonitor.domain.Fixtures.T0;
import static com.exposuremonitor.domain.Fixtures.financing;
import static com.exposuremonitor.domain.Fixtures.usd;
import static org.assertj.core.api.Assertions.assertThat;

import com.exposuremonitor.avro.Financing;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SnapshotVersionTest {

    private static final SnapshotVersion V1 = new SnapshotVersion(T0, "e-1");

    @Test
    void firstSnapshotIsApplied() {
        assertThat(SnapshotVersion.decide(null, V1, false)).isEqualTo(SnapshotDecision.APPLY);
    }

    @Test
    void newerEventTimeWinsWhateverTheEventId() {
        SnapshotVersion newer = new SnapshotVersion(T0.plusMillis(1), "a");
        assertThat(SnapshotVersion.decide(V1, newer, false)).isEqualTo(SnapshotDecision.APPLY);
        assertThat(SnapshotVersion.decide(newer, V1, false)).isEqualTo(SnapshotDecision.STALE);
    }

    @Test
    void equalEventTimeLargerEventIdWins() {
        SnapshotVersion larger = new SnapshotVersion(T0, "e-2");
        assertThat(SnapshotVersion.decide(V1, larger, false)).isEqualTo(SnapshotDecision.APPLY);
        assertThat(SnapshotVersion.decide(larger, V1, false)).isEqualTo(SnapshotDecision.STALE);
    }

    @Test
    void sameEventIdIsDuplicateOrConflictByContent() {
        assertThat(SnapshotVersion.decide(V1, V1, true)).isEqualTo(SnapshotDecision.DUPLICATE);
        assertThat(SnapshotVersion.decide(V1, V1, false)).isEqualTo(SnapshotDecision.CONFLICT);
        SnapshotVersion sameIdOtherTime = new SnapshotVersion(T0.plusSeconds(5), "e-1");
        assertThat(SnapshotVersion.decide(V1, sameIdOtherTime, false)).isEqualTo(SnapshotDecision.CONFLICT);
    }

    @Test
    void recordOverloadsCompareContent() {
        Financing f = financing("f1").build();
        // Built anew rather than with newBuilder(f): Avro 1.12 refuses to deep-copy untrusted enums.
        Financing copy = financing("f1").build();
        Financing changed = financing("f1").setOutstandingPrincipal(usd("5")).build();
        assertThat(SnapshotVersion.decide(null, f)).isEqualTo(SnapshotDecision.APPLY);
        assertThat(SnapshotVersion.decide(f, copy)).isEqualTo(SnapshotDecision.DUPLICATE);
        assertThat(SnapshotVersion.decide(f, changed)).isEqualTo(SnapshotDecision.CONFLICT);
    }

    @Test
    void shuffledDeliveryConvergesToTheMaximum() {
        List<SnapshotVersion> versions = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            versions.add(new SnapshotVersion(T0.plusSeconds(i % 4), "e-" + (char) ('a' + i)));
        }
        SnapshotVersion expected = Collections.max(versions);
        Random random = new Random(7);
        for (int round = 0; round < 50; round++) {
            Collections.shuffle(versions, random);
            SnapshotVersion current = null;
            for (SnapshotVersion v : versions) {
                if (SnapshotVersion.decide(current, v, false) == SnapshotDecision.APPLY) {
                    current = v;
                }
            }
            assertThat(current).isEqualTo(expected);
        }
    }

    @Test
    void maxToleratesNulls() {
        SnapshotVersion later = new SnapshotVersion(T0.plusSeconds(1), "a");
        assertThat(SnapshotVersion.max(null, V1)).isEqualTo(V1);
        assertThat(SnapshotVersion.max(V1, null)).isEqualTo(V1);
        assertThat(SnapshotVersion.max(V1, later)).isEqualTo(later);
        assertThat(later.isNewerThan(V1)).isTrue();
        assertThat(V1.isNewerThan(null)).isTrue();
    }
}
