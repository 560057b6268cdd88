package dev.turnloop.ingest.decode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.Map;

/** Builds small OTLP/JSON ExportTraceServiceRequests for tests, written the way the Collector's otlp_json does. */
final class OtlpRequests {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    /** 2026-01-01T10:00:00Z in unix nanoseconds. */
    static final long T0 = 1_767_261_600_000_000_000L;

    private OtlpRequests() {
    }

    static Request request() {
        return new Request();
    }

    /** A span of {@link #TRACE} lasting one second from {@link #T0}. */
    static Span span(String spanId) {
        return new Span(TRACE, spanId).times(T0, T0 + 1_000_000_000L);
    }

    /** A chat span of the given conversation. */
    static Span chat(String spanId, String conversationId) {
        return span(spanId).attr("gen_ai.operation.name", "chat").attr("gen_ai.conversation.id", conversationId);
    }

    /** A message in the semantic-conventions shape: {role, parts: [{type: "text", content}]}. */
    static ObjectNode text(String role, String content) {
        ObjectNode message = JSON.createObjectNode().put("role", role);
        message.putArray("parts").addObject().put("type", "text").put("content", content);
        return message;
    }

    /** An assistant message that only asks for a tool. */
    static ObjectNode toolRequest(String tool) {
        ObjectNode message = JSON.createObjectNode().put("role", "assistant");
        message.putArray("parts").addObject().put("type", "tool_call").put("id", "call_1").put("name", tool);
        return message;
    }

    static ObjectNode toolResponse() {
        ObjectNode message = JSON.createObjectNode().put("role", "tool");
        message.putArray("parts").addObject().put("type", "tool_call_response").put("id", "call_1").put("response", "done");
        return message;
    }

    /** Messages as the JSON string that most SDKs record on spans. */
    static String messages(JsonNode... messages) {
        ArrayNode array = JSON.createArrayNode();
        for (JsonNode message : messages) {
            array.add(message);
        }
        return array.toString();
    }

    /** An OTLP AnyValue: strings, numbers and booleans become their typed value, JSON nodes are used as given. */
    static JsonNode anyValue(Object value) {
        ObjectNode any = JSON.createObjectNode();
        if (value instanceof JsonNode node) {
            return node;
        } else if (value instanceof Integer || value instanceof Long) {
            any.put("intValue", value.toString());
        } else if (value instanceof Boolean bool) {
            any.put("boolValue", bool);
        } else {
            any.put("stringValue", value.toString());
        }
        return any;
    }

    static ArrayNode keyValues(Map<String, ?> attributes) {
        ArrayNode list = JSON.createArrayNode();
        attributes.forEach((key, value) -> list.addObject().put("key", key).set("value", anyValue(value)));
        return list;
    }

    static final class Request {
        private final ObjectNode root = JSON.createObjectNode();
        private final ObjectNode resource;
        private final ArrayNode spans;

        private Request() {
            ObjectNode resourceSpans = root.putArray("resourceSpans").addObject();
            resource = resourceSpans.putObject("resource");
            resource.putArray("attributes");
            ObjectNode scopeSpans = resourceSpans.putArray("scopeSpans").addObject();
            scopeSpans.putObject("scope").put("name", "test.instrumentation");
            spans = scopeSpans.putArray("spans");
        }

        Request resource(String key, Object value) {
            ((ArrayNode) resource.get("attributes")).addObject().put("key", key).set("value", anyValue(value));
            return this;
        }

        Request span(Span span) {
            spans.add(span.node);
            return this;
        }

        byte[] toBytes() {
            try {
                return JSON.writeValueAsBytes(root);
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static final class Span {
        final ObjectNode node = JSON.createObjectNode();

        private Span(String traceId, String spanId) {
            node.put("traceId", traceId).put("spanId", spanId).put("name", "span").put("kind", 1);
            node.putArray("attributes");
            node.putObject("status");
        }

        Span times(long startNanos, long endNanos) {
            node.put("startTimeUnixNano", Long.toString(startNanos)).put("endTimeUnixNano", Long.toString(endNanos));
            return this;
        }

        Span attr(String key, Object value) {
            ((ArrayNode) node.get("attributes")).addObject().put("key", key).set("value", anyValue(value));
            return this;
        }

        Span status(int code, String message) {
            node.putObject("status").put("code", code).put("message", message);
            return this;
        }

        Span event(String name, Map<String, ?> attributes) {
            ArrayNode events = node.has("events") ? (ArrayNode) node.get("events") : node.putArray("events");
            ObjectNode event = events.addObject().put("timeUnixNano", node.get("startTimeUnixNano").asText()).put("name", name);
            event.set("attributes", keyValues(attributes));
            return this;
        }

        Span without(String field) {
            node.remove(field);
            return this;
        }
    }
}
