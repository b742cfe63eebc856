package com.exposuremonitor.it;

import com.exposuremonitor.testing.AvroRoundTripScenario;
import com.exposuremonitor.testing.EmbeddedKafkaExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Avro records through the embedded KRaft broker and the embedded registry, and back, equal. */
class AvroRoundTripIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension CLUSTER = new EmbeddedKafkaExtension();

    @Test
    void recordsProducedWithOurSerializerComeBackEqual() throws Exception {
        AvroRoundTripScenario.run(CLUSTER.bootstrapServers(), CLUSTER.registryUrl());
    }
}
