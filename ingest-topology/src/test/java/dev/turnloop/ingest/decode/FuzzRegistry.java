package dev.turnloop.ingest.decode;

import dev.turnloop.schemas.ConversationSummary;
import dev.turnloop.schemas.TurnEvent;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * The writer schemas a fuzzed Avro turn may name, one per way a producer's schema can relate to {@code TurnEvent}:
 * the same, an older compatible one, one lacking a required field, one with a field of another type, and another
 * record altogether. Any other id is unknown. Fixed ids, so corpus files keep meaning the same thing.
 */
final class FuzzRegistry {

    static final int CURRENT = 1;
    static final int WITHOUT_OPERATION = 2;
    static final int WITHOUT_CONVERSATION_ID = 3;
    static final int STRING_TURN_INDEX = 4;
    static final int CONVERSATION_SUMMARY = 5;

    private static final Map<Integer, Schema> SCHEMAS = Map.of(
            CURRENT, TurnEvent.getClassSchema(),
            WITHOUT_OPERATION, TurnEventVariants.without("operation"),
            WITHOUT_CONVERSATION_ID, TurnEventVariants.without("conversation_id"),
            STRING_TURN_INDEX, TurnEventVariants.retyped("turn_index", "string"),
            CONVERSATION_SUMMARY, ConversationSummary.getClassSchema());

    private FuzzRegistry() {
    }

    /** The writer schema of an id, or null when the id is unknown (what the topology's registry lookup returns). */
    static Schema schemaById(int id) {
        return SCHEMAS.get(id);
    }
}
