package dev.turnloop.ingest.it;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** OTLP/JSON ExportTraceServiceRequests as the Collector's otlp_json encoding writes them, for the flood. */
final class OtlpJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OtlpJson() {
    }

    static byte[] request(List<ObjectNode> spans) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode resourceSpans = root.putArray("resourceSpans").addObject();
        resourceSpans.putObject("resource").putArray("attributes").addObject().put("key", "service.name")
                .putObject("value").put("stringValue", "flood-bot");
        ObjectNode scopeSpans = resourceSpans.putArray("scopeSpans").addObject();
        scopeSpans.putObject("scope").put("name", "flood");
        spans.forEach(scopeSpans.putArray("spans")::add);
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A span lasting one second from startMillis with the given attributes (strings, or integers as intValue). */
    static ObjectNode span(String traceId, String spanId, long startMillis, Map<String, Object> attributes) {
        ObjectNode span = JSON.createObjectNode().put("traceId", traceId).put("spanId", spanId).put("name", "span")
                .put("kind", 1)
                .put("startTimeUnixNano", Long.toString(startMillis * 1_000_000))
                .put("endTimeUnixNano", Long.toString((startMillis + 1_000) * 1_000_000));
        ArrayNode list = span.putArray("attributes");
        attributes.forEach((key, value) -> {
            ObjectNode any = list.addObject().put("key", key).putObject("value");
            if (value instanceof Number number) {
                any.put("intValue", number.toString());
            } else {
                any.put("stringValue", value.toString());
            }
        });
        span.putObject("status");
        return span;
    }

    /** A chat span whose input ends with one new user message and whose output is the reply. */
    static ObjectNode chat(String traceId, String spanId, long startMillis, String conversationId, int userTurnIndex,
            String userText, String replyText) {
        return span(traceId, spanId, startMillis, Map.of(
                "gen_ai.operation.name", "chat",
                "gen_ai.conversation.id", conversationId,
                "turnloop.turn.index", userTurnIndex,
                "gen_ai.input.messages", messages("user", userText),
                "gen_ai.output.messages", messages("assistant", replyText)));
    }

    /** Messages as the JSON string most SDKs record: [{role, parts: [{type: "text", content}]}]. */
    static String messages(String role, String text) {
        ArrayNode messages = JSON.createArrayNode();
        ObjectNode message = messages.addObject().put("role", role);
        message.putArray("parts").addObject().put("type", "text").put("content", text);
        return messages.toString();
    }

    /** The event ids the decoder gives the user turn and the reply of a chat span with one input message. */
    static List<String> chatEventIds(String traceId, String spanId) {
        String prefix = "otlp-" + traceId + "-" + spanId + "-";
        return List.of(prefix + "in0", prefix + "out0");
    }
}
