package dev.turnloop.ingest.decode;

import static dev.turnloop.ingest.decode.OtlpRequests.T0;
import static dev.turnloop.ingest.decode.OtlpRequests.TRACE;
import static dev.turnloop.ingest.decode.OtlpRequests.chat;
import static dev.turnloop.ingest.decode.OtlpRequests.messages;
import static dev.turnloop.ingest.decode.OtlpRequests.request;
import static dev.turnloop.ingest.decode.OtlpRequests.span;
import static dev.turnloop.ingest.decode.OtlpRequests.text;
import static dev.turnloop.ingest.decode.OtlpRequests.toolRequest;
import static dev.turnloop.ingest.decode.OtlpRequests.toolResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnloop.schemas.EndReason;
import dev.turnloop.schemas.Role;
import dev.turnloop.schemas.ToolCall;
import dev.turnloop.schemas.ToolStatus;
import dev.turnloop.schemas.TurnEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OtlpSpanDecoderTest {

    private static final long SECOND = 1_000_000_000L;

    private final OtlpSpanDecoder decoder = new OtlpSpanDecoder();

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = OtlpSpanDecoderTest.class.getResourceAsStream(name)) {
            assertThat(in).as("test resource %s", name).isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void mapsARealisticCollectorExportOfAChatWithAToolCall() throws IOException {
        // Given a Collector otlp_json export: chat span asking for a tool, the execute_tool span, an HTTP span the
        // tool made, and the chat span that answers
        byte[] export = resource("otlp-support-chat-trace.json");

        // When decoded
        DecodeResult result = decoder.decode(export);

        // Then the new user message and the final answer are turns 2 and 3 (after "Hi" and "What is your order number?")
        assertThat(result.turns()).extracting(TurnEvent::getRole, TurnEvent::getTurnIndex, TurnEvent::getText).containsExactly(
                tuple(Role.USER, 2, "It's 1234, it still hasn't arrived"),
                tuple(Role.ASSISTANT, 3, "Your order 1234 is in transit and should arrive on 3 January."));
        TurnEvent user = result.turns().get(0);
        TurnEvent answer = result.turns().get(1);

        // and the user turn is timed at the span start, the answer at the answering span's end
        assertThat(user.getEventTime()).isEqualTo(Instant.parse("2026-01-01T10:00:00.120Z"));
        assertThat(answer.getEventTime()).isEqualTo(Instant.parse("2026-01-01T10:00:02.650Z"));

        // and ids, deployed versions, agent, user and segment come from span and resource attributes
        assertThat(user.getEventId()).isEqualTo("otlp-5b8efff798038103d269b633813fc60c-eee19b7ec3c1b174-in3");
        assertThat(answer.getEventId()).isEqualTo("otlp-5b8efff798038103d269b633813fc60c-c7d8e9f0a1b2c3d4-out0");
        for (TurnEvent turn : result.turns()) {
            assertThat(turn.getConversationId()).isEqualTo("conv_8c1d6f0e2b");
            assertThat(turn.getAgentName()).isEqualTo("acme-support");
            assertThat(turn.getAgentVersion()).isEqualTo("1.4.0");
            assertThat(turn.getPromptVersion()).isEqualTo("prompt-v14");
            assertThat(turn.getHarnessVersion()).isEqualTo("harness-3.2.0");
            assertThat(turn.getConfigVersion()).isEqualTo("cfg-7f3a2c");
            assertThat(turn.getUserId()).isEqualTo("u_4f9a0c");
            assertThat(turn.getUserAttributes()).containsExactlyInAnyOrderEntriesOf(Map.of("plan", "trial", "user_type", "new", "locale", "en-GB"));
            assertThat(turn.getOperation()).isEqualTo("chat");
            assertThat(turn.getTenant()).isEqualTo("default");
        }

        // and the tool call sits on the answer it fed, with its latency and an OK status (span status UNSET)
        assertThat(user.getToolCalls()).isEmpty();
        assertThat(answer.getToolCalls()).containsExactly(new ToolCall("lookup_order", ToolStatus.OK, 412L, null));

        // and the HTTP span alone is unmappable, named by its ids
        assertThat(result.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.reason()).isEqualTo(DeadLetterReason.UNMAPPABLE_SPAN);
            assertThat(failure.detail()).contains("0f1e2d3c4b5a6978").contains("not a GenAI span");
        });
    }

    @Test
    void theRealisticExportPassesValidationAtItsOwnTime() throws IOException {
        // Given the decoded export and a reference time just after the trace
        DecodeResult decoded = decoder.decode(resource("otlp-support-chat-trace.json"));

        // When validated, Then both turns are valid and only the HTTP span failure remains
        DecodeResult validated = new TurnValidator(ValidationLimits.defaults()).validateAll(decoded, Instant.parse("2026-01-01T10:00:03Z"));
        assertThat(validated.turns()).hasSize(2);
        assertThat(validated.failures()).extracting(DecodeFailure::reason).containsExactly(DeadLetterReason.UNMAPPABLE_SPAN);
    }

    @Test
    void readsStructuredMessageAttributesLikeJsonStrings() {
        // Given a span recording gen_ai.input.messages as a structured OTLP value instead of a JSON string
        ObjectNode textPart = kvlist(Map.of("type", OtlpRequests.anyValue("text"), "content", OtlpRequests.anyValue("Cancel my plan")));
        ObjectNode userMessage = kvlist(Map.of("role", OtlpRequests.anyValue("user"), "parts", arrayOf(textPart)));
        ObjectNode structured = arrayOf(userMessage);
        byte[] bytes = request().span(chat("00f067aa0ba902b7", "conv-s").attr("gen_ai.input.messages", structured)).toBytes();

        // When decoded, Then the message text is found as if it had been a JSON string
        assertThat(decoder.decode(bytes).turns()).singleElement().satisfies(turn -> {
            assertThat(turn.getRole()).isEqualTo(Role.USER);
            assertThat(turn.getText()).isEqualTo("Cancel my plan");
            assertThat(turn.getTurnIndex()).isZero();
        });
    }

    @Test
    void anExplicitTurnIndexNumbersTheUserTurnAndTheReplyFollows() {
        // Given a span that carries turnloop.turn.index = 6 and only the latest user message (no history)
        byte[] bytes = request().span(chat("00f067aa0ba902b7", "conv-x")
                .attr("turnloop.turn.index", 6)
                .attr("gen_ai.input.messages", messages(text("user", "and the invoice?")))
                .attr("gen_ai.output.messages", messages(text("assistant", "Sent again.")))).toBytes();

        // When decoded, Then the user turn is 6 and the reply 7
        assertThat(decoder.decode(bytes).turns()).extracting(TurnEvent::getRole, TurnEvent::getTurnIndex).containsExactly(
                tuple(Role.USER, 6), tuple(Role.ASSISTANT, 7));
    }

    @Test
    void anAgentLoopStepWithNoNewUserMessageAndNoTextGivesNoTurnAndNoFailure() {
        // Given a chat span whose input ends with a tool result and whose output only requests another tool
        byte[] bytes = request().span(chat("00f067aa0ba902b7", "conv-loop")
                .attr("gen_ai.input.messages", messages(text("user", "book it"), toolRequest("search"), toolResponse()))
                .attr("gen_ai.output.messages", messages(toolRequest("book")))).toBytes();

        // When decoded, Then nothing maps and nothing fails
        DecodeResult result = decoder.decode(bytes);
        assertThat(result.turns()).isEmpty();
        assertThat(result.failures()).isEmpty();
    }

    @Test
    void unmappableSpansFailOneByOneWhileTheGoodSpanOfTheBatchStillMaps() {
        // Given a batch with a good chat span, a chat span without conversation id, a chat span without content,
        // an embeddings span and a span that is not GenAI at all
        byte[] bytes = request()
                .span(chat("0000000000000001", "conv-ok").attr("gen_ai.input.messages", messages(text("user", "hello"))))
                .span(span("0000000000000002").attr("gen_ai.operation.name", "chat").attr("gen_ai.input.messages", messages(text("user", "hi"))))
                .span(chat("0000000000000003", "conv-empty"))
                .span(span("0000000000000004").attr("gen_ai.operation.name", "embeddings").attr("gen_ai.conversation.id", "conv-ok"))
                .span(span("0000000000000005").attr("db.system.name", "postgresql"))
                .toBytes();

        // When decoded
        DecodeResult result = decoder.decode(bytes);

        // Then the good span's turn is there, and each other span has its own UNMAPPABLE_SPAN failure, in order
        assertThat(result.turns()).extracting(TurnEvent::getConversationId).containsExactly("conv-ok");
        assertThat(result.failures()).extracting(DecodeFailure::reason).containsOnly(DeadLetterReason.UNMAPPABLE_SPAN);
        assertThat(result.failures()).extracting(DecodeFailure::detail).satisfiesExactly(
                detail -> assertThat(detail).contains("0000000000000002").contains("gen_ai.conversation.id"),
                detail -> assertThat(detail).contains("0000000000000003").contains("no message content"),
                detail -> assertThat(detail).contains("0000000000000004").contains("embeddings"),
                detail -> assertThat(detail).contains("0000000000000005").contains("not a GenAI span"));
        assertThat(result.isFailure()).isFalse();
        assertThat(result.hasFailures()).isTrue();
    }

    @Test
    void aToolSpanWithoutAReplyOfItsTraceInTheBatchIsUnmappable() {
        // Given an execute_tool span alone in its batch
        byte[] bytes = request().span(span("00f067aa0ba902b7").attr("gen_ai.operation.name", "execute_tool").attr("gen_ai.tool.name", "search")).toBytes();

        // When decoded, Then it is an UNMAPPABLE_SPAN failure and the whole record failed
        DecodeResult result = decoder.decode(bytes);
        assertThat(result.isFailure()).isTrue();
        assertThat(result.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.reason()).isEqualTo(DeadLetterReason.UNMAPPABLE_SPAN);
            assertThat(failure.detail()).contains("no reply turn of its trace");
        });
    }

    @Test
    void mapsToolStatusFromSpanStatusAndErrorType() {
        // Given three tool spans before one answer: a timeout, an error, and a success with status UNSET
        byte[] bytes = request()
                .span(span("000000000000000a").times(T0, T0 + 2 * SECOND).attr("gen_ai.operation.name", "execute_tool")
                        .attr("gen_ai.tool.name", "search").attr("error.type", "TimeoutError").status(2, "deadline exceeded"))
                .span(span("000000000000000b").times(T0 + 2 * SECOND, T0 + 3 * SECOND).attr("gen_ai.operation.name", "execute_tool")
                        .attr("gen_ai.tool.name", "refund").status(2, "card declined"))
                .span(span("000000000000000c").times(T0 + 3 * SECOND, T0 + 3 * SECOND + 5_000_000).attr("gen_ai.operation.name", "execute_tool")
                        .attr("gen_ai.tool.name", "notify"))
                .span(chat("000000000000000d", "conv-t").times(T0 + 4 * SECOND, T0 + 5 * SECOND)
                        .attr("gen_ai.output.messages", messages(text("assistant", "Refund failed, sorry."))))
                .toBytes();

        // When decoded
        DecodeResult result = decoder.decode(bytes);

        // Then the answer carries the three calls in the order they ran, with status, latency and error
        assertThat(result.failures()).isEmpty();
        assertThat(result.turns()).hasSize(1);
        assertThat(result.turns().get(0).getToolCalls()).containsExactly(
                new ToolCall("search", ToolStatus.TIMEOUT, 2000L, "TimeoutError"),
                new ToolCall("refund", ToolStatus.ERROR, 1000L, "card declined"),
                new ToolCall("notify", ToolStatus.OK, 5L, null));
    }

    @Test
    void attachesEachToolCallToTheFirstReplyThatEndedAfterIt() {
        // Given two exchanges of one trace, each with a tool call that ran before its answer
        byte[] bytes = request()
                .span(chat("0000000000000011", "conv-2x").times(T0, T0 + 2 * SECOND).attr("turnloop.turn.index", 0)
                        .attr("gen_ai.output.messages", messages(text("assistant", "first answer"))))
                .span(span("0000000000000012").times(T0, T0 + SECOND).attr("gen_ai.operation.name", "execute_tool").attr("gen_ai.tool.name", "first_tool"))
                .span(span("0000000000000013").times(T0 + 3 * SECOND, T0 + 4 * SECOND).attr("gen_ai.operation.name", "execute_tool").attr("gen_ai.tool.name", "second_tool"))
                .span(chat("0000000000000014", "conv-2x").times(T0 + 3 * SECOND, T0 + 5 * SECOND).attr("turnloop.turn.index", 2)
                        .attr("gen_ai.output.messages", messages(text("assistant", "second answer"))))
                .toBytes();

        // When decoded
        DecodeResult result = decoder.decode(bytes);

        // Then each answer carries only the tool that fed it
        assertThat(result.turns()).extracting(TurnEvent::getText).containsExactly("first answer", "second answer");
        assertThat(result.turns().get(0).getToolCalls()).extracting(ToolCall::getName).containsExactly("first_tool");
        assertThat(result.turns().get(1).getToolCalls()).extracting(ToolCall::getName).containsExactly("second_tool");
    }

    @Test
    void readsMessagesFromPre137SpanEvents() {
        // Given a span in the 1.28-1.36 style: messages as gen_ai.*.message / gen_ai.choice events, no operation name
        byte[] bytes = request().span(span("00f067aa0ba902b7")
                .attr("gen_ai.system", "az.ai.inference").attr("gen_ai.conversation.id", "conv-ev")
                .event("gen_ai.system.message", Map.of("gen_ai.event.content", "{\"content\": \"Be nice.\"}"))
                .event("gen_ai.user.message", Map.of("gen_ai.event.content", "{\"role\": \"user\", \"content\": \"Where is my parcel?\"}"))
                .event("gen_ai.choice", Map.of("gen_ai.event.content", "{\"index\": 0, \"finish_reason\": \"stop\", \"message\": {\"content\": \"On its way.\"}}")))
                .toBytes();

        // When decoded, Then the user message and the choice are turns 0 and 1 of a chat
        assertThat(decoder.decode(bytes).turns()).extracting(TurnEvent::getRole, TurnEvent::getTurnIndex, TurnEvent::getText, TurnEvent::getOperation)
                .containsExactly(tuple(Role.USER, 0, "Where is my parcel?", "chat"),
                        tuple(Role.ASSISTANT, 1, "On its way.", "chat"));
    }

    @Test
    void readsMessagesFromPre128ContentEventsAndIndexedAttributes() {
        // Given one span with gen_ai.content.prompt / completion events, and one with OpenLLMetry-style indexed attributes
        byte[] bytes = request()
                .span(chat("0000000000000021", "conv-old")
                        .event("gen_ai.content.prompt", Map.of("gen_ai.prompt", "[{\"role\": \"user\", \"content\": \"Reset my password\"}]"))
                        .event("gen_ai.content.completion", Map.of("gen_ai.completion", "Check your inbox.")))
                .span(chat("0000000000000022", "conv-idx")
                        .attr("gen_ai.prompt.0.role", "system").attr("gen_ai.prompt.0.content", "You help.")
                        .attr("gen_ai.prompt.1.role", "user").attr("gen_ai.prompt.1.content", "Close my account")
                        .attr("gen_ai.completion.0.role", "assistant").attr("gen_ai.completion.0.content", "Done."))
                .toBytes();

        // When decoded, Then both give a user turn and a reply
        assertThat(decoder.decode(bytes).turns()).extracting(TurnEvent::getConversationId, TurnEvent::getRole, TurnEvent::getText).containsExactly(
                tuple("conv-old", Role.USER, "Reset my password"),
                tuple("conv-old", Role.ASSISTANT, "Check your inbox."),
                tuple("conv-idx", Role.USER, "Close my account"),
                tuple("conv-idx", Role.ASSISTANT, "Done."));
    }

    @Test
    void spanAttributesOverrideResourceAttributesAndSetTenantAndEnd() {
        // Given a resource saying prompt v1 and plan=free, and a span (an A/B arm) saying prompt v2, plan=pro, end RESOLVED
        byte[] bytes = request().resource("turnloop.prompt.version", "v1").resource("turnloop.user.plan", "free")
                .resource("turnloop.tenant", "acme")
                .span(chat("00f067aa0ba902b7", "conv-ab").attr("turnloop.prompt.version", "v2").attr("turnloop.user.plan", "pro")
                        .attr("turnloop.end.reason", "resolved")
                        .attr("gen_ai.input.messages", messages(text("user", "thanks")))
                        .attr("gen_ai.output.messages", messages(text("assistant", "You're welcome!"))))
                .toBytes();

        // When decoded
        DecodeResult result = decoder.decode(bytes);

        // Then the span's values win, the tenant comes from the resource, and only the last turn carries the end
        assertThat(result.turns()).allSatisfy(turn -> {
            assertThat(turn.getPromptVersion()).isEqualTo("v2");
            assertThat(turn.getUserAttributes()).containsExactlyEntriesOf(Map.of("plan", "pro"));
            assertThat(turn.getTenant()).isEqualTo("acme");
        });
        assertThat(result.turns().get(0).getEnd()).isNull();
        assertThat(result.turns().get(1).getEnd().getReason()).isEqualTo(EndReason.RESOLVED);
    }

    @Test
    void canBeLimitedToAgentSpansForFrameworksThatRecordMessagesTwice() {
        // Given an invoke_agent span and its inner chat span recording the same exchange
        byte[] bytes = request()
                .span(span("0000000000000031").attr("gen_ai.operation.name", "invoke_agent").attr("gen_ai.conversation.id", "conv-a")
                        .attr("gen_ai.input.messages", messages(text("user", "hi"))).attr("gen_ai.output.messages", messages(text("assistant", "hello"))))
                .span(chat("0000000000000032", "conv-a")
                        .attr("gen_ai.input.messages", messages(text("user", "hi"))).attr("gen_ai.output.messages", messages(text("assistant", "hello"))))
                .toBytes();

        // When decoded by a decoder limited to invoke_agent
        DecodeResult result = new OtlpSpanDecoder(Set.of("invoke_agent")).decode(bytes);

        // Then the exchange appears once, from the agent span, and the skipped chat span is no failure
        assertThat(result.turns()).extracting(TurnEvent::getEventId).allMatch(id -> id.contains("0000000000000031")).hasSize(2);
        assertThat(result.failures()).isEmpty();
    }

    @Test
    void rejectsBytesThatAreNotJsonAsMalformedAndOtherJsonAsInvalid() {
        // Given bytes that are not JSON, and a JSON turn sent to the OTLP topic by mistake
        DecodeResult notJson = decoder.decode("\u0000\u0001binary".getBytes(StandardCharsets.UTF_8));
        DecodeResult notOtlp = decoder.decode("{\"conversation_id\": \"c\"}".getBytes(StandardCharsets.UTF_8));

        // When decoded, Then the first is MALFORMED_BYTES and the second INVALID_VALUE, each as a whole-record failure
        assertThat(notJson.isFailure()).isTrue();
        assertThat(notJson.failures().get(0).reason()).isEqualTo(DeadLetterReason.MALFORMED_BYTES);
        assertThat(notOtlp.isFailure()).isTrue();
        assertThat(notOtlp.failures().get(0).reason()).isEqualTo(DeadLetterReason.INVALID_VALUE);
        assertThat(decoder.decode(new byte[0]).failures().get(0).reason()).isEqualTo(DeadLetterReason.MALFORMED_BYTES);
    }

    @Test
    void aSpanWithBrokenMessagesOrNoStartTimeFailsWithItsOwnReason() {
        // Given a span whose gen_ai.input.messages is not JSON, one without start time, and a good one
        byte[] bytes = request()
                .span(chat("0000000000000041", "conv-b").attr("gen_ai.input.messages", "[{\"role\": \"user\", \"parts\": ["))
                .span(chat("0000000000000042", "conv-b").without("startTimeUnixNano").attr("gen_ai.input.messages", messages(text("user", "x"))))
                .span(chat("0000000000000043", "conv-b").attr("gen_ai.input.messages", messages(text("user", "fine"))))
                .toBytes();

        // When decoded
        DecodeResult result = decoder.decode(bytes);

        // Then the broken spans fail as INVALID_VALUE and MISSING_REQUIRED_FIELD, and the good one maps
        assertThat(result.failures()).extracting(DecodeFailure::reason)
                .containsExactly(DeadLetterReason.INVALID_VALUE, DeadLetterReason.MISSING_REQUIRED_FIELD);
        assertThat(result.failures().get(0).detail()).contains("0000000000000041").contains("gen_ai.input.messages");
        assertThat(result.turns()).extracting(TurnEvent::getText).containsExactly("fine");
    }

    @Test
    void acceptsProtoFieldNamesAndNumericTimestamps() {
        // Given a span written with the proto's snake_case names and numeric nanoseconds, as protobuf JSON allows
        String json = """
                {"resource_spans": [{"scope_spans": [{"spans": [{
                  "trace_id": "%s", "span_id": "00f067aa0ba902b7", "start_time_unix_nano": %d, "end_time_unix_nano": %d,
                  "attributes": [
                    {"key": "gen_ai.operation.name", "value": {"string_value": "chat"}},
                    {"key": "gen_ai.conversation.id", "value": {"string_value": "conv-snake"}},
                    {"key": "gen_ai.output.messages", "value": {"string_value": "[{\\"role\\": \\"assistant\\", \\"parts\\": [{\\"type\\": \\"text\\", \\"content\\": \\"ok\\"}]}]"}},
                    {"key": "turnloop.turn.index", "value": {"int_value": 4}}]}]}]}]}
                """.formatted(TRACE, T0, T0 + SECOND);

        // When decoded, Then the reply maps with its index and end time
        assertThat(decoder.decode(json.getBytes(StandardCharsets.UTF_8)).turns()).singleElement().satisfies(turn -> {
            assertThat(turn.getConversationId()).isEqualTo("conv-snake");
            assertThat(turn.getTurnIndex()).isEqualTo(5);
            assertThat(turn.getEventTime()).isEqualTo(Instant.parse("2026-01-01T10:00:01Z"));
        });
    }

    private static ObjectNode kvlist(Map<String, JsonNode> entries) {
        ObjectNode value = OtlpRequests.JSON.createObjectNode();
        value.putObject("kvlistValue").set("values", OtlpRequests.keyValues(entries));
        return value;
    }

    private static ObjectNode arrayOf(JsonNode... values) {
        ObjectNode value = OtlpRequests.JSON.createObjectNode();
        ArrayNode array = value.putObject("arrayValue").putArray("values");
        for (JsonNode element : values) {
            array.add(element);
        }
        return value;
    }
}
