package com.exposuremonitor.confluent;

import java.nio.ByteBuffer;

/** The Confluent framing: magic byte 0, the schema id as a 4-byte big-endian int, then the Avro binary body. */
public final class WireFormat {
    public static final byte MAGIC_BYTE = 0;
    public static final int HEADER_SIZE = 5;

    private WireFormat() {
    }

    /** The schema id a framed payload names, after checking magic byte and length. */
    public static int schemaId(byte[] payload) {
        if (payload.length < 1) {
            throw new ConfluentException.TruncatedPayload("empty payload, no magic byte", null);
        }
        if (payload[0] != MAGIC_BYTE) {
            throw new ConfluentException.UnknownMagicByte(payload[0] & 0xff);
        }
        if (payload.length < HEADER_SIZE) {
            throw new ConfluentException.TruncatedPayload(
                    payload.length + " bytes, shorter than the 5-byte header", null);
        }
        return ByteBuffer.wrap(payload, 1, 4).getInt();
    }

    static byte[] frame(int schemaId, byte[] body, int bodyLength) {
        return ByteBuffer.allocate(HEADER_SIZE + bodyLength)
                .put(MAGIC_BYTE)
                .putInt(schemaId)
                .put(body, 0, bodyLength)
                .array();
    }
}
