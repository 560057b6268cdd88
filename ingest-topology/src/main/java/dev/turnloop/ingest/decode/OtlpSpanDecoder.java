package dev.turnloop.ingest.decode;

import dev.turnloop.schemas.serde.TrustedContract;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnloop.schemas.EndMarker;
import dev.turnloop.schemas.EndReason;
import dev.turnloop.schemas.Role;
import dev.turnloop.schemas.ToolCall;
import dev.turnloop.schemas.ToolStatus;
import dev.turnloop.schemas.TurnEvent;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Maps OpenTelemetry GenAI spans to turns, so agent runtimes that are already traced can feed turnloop through an
 * OpenTelemetry Collector with the Kafka exporter and {@code encoding: otlp_json}: each Kafka record is one
 * {@code ExportTraceServiceRequest} in OTLP/JSON holding spans of many traces. The full mapping table is in
 * {@code schemas/README.md}; in short:
 * <ul>
 *   <li>A message span (by default operations chat, text_completion, generate_content, invoke_agent) gives the
 *       new user turn(s) it answers — the user messages at the end of its input, if the input ends with one — at the
 *       span's start time, and its reply — output choice 0, if it has text — at the span's end time. Earlier history
 *       in the input is not re-emitted: earlier spans emitted it. A step of an agent loop whose input ends with a tool
 *       result and whose output only requests tools gives no turn, and no failure.</li>
 *   <li>Turn index: {@code turnloop.turn.index} on the span (or its resource) is the index of the exchange's user
 *       turn; the reply is that index + 1. Without it, the index is the number of conversational messages (user,
 *       human agent, assistant with text) before the message in the input history, which is right whenever the
 *       input carries the whole conversation, as inference spans do.</li>
 *   <li>An execute_tool span becomes a {@link ToolCall} (name, status, latency, error type) on the reply turn of the
 *       same trace in the same batch that ended first at or after the tool ended (else the trace's last reply):
 *       the schema says a tool call belongs to the turn whose answer used it, and per-turn signals such as
 *       {@code tool_error:search@3} need that turn index. A tool span with no reply of its trace in the batch is an
 *       {@link DeadLetterReason#UNMAPPABLE_SPAN}; a Collector {@code groupbytrace} processor before the exporter
 *       keeps traces whole.</li>
 *   <li>event_id is {@code otlp-<traceId>-<spanId>-in<i>} for input message i and {@code -out0} for the reply, so
 *       a re-exported span yields the same ids.</li>
 * </ul>
 * Spans without {@code gen_ai.operation.name} (or the pre-1.27 {@code gen_ai.system} / {@code gen_ai.provider.name}),
 * message spans without {@code gen_ai.conversation.id} or without captured content, and other GenAI operations
 * (embeddings, create_agent...) are per-span {@link DeadLetterReason#UNMAPPABLE_SPAN} failures; the other spans of
 * the batch still map. Thread-safe.
 */
public final class OtlpSpanDecoder implements TurnDecoder {

    /** The operations whose spans carry conversation messages. */
    public static final Set<String> MESSAGE_OPERATIONS = Set.of("chat", "text_completion", "generate_content", "invoke_agent");
    private static final String TOOL_OPERATION = "execute_tool";
    private static final int MAX_ERROR_CHARS = 256;

    private final ObjectMapper mapper = new ObjectMapper();
    private final Set<String> turnOperations;

    /** Maps turns from every message operation. */
    public OtlpSpanDecoder() {
        this(MESSAGE_OPERATIONS);
    }

    /**
     * @param turnOperations the message operations whose spans give turns; spans of the other message operations are
     *                       skipped without a failure. Use {@code Set.of("invoke_agent")} for agent frameworks that
     *                       record messages on both the agent span and its inference spans, which would otherwise
     *                       give every turn twice.
     */
    public OtlpSpanDecoder(Set<String> turnOperations) {
        this.turnOperations = Set.copyOf(turnOperations);
        TrustedContract.install();
        if (!MESSAGE_OPERATIONS.containsAll(this.turnOperations)) {
            throw new IllegalArgumentException("turn operations must be among " + MESSAGE_OPERATIONS + ": " + turnOperations);
        }
    }

    @Override
    public DecodeResult decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return DecodeResult.failed(DeadLetterReason.MALFORMED_BYTES, "empty record");
        }
        JsonNode request;
        try {
            request = mapper.readTree(bytes);
        } catch (IOException e) {
            return DecodeResult.failed(DeadLetterReason.MALFORMED_BYTES, JsonErrors.describe(e));
        }
        try {
            return decodeRequest(request);
        } catch (DecodeException e) {
            return DecodeResult.failed(e.failure());
        }
    }

    private DecodeResult decodeRequest(JsonNode request) {
        if (request.isMissingNode()) {
            throw new DecodeException(DeadLetterReason.MALFORMED_BYTES, "record holds no JSON value");
        }
        if (!request.isObject() || OtlpValues.field(request, "resourceSpans", "resource_spans") == null) {
            throw new DecodeException(DeadLetterReason.INVALID_VALUE, "not an OTLP ExportTraceServiceRequest: no resourceSpans");
        }
        Batch batch = new Batch();
        for (JsonNode resourceSpans : OtlpValues.repeated(request, "resourceSpans", "resource_spans", "resourceSpans")) {
            JsonNode resource = OtlpValues.field(resourceSpans, "resource", "resource");
            Map<String, JsonNode> resourceAttributes = resource == null ? Map.of() : OtlpValues.attributes(resource, "resource.attributes");
            for (JsonNode scopeSpans : OtlpValues.repeated(resourceSpans, "scopeSpans", "scope_spans", "scopeSpans")) {
                for (JsonNode span : OtlpValues.repeated(scopeSpans, "spans", "spans", "spans")) {
                    mapSpan(span, resourceAttributes, batch);
                }
            }
        }
        batch.attachToolCalls();
        return new DecodeResult(batch.turns, batch.failures);
    }

    private void mapSpan(JsonNode json, Map<String, JsonNode> resourceAttributes, Batch batch) {
        OtlpSpan span;
        try {
            span = OtlpSpan.read(json, resourceAttributes);
        } catch (DecodeException e) {
            batch.failures.add(new DecodeFailure(e.failure().reason(), "span " + spanIds(json) + ": " + e.failure().detail()));
            return;
        }
        try {
            String operation = operation(span);
            if (operation.equals(TOOL_OPERATION)) {
                batch.tools.add(new ToolSpan(span, toolCall(span)));
            } else if (MESSAGE_OPERATIONS.contains(operation)) {
                if (turnOperations.contains(operation)) {
                    mapMessages(span, operation, batch);
                }
            } else {
                throw unmappable("operation '" + shortened(operation) + "' carries no conversation turns");
            }
        } catch (DecodeException e) {
            batch.failures.add(new DecodeFailure(e.failure().reason(), span.reference() + ": " + e.failure().detail()));
        }
    }

    private static String operation(OtlpSpan span) {
        Optional<String> operation = span.string(OtelAttributeNames.OPERATION_NAME);
        if (operation.isPresent()) {
            return operation.get().trim().toLowerCase(Locale.ROOT);
        }
        // before semantic conventions 1.27 inference spans had no operation name, only the system
        if (span.attributes().containsKey(OtelAttributeNames.LEGACY_SYSTEM) || span.attributes().containsKey(OtelAttributeNames.PROVIDER_NAME)) {
            return "chat";
        }
        throw unmappable("not a GenAI span: no " + OtelAttributeNames.OPERATION_NAME);
    }

    private static void mapMessages(OtlpSpan span, String operation, Batch batch) {
        String conversationId = span.string(OtelAttributeNames.CONVERSATION_ID)
                .orElseThrow(() -> unmappable("no " + OtelAttributeNames.CONVERSATION_ID));
        Optional<EndReason> endReason = endReason(span);
        GenAiMessages.Exchange exchange = GenAiMessages.of(span);
        if (exchange.isEmpty()) {
            throw unmappable("no message content captured (" + OtelAttributeNames.INPUT_MESSAGES + ", "
                    + OtelAttributeNames.OUTPUT_MESSAGES + " or message events)");
        }
        List<ChatMessage> input = exchange.input();
        int firstNewUser = input.size();
        while (firstNewUser > 0 && input.get(firstNewUser - 1).role() == Role.USER) {
            firstNewUser--;
        }
        int conversationalBefore = (int) input.subList(0, firstNewUser).stream().filter(ChatMessage::isConversational).count();
        int newUsers = input.size() - firstNewUser;
        OptionalLong explicit = span.integer(OtelAttributeNames.TURN_INDEX);
        // the first new user turn's index; with turnloop.turn.index, the last new user turn has that index
        long firstIndex = explicit.isPresent() ? explicit.getAsLong() - newUsers + 1 : conversationalBefore;

        List<TurnEvent> spanTurns = new ArrayList<>();
        for (int i = firstNewUser; i < input.size(); i++) {
            spanTurns.add(turn(span, operation, conversationId, "in" + i, firstIndex + (i - firstNewUser), span.startNanos(), input.get(i)));
        }
        Optional<ChatMessage> reply = exchange.output().stream().findFirst().filter(ChatMessage::isConversational);
        if (reply.isPresent()) {
            TurnEvent replyTurn = turn(span, operation, conversationId, "out0", firstIndex + newUsers, span.endNanos(), reply.get());
            spanTurns.add(replyTurn);
            batch.replies.add(new Reply(replyTurn, span.traceId(), conversationId, span.endNanos(), batch.replies.size()));
        }
        if (!spanTurns.isEmpty()) {
            endReason.ifPresent(reason -> spanTurns.get(spanTurns.size() - 1).setEnd(new EndMarker(reason)));
        }
        batch.turns.addAll(spanTurns);
    }

    private static TurnEvent turn(OtlpSpan span, String operation, String conversationId, String messageRef, long index,
                                  long timeNanos, ChatMessage message) {
        if (index < Integer.MIN_VALUE || index > Integer.MAX_VALUE) {
            throw new DecodeException(DeadLetterReason.INVALID_VALUE, OtelAttributeNames.TURN_INDEX + " does not fit in 32 bits");
        }
        return TurnEvent.newBuilder()
                .setEventId("otlp-" + span.traceId() + "-" + span.spanId() + "-" + messageRef)
                .setTenant(span.string(OtelAttributeNames.TENANT).orElse("default"))
                .setProject(span.string(OtelAttributeNames.PROJECT).orElse("default"))
                .setConversationId(conversationId)
                .setTurnIndex((int) index)
                .setEventTime(Instant.ofEpochMilli(timeNanos / 1_000_000)) // the schema keeps millis
                .setRole(message.role())
                .setText(message.text())
                .setAgentName(span.string(OtelAttributeNames.AGENT_NAME).orElse(""))
                .setAgentVersion(span.string(OtelAttributeNames.AGENT_VERSION).orElse(""))
                .setPromptVersion(span.string(OtelAttributeNames.PROMPT_VERSION).orElse(""))
                .setHarnessVersion(span.string(OtelAttributeNames.HARNESS_VERSION).orElse(""))
                .setConfigVersion(span.string(OtelAttributeNames.CONFIG_VERSION).orElse(""))
                .setUserId(span.string(OtelAttributeNames.USER_ID).orElse(null))
                .setUserAttributes(userAttributes(span))
                .setToolCalls(new ArrayList<>())
                .setFeedback(null)
                .setEnd(null)
                .setOperation(operation)
                .build();
    }

    /** turnloop.user.* from the resource, then from the span, which wins. */
    private static Map<String, String> userAttributes(OtlpSpan span) {
        Map<String, String> attributes = new HashMap<>();
        for (Map<String, JsonNode> source : List.of(span.resourceAttributes(), span.attributes())) {
            source.forEach((key, value) -> {
                if (key.startsWith(OtelAttributeNames.USER_ATTRIBUTE_PREFIX) && key.length() > OtelAttributeNames.USER_ATTRIBUTE_PREFIX.length()) {
                    OtlpValues.string(value).ifPresent(text -> attributes.put(key.substring(OtelAttributeNames.USER_ATTRIBUTE_PREFIX.length()), text));
                }
            });
        }
        return attributes;
    }

    private static Optional<EndReason> endReason(OtlpSpan span) {
        return span.string(OtelAttributeNames.END_REASON).map(reason -> EnumNames.parse(EndReason.class, reason)
                .orElseThrow(() -> new DecodeException(DeadLetterReason.INVALID_VALUE,
                        OtelAttributeNames.END_REASON + " is not one of " + List.of(EndReason.values()))));
    }

    private static ToolCall toolCall(OtlpSpan span) {
        String name = span.string(OtelAttributeNames.TOOL_NAME)
                .orElseThrow(() -> unmappable("execute_tool span has no " + OtelAttributeNames.TOOL_NAME));
        Optional<String> errorType = span.string(OtelAttributeNames.ERROR_TYPE);
        boolean failed = span.statusCode() == OtlpSpan.STATUS_ERROR || (span.statusCode() == OtlpSpan.STATUS_UNSET && errorType.isPresent());
        ToolStatus status;
        if (!failed) {
            // OpenTelemetry leaves status UNSET on success unless the instrumentation says otherwise
            status = ToolStatus.OK;
        } else if (errorType.map(type -> type.toLowerCase(Locale.ROOT).contains("timeout")).orElse(false)) {
            status = ToolStatus.TIMEOUT;
        } else {
            status = ToolStatus.ERROR;
        }
        String error = failed ? errorType.orElse(span.statusMessage().isBlank() ? "error" : span.statusMessage()) : null;
        return ToolCall.newBuilder()
                .setName(name)
                .setStatus(status)
                .setLatencyMs((span.endNanos() - span.startNanos()) / 1_000_000)
                .setError(error == null ? null : shortened(error, MAX_ERROR_CHARS))
                .build();
    }

    private static DecodeException unmappable(String detail) {
        return new DecodeException(DeadLetterReason.UNMAPPABLE_SPAN, detail);
    }

    private static String spanIds(JsonNode span) {
        JsonNode trace = OtlpValues.field(span, "traceId", "trace_id");
        JsonNode id = OtlpValues.field(span, "spanId", "span_id");
        return (trace == null ? "?" : trace.asText()) + "/" + (id == null ? "?" : id.asText());
    }

    private static String shortened(String text) {
        return shortened(text, 64);
    }

    private static String shortened(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "...";
    }

    /** A reply turn that tool calls of its trace can attach to. */
    private record Reply(TurnEvent turn, String traceId, String conversationId, long endNanos, int order) {
    }

    private record ToolSpan(OtlpSpan span, ToolCall call) {
    }

    /**
     * What one request accumulates: turns and span failures in input order (failures of tool calls that found no
     * reply come last), and the tool calls still to place.
     */
    private static final class Batch {
        final List<TurnEvent> turns = new ArrayList<>();
        final List<DecodeFailure> failures = new ArrayList<>();
        final List<Reply> replies = new ArrayList<>();
        final List<ToolSpan> tools = new ArrayList<>();

        void attachToolCalls() {
            tools.sort(Comparator.comparingLong(tool -> tool.span().startNanos()));
            for (ToolSpan tool : tools) {
                Optional<String> conversationId = tool.span().string(OtelAttributeNames.CONVERSATION_ID);
                List<Reply> candidates = replies.stream()
                        .filter(reply -> reply.traceId().equals(tool.span().traceId()))
                        .filter(reply -> conversationId.map(id -> id.equals(reply.conversationId())).orElse(true))
                        .sorted(Comparator.comparingLong(Reply::endNanos).thenComparingInt(Reply::order))
                        .toList();
                Optional<Reply> target = candidates.stream().filter(reply -> reply.endNanos() >= tool.span().endNanos()).findFirst()
                        .or(() -> candidates.isEmpty() ? Optional.empty() : Optional.of(candidates.get(candidates.size() - 1)));
                target.ifPresentOrElse(
                        reply -> reply.turn().getToolCalls().add(tool.call()),
                        () -> failures.add(new DecodeFailure(DeadLetterReason.UNMAPPABLE_SPAN, tool.span().reference()
                                + ": execute_tool span has no reply turn of its trace in this batch")));
            }
        }
    }
}
