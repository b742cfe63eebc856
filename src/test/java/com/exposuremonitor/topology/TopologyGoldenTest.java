package com.exposuremonitor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The topologies' names are locked: processors, stores, changelogs and repartitions must match the
 * committed descriptions. After an intended change regenerate them with
 * {@code mvn -B test -Dtest=TopologyGoldenTest -Dtopologies.regenerate=true} and review the diff.
 */
class TopologyGoldenTest {

    @Test
    void everyTopologyMatchesItsCommittedDescription() throws Exception {
        if (Boolean.getBoolean("topologies.regenerate")) {
            TopologyDescriptions.write(TopologyDescriptions.DEFAULT_DIR);
        }
        for (Map.Entry<String, String> e : TopologyDescriptions.all().entrySet()) {
            Path golden = TopologyDescriptions.DEFAULT_DIR.resolve(e.getKey() + ".txt");
            assertThat(golden).as("golden description of " + e.getKey()).exists();
            assertThat(e.getValue()).as("topology %s drifted from %s", e.getKey(), golden)
                    .isEqualTo(Files.readString(golden));
        }
    }

    @Test
    void noProcessorOrStoreHasAGeneratedName() {
        TopologyDescriptions.all().forEach((name, description) ->
                assertThat(description).as(name).doesNotContainPattern("KSTREAM-[A-Z]+-\\d{10}")
                        .doesNotContainPattern("KTABLE-[A-Z]+-\\d{10}").doesNotContain("STATE-STORE-0"));
    }
}
