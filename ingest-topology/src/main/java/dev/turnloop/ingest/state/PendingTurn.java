package dev.turnloop.ingest.state;

/**
 * A turn held back because an earlier turn of its conversation has not arrived yet.
 *
 * @param turnIndex its position in the conversation
 * @param heldSince stream time when it was held, to release it after the reorder grace
 * @param source the input it came from (avro, json, otlp)
 * @param encodedTurn the TurnEvent in Avro single-object encoding
 */
public record PendingTurn(int turnIndex, long heldSince, String source, byte[] encodedTurn) {
}
