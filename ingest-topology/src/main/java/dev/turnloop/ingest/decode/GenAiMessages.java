package dev.turnloop.ingest.decode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnloop.schemas.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the chat messages of a GenAI span in whichever form its instrumentation recorded them, newest convention
 * first:
 * <ol>
 *   <li>{@code gen_ai.input.messages} / {@code gen_ai.output.messages} span attributes (semantic conventions 1.37+),
 *       as a JSON string or a structured value: {@code [{role, parts: [{type: "text", content}]}]};</li>
 *   <li>span events {@code gen_ai.{system,user,assistant,tool}.message} and {@code gen_ai.choice} (1.28 to 1.36),
 *       with the body in a {@code gen_ai.event.content} JSON attribute or in {@code content} / {@code message}
 *       attributes;</li>
 *   <li>span events {@code gen_ai.content.prompt} / {@code gen_ai.content.completion} with {@code gen_ai.prompt} /
 *       {@code gen_ai.completion} attributes (up to 1.27);</li>
 *   <li>indexed attributes {@code gen_ai.prompt.N.role|content} / {@code gen_ai.completion.N.role|content}
 *       (OpenLLMetry).</li>
 * </ol>
 * Message content may be a parts array, a plain string, or an OpenAI-style array of {@code {type: "text", text}}.
 */
final class GenAiMessages {

    /** The messages sent to the model and the choices it returned. */
    record Exchange(List<ChatMessage> input, List<ChatMessage> output) {

        boolean isEmpty() {
            return input.isEmpty() && output.isEmpty();
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern INDEXED = Pattern.compile("gen_ai\\.(prompt|completion)\\.(\\d{1,4})\\.(role|content)");

    private GenAiMessages() {
    }

    static Exchange of(OtlpSpan span) {
        JsonNode input = span.attributes().get(OtelAttributeNames.INPUT_MESSAGES);
        JsonNode output = span.attributes().get(OtelAttributeNames.OUTPUT_MESSAGES);
        if (input != null || output != null) {
            return new Exchange(
                    input == null ? List.of() : messages(OtlpValues.toJson(input), Role.USER, OtelAttributeNames.INPUT_MESSAGES),
                    output == null ? List.of() : messages(OtlpValues.toJson(output), Role.ASSISTANT, OtelAttributeNames.OUTPUT_MESSAGES));
        }
        Exchange fromEvents = fromEvents(span.events());
        return fromEvents.isEmpty() ? fromIndexedAttributes(span.attributes()) : fromEvents;
    }

    private static Exchange fromEvents(List<OtlpSpan.Event> events) {
        List<ChatMessage> input = new ArrayList<>();
        List<ChatMessage> output = new ArrayList<>();
        for (OtlpSpan.Event event : events) {
            switch (event.name()) {
                case "gen_ai.system.message" -> input.add(eventMessage(event, Role.SYSTEM));
                case "gen_ai.user.message" -> input.add(eventMessage(event, Role.USER));
                case "gen_ai.assistant.message" -> input.add(eventMessage(event, Role.ASSISTANT));
                case "gen_ai.tool.message" -> input.add(eventMessage(event, Role.TOOL));
                case "gen_ai.choice" -> output.add(eventMessage(event, Role.ASSISTANT));
                case "gen_ai.content.prompt" -> input.addAll(contentEvent(event, "gen_ai.prompt", Role.USER));
                case "gen_ai.content.completion" -> output.addAll(contentEvent(event, "gen_ai.completion", Role.ASSISTANT));
                default -> {
                    // other events (exceptions, streaming marks) carry no messages
                }
            }
        }
        return new Exchange(input, output);
    }

    /** A 1.28-1.36 message event: its body is a JSON object in gen_ai.event.content, or the event's own attributes. */
    private static ChatMessage eventMessage(OtlpSpan.Event event, Role role) {
        JsonNode content = event.attributes().get("gen_ai.event.content");
        if (content != null) {
            JsonNode body = jsonOrText(OtlpValues.toJson(content), "gen_ai.event.content");
            return body.isObject() ? message(body, role) : new ChatMessage(role, text(body));
        }
        ObjectNode body = NODES.objectNode();
        event.attributes().forEach((key, value) -> body.set(key, OtlpValues.toJson(value)));
        return message(body, role);
    }

    /** A pre-1.28 content event: a JSON list of messages, or the bare text of one message. */
    private static List<ChatMessage> contentEvent(OtlpSpan.Event event, String attribute, Role role) {
        JsonNode value = event.attributes().get(attribute);
        if (value == null) {
            return List.of();
        }
        JsonNode json = jsonOrText(OtlpValues.toJson(value), attribute);
        return json.isTextual() ? List.of(new ChatMessage(role, json.textValue())) : messages(json, role, attribute);
    }

    private static Exchange fromIndexedAttributes(Map<String, JsonNode> attributes) {
        Map<Integer, ObjectNode> prompts = new TreeMap<>();
        Map<Integer, ObjectNode> completions = new TreeMap<>();
        attributes.forEach((key, value) -> {
            Matcher matcher = INDEXED.matcher(key);
            if (matcher.matches()) {
                Map<Integer, ObjectNode> target = matcher.group(1).equals("prompt") ? prompts : completions;
                target.computeIfAbsent(Integer.parseInt(matcher.group(2)), index -> NODES.objectNode())
                        .set(matcher.group(3), OtlpValues.toJson(value));
            }
        });
        return new Exchange(
                prompts.values().stream().map(node -> message(node, Role.USER)).toList(),
                completions.values().stream().map(node -> message(node, Role.ASSISTANT)).toList());
    }

    /** A list of messages (or a single message object), parsing it first when it was recorded as a JSON string. */
    private static List<ChatMessage> messages(JsonNode value, Role defaultRole, String attribute) {
        JsonNode json = value.isTextual() ? parse(value.textValue(), attribute) : value;
        if (json.isObject()) {
            return List.of(message(json, defaultRole));
        }
        if (!json.isArray()) {
            throw new DecodeException(DeadLetterReason.INVALID_VALUE, "attribute " + attribute + " is not a list of messages");
        }
        List<ChatMessage> messages = new ArrayList<>(json.size());
        for (JsonNode element : json) {
            if (!element.isObject()) {
                throw new DecodeException(DeadLetterReason.INVALID_VALUE, "attribute " + attribute + " holds a message that is not an object");
            }
            messages.add(message(element, defaultRole));
        }
        return messages;
    }

    private static ChatMessage message(JsonNode message, Role defaultRole) {
        JsonNode role = message.get("role");
        Role parsedRole = role != null && role.isTextual() ? Roles.fromGenAi(role.textValue()) : defaultRole;
        if (message.has("parts")) {
            return new ChatMessage(parsedRole, text(message.get("parts")));
        }
        if (message.has("content")) {
            return new ChatMessage(parsedRole, text(message.get("content")));
        }
        JsonNode inner = message.get("message");
        return inner != null && inner.isObject() ? message(inner, parsedRole) : new ChatMessage(parsedRole, "");
    }

    /**
     * The text of a content value: a string; the text parts of an array, one per line; or the text inside an
     * object ({@code {type: "text", content}}, {@code {type: "text", text}}, Azure's {@code {text: {value}}}).
     * Parts of other types (tool calls, tool responses, media) contribute nothing.
     */
    private static String text(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.textValue();
        }
        if (content.isArray()) {
            List<String> texts = new ArrayList<>();
            content.forEach(part -> {
                String text = text(part);
                if (!text.isEmpty()) {
                    texts.add(text);
                }
            });
            return String.join("\n", texts);
        }
        if (content.isObject()) {
            JsonNode type = content.get("type");
            if (type != null && !"text".equals(type.asText())) {
                return "";
            }
            for (String field : new String[] {"content", "text", "value"}) {
                if (content.has(field)) {
                    return text(content.get(field));
                }
            }
        }
        return "";
    }

    private static JsonNode jsonOrText(JsonNode value, String attribute) {
        if (!value.isTextual()) {
            return value;
        }
        String text = value.textValue().trim();
        return text.startsWith("[") || text.startsWith("{") ? parse(text, attribute) : value;
    }

    private static JsonNode parse(String json, String attribute) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new DecodeException(DeadLetterReason.INVALID_VALUE, "attribute " + attribute + " is not valid JSON");
        }
    }
}
