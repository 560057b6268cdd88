package dev.turnloop.ingest.topology;

import dev.turnloop.schemas.TurnEvent;

/** The result of decoding one input record: a turn to process, or a dead letter holding the original bytes. */
sealed interface Decoded {

    /**
     * @param keyedByConversation the input key already was the conversation id, so no repartition is needed
     */
    record Turn(TurnEvent turn, String source, boolean keyedByConversation) implements Decoded {
    }

    /** Original key and value; the reason travels in the record's headers. */
    record DeadLetter(byte[] key, byte[] value) implements Decoded {
    }
}
