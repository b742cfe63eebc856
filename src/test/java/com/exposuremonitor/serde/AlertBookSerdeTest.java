package com.exposuremonitor.serde;

import static org.assertj.core.api.Assertions.assertThat;

import com.exposuremonitor.avro.Severity;
import com.exposuremonitor.domain.alerts.AlertBook;
import com.exposuremonitor.domain.alerts.AlertState;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Alert books round-trip through the binary store format, and books stored as JSON are still read. */
class AlertBookSerdeTest {
    private final AlertBookSerde serde = new AlertBookSerde();
    private final AlertBook book = AlertBook.of(Map.of(
            "DSCR_LOW", new AlertState(Severity.CRITICAL, Instant.parse("2026-06-30T12:00:00.123456789Z"), 3, 0.91),
            "CONCENTRATION", new AlertState(null, null, 2, null)));

    @Test
    void aBookRoundTripsExactly() {
        byte[] bytes = serde.serializer().serialize("t", book);
        assertThat(bytes[0]).as("binary, not JSON").isEqualTo((byte) 1);
        assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(book);
        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", new AlertBook())))
                .isEqualTo(new AlertBook());
    }

    @Test
    void aBookStoredAsJsonByAnEarlierVersionIsStillRead() {
        byte[] json = new JsonSerde<>(AlertBook.class).serializer().serialize("t", book);
        assertThat(serde.deserializer().deserialize("t", json)).isEqualTo(book);
    }
}
