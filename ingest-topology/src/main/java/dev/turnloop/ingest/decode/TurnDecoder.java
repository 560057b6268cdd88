package dev.turnloop.ingest.decode;

/**
 * Turns the raw value bytes of one Kafka record into {@code TurnEvent}s. Implementations never throw on bad input:
 * every problem comes back as a {@link DecodeFailure} so the caller can dead-letter the original bytes with a reason.
 * Implementations are thread-safe.
 */
@FunctionalInterface
public interface TurnDecoder {

    /**
     * @param bytes the record value; {@code null} (a tombstone) is a failure like any other malformed input
     */
    DecodeResult decode(byte[] bytes);
}
