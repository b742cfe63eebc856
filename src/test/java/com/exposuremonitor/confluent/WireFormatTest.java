package com.exposuremonitor.confluent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WireFormatTest {

    @Test
    void readsTheBigEndianSchemaIdAfterMagicByteZero() {
        assertThat(WireFormat.schemaId(new byte[] {0, 0, 0, 1, 2, 42})).isEqualTo(258);
        assertThat(WireFormat.schemaId(new byte[] {0, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff}))
                .isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void rejectsAnotherMagicByte() {
        assertThatThrownBy(() -> WireFormat.schemaId(new byte[] {1, 0, 0, 0, 1}))
                .isInstanceOf(ConfluentException.UnknownMagicByte.class)
                .hasMessageContaining("unknown magic byte 1");
    }

    @Test
    void rejectsPayloadsShorterThanTheHeader() {
        assertThatThrownBy(() -> WireFormat.schemaId(new byte[] {0, 0, 1}))
                .isInstanceOf(ConfluentException.TruncatedPayload.class)
                .hasMessageContaining("3 bytes");
        assertThatThrownBy(() -> WireFormat.schemaId(new byte[0]))
                .isInstanceOf(ConfluentException.TruncatedPayload.class);
    }
}
