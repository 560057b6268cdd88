package dev.turnloop.ingest.decode;

import dev.turnloop.schemas.serde.TrustedContract;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.turnloop.schemas.EndMarker;
import dev.turnloop.schemas.EndReason;
import dev.turnloop.schemas.Feedback;
import dev.turnloop.schemas.Role;
import dev.turnloop.schemas.Thumbs;
import dev.turnloop.schemas.ToolCall;
import dev.turnloop.schemas.ToolStatus;
import dev.turnloop.schemas.TurnEvent;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Decodes a turn that a producer wrote as one JSON object, for runtimes that cannot speak Avro and a schema registry.
 * Field names are the snake_case names of {@code TurnEvent.avsc}; absent or {@code null} fields take the schema's
 * defaults; unknown fields are ignored so producers may run ahead of the schema.
 *
 * <p>Accepted forms beyond plain JSON types:
 * <ul>
 *   <li>{@code event_time}: epoch milliseconds (a JSON integer or a string of digits) or an ISO-8601 date-time with
 *       an offset ({@code 2026-01-05T10:15:30Z}, {@code 2026-01-05T11:15:30+01:00}); a local time without offset is
 *       rejected as ambiguous.</li>
 *   <li>{@code role}, {@code tool_calls[].status}, {@code feedback.thumbs}, {@code end.reason}: schema symbols in
 *       any case, with '-' or ' ' for '_' ({@code "human-agent"} is {@code HUMAN_AGENT}). Unknown symbols are
 *       rejected as {@link DeadLetterReason#INVALID_VALUE} rather than read as UNKNOWN, so typos surface.</li>
 *   <li>string fields also take JSON numbers and booleans as their text (numeric conversation ids are common).</li>
 *   <li>{@code user_attributes}: an object whose values are strings, numbers or booleans; {@code null} values are
 *       dropped.</li>
 * </ul>
 *
 * <p>A missing {@code event_id} is derived deterministically as a name-based UUID of tenant, project,
 * conversation_id and turn_index, so a producer that retries the same turn gets the same id and is deduplicated;
 * a producer that sends two different turns with the same index loses one of them, which is why producers should
 * send their own ids.
 *
 * <p>This decoder checks shape and types only; ranges and sizes are {@link TurnValidator}'s job (a negative
 * turn_index decodes, then fails validation with {@link DeadLetterReason#NEGATIVE_TURN_INDEX}).
 */
public final class JsonTurnDecoder implements TurnDecoder {

    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    public JsonTurnDecoder() {
        TrustedContract.install();
    }

    @Override
    public DecodeResult decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return DecodeResult.failed(DeadLetterReason.MALFORMED_BYTES, "empty record");
        }
        JsonNode root;
        try {
            root = mapper.readTree(bytes);
        } catch (IOException e) {
            return DecodeResult.failed(DeadLetterReason.MALFORMED_BYTES, JsonErrors.describe(e));
        }
        try {
            return DecodeResult.of(toTurn(root));
        } catch (DecodeException e) {
            return DecodeResult.failed(e.failure());
        }
    }

    private static TurnEvent toTurn(JsonNode root) {
        if (root.isMissingNode()) {
            throw new DecodeException(DeadLetterReason.MALFORMED_BYTES, "record holds no JSON value");
        }
        if (!root.isObject()) {
            throw JsonFields.invalid("$", "a JSON object", root);
        }
        String tenant = JsonFields.string(root, "tenant", "tenant").orElse("default");
        String project = JsonFields.string(root, "project", "project").orElse("default");
        String conversationId = JsonFields.requiredString(root, "conversation_id", "conversation_id");
        int turnIndex = JsonFields.requiredInteger(root, "turn_index", "turn_index");
        Instant eventTime = eventTime(root);
        Role role = symbol(Role.class, JsonFields.requiredString(root, "role", "role"), "role");
        String eventId = JsonFields.string(root, "event_id", "event_id")
                .orElseGet(() -> EventIds.derive(tenant, project, conversationId, Integer.toString(turnIndex)));
        return TurnEvent.newBuilder()
                .setEventId(eventId)
                .setTenant(tenant)
                .setProject(project)
                .setConversationId(conversationId)
                .setTurnIndex(turnIndex)
                .setEventTime(eventTime)
                .setRole(role)
                .setText(optionalString(root, "text"))
                .setAgentName(optionalString(root, "agent_name"))
                .setAgentVersion(optionalString(root, "agent_version"))
                .setPromptVersion(optionalString(root, "prompt_version"))
                .setHarnessVersion(optionalString(root, "harness_version"))
                .setConfigVersion(optionalString(root, "config_version"))
                .setUserId(JsonFields.string(root, "user_id", "user_id").orElse(null))
                .setUserAttributes(userAttributes(root))
                .setToolCalls(toolCalls(root))
                .setFeedback(JsonFields.object(root, "feedback", "feedback").map(JsonTurnDecoder::feedback).orElse(null))
                .setEnd(JsonFields.object(root, "end", "end").map(JsonTurnDecoder::end).orElse(null))
                .setOperation(JsonFields.string(root, "operation", "operation").orElse("chat"))
                .build();
    }

    private static String optionalString(JsonNode root, String field) {
        return JsonFields.string(root, field, field).orElse("");
    }

    private static Instant eventTime(JsonNode root) {
        JsonNode node = JsonFields.given(root, "event_time");
        if (node == null) {
            throw JsonFields.missing("event_time");
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return Instant.ofEpochMilli(node.longValue());
        }
        if (node.isTextual()) {
            String text = node.textValue().trim();
            try {
                return text.matches("-?\\d{1,18}") ? Instant.ofEpochMilli(Long.parseLong(text)) : OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                throw new DecodeException(DeadLetterReason.INVALID_VALUE,
                        "field 'event_time' is neither epoch millis nor an ISO-8601 date-time with offset");
            }
        }
        throw JsonFields.invalid("event_time", "epoch millis or an ISO-8601 string", node);
    }

    private static Map<String, String> userAttributes(JsonNode root) {
        Map<String, String> attributes = new LinkedHashMap<>();
        JsonFields.object(root, "user_attributes", "user_attributes").ifPresent(object -> object.properties().forEach(entry -> {
            JsonNode value = entry.getValue();
            if (value.isNull()) {
                return;
            }
            if (!value.isValueNode()) {
                throw JsonFields.invalid("user_attributes." + entry.getKey(), "a string", value);
            }
            attributes.put(entry.getKey(), value.asText());
        }));
        return attributes;
    }

    private static List<ToolCall> toolCalls(JsonNode root) {
        List<ToolCall> calls = new ArrayList<>();
        JsonFields.array(root, "tool_calls", "tool_calls").ifPresent(array -> {
            for (int i = 0; i < array.size(); i++) {
                String path = "tool_calls[" + i + "]";
                JsonNode call = array.get(i);
                if (!call.isObject()) {
                    throw JsonFields.invalid(path, "an object", call);
                }
                calls.add(ToolCall.newBuilder()
                        .setName(JsonFields.requiredString(call, "name", path + ".name"))
                        .setStatus(JsonFields.string(call, "status", path + ".status")
                                .map(status -> symbol(ToolStatus.class, status, path + ".status"))
                                .orElse(ToolStatus.UNKNOWN))
                        .setLatencyMs(JsonFields.longInteger(call, "latency_ms", path + ".latency_ms").orElse(0))
                        .setError(JsonFields.string(call, "error", path + ".error").orElse(null))
                        .build());
            }
        });
        return calls;
    }

    private static Feedback feedback(JsonNode node) {
        return Feedback.newBuilder()
                .setThumbs(JsonFields.string(node, "thumbs", "feedback.thumbs")
                        .map(thumbs -> symbol(Thumbs.class, thumbs, "feedback.thumbs"))
                        .orElse(null))
                .setRating(rating(node))
                .setComment(JsonFields.string(node, "comment", "feedback.comment").orElse(null))
                .build();
    }

    private static Integer rating(JsonNode feedback) {
        OptionalInt rating = JsonFields.integer(feedback, "rating", "feedback.rating");
        return rating.isPresent() ? rating.getAsInt() : null;
    }

    private static EndMarker end(JsonNode node) {
        return EndMarker.newBuilder()
                .setReason(JsonFields.string(node, "reason", "end.reason")
                        .map(reason -> symbol(EndReason.class, reason, "end.reason"))
                        .orElse(EndReason.UNKNOWN))
                .build();
    }

    private static <E extends Enum<E>> E symbol(Class<E> type, String value, String path) {
        return EnumNames.parse(type, value).orElseThrow(() -> new DecodeException(DeadLetterReason.INVALID_VALUE,
                "field '" + path + "' is not one of " + Arrays.toString(type.getEnumConstants())));
    }
}
