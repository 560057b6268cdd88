package dev.turnloop.ingest.decode;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnloop.schemas.TurnEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;

/** TurnEvent's schema with one top-level field changed, as an older or foreign producer might have it. */
final class TurnEventVariants {

    private TurnEventVariants() {
    }

    /** Without {@code field}. */
    static Schema without(String field) {
        return variant(field, null);
    }

    /** With {@code field} of another type and no default. */
    static Schema retyped(String field, String type) {
        return variant(field, type);
    }

    /** {@code field} removed when {@code newType} is null, else retyped. */
    private static Schema variant(String field, String newType) {
        try {
            ObjectNode schema = (ObjectNode) new ObjectMapper().readTree(TurnEvent.getClassSchema().toString());
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
