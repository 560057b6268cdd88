package dev.turnloop.ingest.decode;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Typed reads of JSON object fields that fail with a {@link DecodeException} naming the field, so decoders stay a
 * list of field mappings. A field that is absent or JSON {@code null} counts as not given. Failure details name the
 * field and the JSON type found, never the value, because values may be conversation text.
 */
final class JsonFields {

    private JsonFields() {
    }

    /** A string field; numbers and booleans are accepted as their text, since producers often send numeric ids. */
    static Optional<String> string(JsonNode parent, String field, String path) {
        JsonNode node = given(parent, field);
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isValueNode()) {
            throw invalid(path, "a string", node);
        }
        return Optional.of(node.asText());
    }

    static String requiredString(JsonNode parent, String field, String path) {
        return string(parent, field, path).orElseThrow(() -> missing(path));
    }

    /** An integer field; it must be a JSON integer that fits in 32 bits (3.0 or "3" are rejected). */
    static OptionalInt integer(JsonNode parent, String field, String path) {
        JsonNode node = given(parent, field);
        if (node == null) {
            return OptionalInt.empty();
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw invalid(path, "a 32-bit integer", node);
        }
        return OptionalInt.of(node.intValue());
    }

    static int requiredInteger(JsonNode parent, String field, String path) {
        return integer(parent, field, path).orElseThrow(() -> missing(path));
    }

    /** A 64-bit integer field; it must be a JSON integer that fits in 64 bits. */
    static OptionalLong longInteger(JsonNode parent, String field, String path) {
        JsonNode node = given(parent, field);
        if (node == null) {
            return OptionalLong.empty();
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw invalid(path, "a 64-bit integer", node);
        }
        return OptionalLong.of(node.longValue());
    }

    static Optional<JsonNode> object(JsonNode parent, String field, String path) {
        JsonNode node = given(parent, field);
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            throw invalid(path, "an object", node);
        }
        return Optional.of(node);
    }

    static Optional<JsonNode> array(JsonNode parent, String field, String path) {
        JsonNode node = given(parent, field);
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isArray()) {
            throw invalid(path, "an array", node);
        }
        return Optional.of(node);
    }

    /** The field's node, or null when it is absent or JSON null. */
    static JsonNode given(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        return node == null || node.isNull() ? null : node;
    }

    static DecodeException missing(String path) {
        return new DecodeException(DeadLetterReason.MISSING_REQUIRED_FIELD, "required field '" + path + "' is missing");
    }

    static DecodeException invalid(String path, String expected, JsonNode found) {
        String type = found.getNodeType().name().toLowerCase(Locale.ROOT);
        if (found.isNumber()) {
            type += " (" + found.numberType().name().toLowerCase(Locale.ROOT) + ")";
        }
        return new DecodeException(DeadLetterReason.INVALID_VALUE, "field '" + path + "' must be " + expected + " but is a JSON " + type);
    }
}
