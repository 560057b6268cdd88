package dev.turnloop.ingest.decode;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnloop.schemas.ConversationSummary;
import dev.turnloop.schemas.TurnEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
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
            WITHOUT_OPERATION, variantOfTurnEvent("operation", null),
            WITHOUT_CONVERSATION_ID, variantOfTurnEvent("conversation_id", null),
            STRING_TURN_INDEX, variantOfTurnEvent("turn_index", "string"),
            CONVERSATION_SUMMARY, ConversationSummary.getClassSchema());

    private FuzzRegistry() {
    }

    /** The writer schema of an id, or null when the id is unknown (what the topology's registry lookup returns). */
    static Schema schemaById(int id) {
        return SCHEMAS.get(id);
    }

    /** TurnEvent's schema with one top-level field removed (newType null) or retyped without a default. */
    static Schema variantOfTurnEvent(String field, String newType) {
        try {
            ObjectMapper json = new ObjectMapper();
            ObjectNode schema = (ObjectNode) json.readTree(TurnEvent.getClassSchema().toString());
            ArrayNode fields = (ArrayNode) schema.get("fields");
            for (int i = 0; i < fields.size(); i++) {
                if (fields.get(i).get("name").asText().equals(field)) {
                    if (newType == null) {
                        fields.remove(i);
                    } else {
                        ((ObjectNode) fields.get(i)).put("type", newType).remove("default");
                    }
                    break;
                }
            }
            return new Schema.Parser().parse(schema.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
