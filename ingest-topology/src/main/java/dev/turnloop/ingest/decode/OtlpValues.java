package dev.turnloop.ingest.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads OTLP/JSON building blocks: {@code KeyValue} lists and {@code AnyValue}s
 * ({@code {"stringValue": ..} | {"intValue": ..} | {"arrayValue": {"values": [..]}} | ..}). Field names are
 * accepted in lowerCamelCase, as OTLP/JSON writes them, and in the proto's snake_case, which the protobuf JSON
 * mapping also allows; 64-bit integers are accepted as the decimal strings OTLP/JSON writes and as plain numbers.
 */
final class OtlpValues {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private OtlpValues() {
    }

    /** The field under its lowerCamelCase name or, failing that, its snake_case name; null when absent or null. */
    static JsonNode field(JsonNode parent, String camelCase, String snakeCase) {
        JsonNode node = JsonFields.given(parent, camelCase);
        return node != null ? node : JsonFields.given(parent, snakeCase);
    }

    /** A repeated field as an iterable array node; absent means empty, anything but an array is invalid. */
    static JsonNode repeated(JsonNode parent, String camelCase, String snakeCase, String path) {
        JsonNode node = field(parent, camelCase, snakeCase);
        if (node == null) {
            return NODES.arrayNode();
        }
        if (!node.isArray()) {
            throw JsonFields.invalid(path, "an array", node);
        }
        return node;
    }

    /** A {@code KeyValue} list as a map from key to {@code AnyValue}; a repeated key keeps its last value. */
    static Map<String, JsonNode> attributes(JsonNode parent, String path) {
        Map<String, JsonNode> attributes = new LinkedHashMap<>();
        for (JsonNode keyValue : repeated(parent, "attributes", "attributes", path)) {
            JsonNode key = keyValue.get("key");
            if (key != null && key.isTextual()) {
                JsonNode value = keyValue.get("value");
                attributes.put(key.textValue(), value == null ? NODES.objectNode() : value);
            }
        }
        return attributes;
    }

    /** A scalar {@code AnyValue} as text; empty for arrays, key-value lists and unset values. */
    static Optional<String> string(JsonNode anyValue) {
        JsonNode json = toJson(anyValue);
        return json.isValueNode() && !json.isNull() ? Optional.of(json.asText()) : Optional.empty();
    }

    /** An integer {@code AnyValue}: an intValue, or a stringValue that holds a decimal integer. */
    static OptionalLong integer(JsonNode anyValue) {
        JsonNode json = toJson(anyValue);
        if (json.isIntegralNumber() && json.canConvertToLong()) {
            return OptionalLong.of(json.longValue());
        }
        String text = json.isTextual() ? json.textValue().trim() : "";
        return text.matches("-?\\d{1,18}") ? OptionalLong.of(Long.parseLong(text)) : OptionalLong.empty();
    }

    /** An {@code AnyValue} as the plain JSON it stands for, so structured and JSON-string attributes parse alike. */
    static JsonNode toJson(JsonNode anyValue) {
        if (anyValue == null || !anyValue.isObject() || anyValue.isEmpty()) {
            return NODES.nullNode();
        }
        Map.Entry<String, JsonNode> only = anyValue.properties().iterator().next();
        JsonNode value = only.getValue();
        return switch (only.getKey()) {
            case "stringValue", "string_value", "bytesValue", "bytes_value" -> NODES.textNode(value.asText());
            case "boolValue", "bool_value" -> NODES.booleanNode(value.asBoolean());
            case "intValue", "int_value" -> value.isIntegralNumber() ? value : integerFromText(value.asText());
            case "doubleValue", "double_value" -> NODES.numberNode(value.asDouble());
            case "arrayValue", "array_value" -> {
                ArrayNode array = NODES.arrayNode();
                repeated(value, "values", "values", "arrayValue.values").forEach(element -> array.add(toJson(element)));
                yield array;
            }
            case "kvlistValue", "kvlist_value" -> {
                ObjectNode object = NODES.objectNode();
                repeated(value, "values", "values", "kvlistValue.values").forEach(keyValue -> {
                    JsonNode key = keyValue.get("key");
                    if (key != null && key.isTextual()) {
                        object.set(key.textValue(), toJson(keyValue.get("value")));
                    }
                });
                yield object;
            }
            default -> NODES.nullNode();
        };
    }

    private static JsonNode integerFromText(String text) {
        String trimmed = text.trim();
        return trimmed.matches("-?\\d{1,18}") ? NODES.numberNode(Long.parseLong(trimmed)) : NODES.textNode(text);
    }

    /** A fixed64 nanosecond timestamp, written by OTLP/JSON as a decimal string; 0 when absent. */
    static long nanos(JsonNode parent, String camelCase, String snakeCase, String path) {
        JsonNode node = field(parent, camelCase, snakeCase);
        if (node == null) {
            return 0;
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isTextual() && node.textValue().trim().matches("\\d{1,19}")) {
            try {
                return Long.parseLong(node.textValue().trim());
            } catch (NumberFormatException e) {
                // 19 digits above Long.MAX_VALUE: falls through to the error below
            }
        }
        throw JsonFields.invalid(path, "unix nanoseconds as a decimal string", node);
    }
}
