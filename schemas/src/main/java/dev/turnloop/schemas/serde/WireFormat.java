package dev.turnloop.schemas.serde;

import java.nio.ByteBuffer;

/**
 * The Confluent wire format: magic byte 0, a 4-byte big-endian schema id, then the Avro binary body. Any
 * Confluent-compatible serializer (Java, Python, Go, TypeScript) writes it, so agent runtimes in any language can
 * publish turns.
 */
public final class WireFormat {

    public static final byte MAGIC_BYTE = 0;
    public static final int HEADER_SIZE = 5;

    private WireFormat() {
    }

    /** The schema id in a wire-format payload; throws {@link MalformedPayloadException} when it is not one. */
    public static int schemaId(byte[] payload) {
        if (payload == null || payload.length < HEADER_SIZE) {
            throw new MalformedPayloadException("payload of " + (payload == null ? 0 : payload.length)
                    + " bytes is shorter than the 5-byte Confluent wire-format header");
        }
        if (payload[0] != MAGIC_BYTE) {
            throw new MalformedPayloadException("unknown magic byte " + payload[0] + " (expected 0, Confluent wire format)");
        }
        return ByteBuffer.wrap(payload, 1, 4).getInt();
    }

    public static byte[] header(int schemaId) {
        return ByteBuffer.allocate(HEADER_SIZE).put(MAGIC_BYTE).putInt(schemaId).array();
    }
}
