package dev.turnloop.ingest.decode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnloop.schemas.EndReason;
import dev.turnloop.schemas.Role;
import dev.turnloop.schemas.Thumbs;
import dev.turnloop.schemas.ToolCall;
import dev.turnloop.schemas.ToolStatus;
import dev.turnloop.schemas.TurnEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTurnDecoderTest {

    private final JsonTurnDecoder decoder = new JsonTurnDecoder();

    private DecodeResult decode(String json) {
        return decoder.decode(json.getBytes(StandardCharsets.UTF_8));
    }

    private TurnEvent decodeOne(String json) {
        DecodeResult result = decode(json);
        assertThat(result.failures()).as("failures of %s", json).isEmpty();
        assertThat(result.turns()).hasSize(1);
        return result.turns().get(0);
    }

    private DecodeFailure failureOf(String json) {
        DecodeResult result = decode(json);
        assertThat(result.isFailure()).as("%s should fail, decoded %s", json, result.turns()).isTrue();
        return result.failures().get(0);
    }

    @Test
    void decodesEveryFieldOfACompleteTurn() {
        // Given a turn that sets every field of TurnEvent.avsc
        String json = """
                {"event_id": "evt-9", "tenant": "acme", "project": "support", "conversation_id": "conv-7",
                 "turn_index": 4, "event_time": 1767607200000, "role": "assistant", "text": "Done!",
                 "agent_name": "support-bot", "agent_version": "1.4.0", "prompt_version": "p14",
                 "harness_version": "h3", "config_version": "c7", "user_id": "u-42",
                 "user_attributes": {"plan": "trial", "user_type": "new", "seats": 3},
                 "tool_calls": [{"name": "refund", "status": "error", "latency_ms": 950, "error": "timeout upstream"},
                                {"name": "lookup_order"}],
                 "feedback": {"thumbs": "down", "rating": 2, "comment": "slow"},
                 "end": {"reason": "resolved"}, "operation": "invoke_agent", "some_future_field": [1, 2]}
                """;

        // When it is decoded
        TurnEvent turn = decodeOne(json);

        // Then each field carries the value sent, enums matched case-insensitively and numbers read as text
        assertThat(turn.getEventId()).isEqualTo("evt-9");
        assertThat(turn.getTenant()).isEqualTo("acme");
        assertThat(turn.getProject()).isEqualTo("support");
        assertThat(turn.getConversationId()).isEqualTo("conv-7");
        assertThat(turn.getTurnIndex()).isEqualTo(4);
        assertThat(turn.getEventTime()).isEqualTo(Instant.parse("2026-01-05T10:00:00Z"));
        assertThat(turn.getRole()).isEqualTo(Role.ASSISTANT);
        assertThat(turn.getText()).isEqualTo("Done!");
        assertThat(turn.getAgentName()).isEqualTo("support-bot");
        assertThat(turn.getAgentVersion()).isEqualTo("1.4.0");
        assertThat(turn.getPromptVersion()).isEqualTo("p14");
        assertThat(turn.getHarnessVersion()).isEqualTo("h3");
        assertThat(turn.getConfigVersion()).isEqualTo("c7");
        assertThat(turn.getUserId()).isEqualTo("u-42");
        assertThat(turn.getUserAttributes()).containsExactlyInAnyOrderEntriesOf(Map.of("plan", "trial", "user_type", "new", "seats", "3"));
        assertThat(turn.getToolCalls()).containsExactly(
                new ToolCall("refund", ToolStatus.ERROR, 950L, "timeout upstream"),
                new ToolCall("lookup_order", ToolStatus.UNKNOWN, 0L, null));
        assertThat(turn.getFeedback().getThumbs()).isEqualTo(Thumbs.DOWN);
        assertThat(turn.getFeedback().getRating()).isEqualTo(2);
        assertThat(turn.getFeedback().getComment()).isEqualTo("slow");
        assertThat(turn.getEnd().getReason()).isEqualTo(EndReason.RESOLVED);
        assertThat(turn.getOperation()).isEqualTo("invoke_agent");
    }

    @Test
    void appliesTheSchemaDefaultsToAbsentAndNullFields() {
        // Given only the required fields, and some optional ones explicitly null
        String json = """
                {"event_id": "e1", "conversation_id": "c1", "turn_index": 0, "event_time": 1767607200000,
                 "role": "USER", "text": null, "user_id": null, "tool_calls": null, "end": null}
                """;

        // When it is decoded
        TurnEvent turn = decodeOne(json);

        // Then the defaults of TurnEvent.avsc apply
        assertThat(turn.getTenant()).isEqualTo("default");
        assertThat(turn.getProject()).isEqualTo("default");
        assertThat(turn.getText()).isEmpty();
        assertThat(turn.getAgentName()).isEmpty();
        assertThat(turn.getPromptVersion()).isEmpty();
        assertThat(turn.getUserId()).isNull();
        assertThat(turn.getUserAttributes()).isEmpty();
        assertThat(turn.getToolCalls()).isEmpty();
        assertThat(turn.getFeedback()).isNull();
        assertThat(turn.getEnd()).isNull();
        assertThat(turn.getOperation()).isEqualTo("chat");
    }

    @Test
    void derivesTheSameEventIdForARetriedTurnAndADifferentOneForTheNextTurn() {
        // Given a turn without event_id, sent twice, and the next turn of the same conversation
        String turn2 = "{\"conversation_id\": \"c1\", \"turn_index\": 2, \"event_time\": 1767607200000, \"role\": \"user\"}";
        String turn3 = "{\"conversation_id\": \"c1\", \"turn_index\": 3, \"event_time\": 1767607200000, \"role\": \"user\"}";

        // When they are decoded
        String first = decodeOne(turn2).getEventId();
        String retried = decodeOne(turn2).getEventId();
        String next = decodeOne(turn3).getEventId();

        // Then the retry gets the same UUID and the next turn another one
        assertThat(UUID.fromString(first)).isNotNull();
        assertThat(retried).isEqualTo(first);
        assertThat(next).isNotEqualTo(first);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1767607200000              | 2026-01-05T10:00:00Z",
            "'\"1767607200000\"'        | 2026-01-05T10:00:00Z",
            "'\"2026-01-05T10:00:00Z\"' | 2026-01-05T10:00:00Z",
            "'\"2026-01-05T11:00:00.250+01:00\"' | 2026-01-05T10:00:00.250Z"})
    void readsEventTimeAsEpochMillisOrIsoWithOffset(String eventTime, String expected) {
        // Given a turn whose event_time is written in one of the accepted forms
        String json = "{\"event_id\": \"e\", \"conversation_id\": \"c\", \"turn_index\": 0, \"role\": \"user\", \"event_time\": " + eventTime + "}";

        // When it is decoded, Then the instant is the same whatever the form
        assertThat(decodeOne(json).getEventTime()).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @CsvSource({"human_agent, HUMAN_AGENT", "human-agent, HUMAN_AGENT", "Human Agent, HUMAN_AGENT", "USER, USER",
            "Assistant, ASSISTANT", "tool, TOOL", "system, SYSTEM", "unknown, UNKNOWN"})
    void readsRolesCaseInsensitivelyWithDashesOrSpaces(String written, Role expected) {
        // Given a turn with a role spelled as a producer might
        String json = "{\"event_id\": \"e\", \"conversation_id\": \"c\", \"turn_index\": 0, \"event_time\": 0, \"role\": \"" + written + "\"}";

        // When it is decoded, Then it names the schema's symbol
        assertThat(decodeOne(json).getRole()).isEqualTo(expected);
    }

    @Test
    void decodesANegativeTurnIndexSoTheValidatorCanNameIt() {
        // Given a turn with a negative index; When decoded; Then decoding succeeds (validation rejects it later)
        assertThat(decodeOne("{\"event_id\": \"e\", \"conversation_id\": \"c\", \"turn_index\": -1, \"event_time\": 0, \"role\": \"user\"}")
                .getTurnIndex()).isEqualTo(-1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "{\"event_id\": \"e\",", "{\"a\": 1} trailing", "   ", "{\"a\": 1, \"a\": 2}"})
    void rejectsBytesThatAreNotOneJsonValueAsMalformed(String text) {
        // Given bytes that are not exactly one well-formed JSON value; When decoded; Then the reason is MALFORMED_BYTES
        assertThat(failureOf(text).reason()).isEqualTo(DeadLetterReason.MALFORMED_BYTES);
    }

    @Test
    void rejectsEmptyNullAndNonUtf8BytesAsMalformed() {
        // Given empty, null and invalid UTF-8 values
        byte[] invalidUtf8 = {'{', '"', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

        // When decoded, Then each is MALFORMED_BYTES, and the UTF-8 problem is named
        assertThat(decoder.decode(new byte[0]).firstFailure()).map(DecodeFailure::reason).contains(DeadLetterReason.MALFORMED_BYTES);
        assertThat(decoder.decode(null).firstFailure()).map(DecodeFailure::reason).contains(DeadLetterReason.MALFORMED_BYTES);
        DecodeFailure failure = decoder.decode(invalidUtf8).failures().get(0);
        assertThat(failure.reason()).isEqualTo(DeadLetterReason.MALFORMED_BYTES);
        assertThat(failure.detail()).contains("UTF-8");
    }

    @Test
    void keepsConversationTextOutOfMalformedJsonDetails() {
        // Given broken JSON whose offending token is something a user typed
        String json = "{\"conversation_id\": \"c\", \"text\": my-card-number-4111111111111111}";

        // When decoded
        DecodeFailure failure = failureOf(json);

        // Then the detail locates the error without quoting the token
        assertThat(failure.reason()).isEqualTo(DeadLetterReason.MALFORMED_BYTES);
        assertThat(failure.detail()).contains("line 1").doesNotContain("4111").doesNotContain("card");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "conversation_id | {\"turn_index\": 0, \"event_time\": 0, \"role\": \"user\"}",
            "conversation_id | {\"conversation_id\": null, \"turn_index\": 0, \"event_time\": 0, \"role\": \"user\"}",
            "turn_index      | {\"conversation_id\": \"c\", \"event_time\": 0, \"role\": \"user\"}",
            "event_time      | {\"conversation_id\": \"c\", \"turn_index\": 0, \"role\": \"user\"}",
            "role            | {\"conversation_id\": \"c\", \"turn_index\": 0, \"event_time\": 0}",
            "tool_calls[1].name | {\"conversation_id\": \"c\", \"turn_index\": 0, \"event_time\": 0, \"role\": \"assistant\", \"tool_calls\": [{\"name\": \"a\"}, {\"status\": \"ok\"}]}"})
    void namesTheMissingRequiredField(String field, String json) {
        // Given a turn without one required field; When decoded
        DecodeFailure failure = failureOf(json);

        // Then the reason is MISSING_REQUIRED_FIELD and the detail names the field
        assertThat(failure.reason()).isEqualTo(DeadLetterReason.MISSING_REQUIRED_FIELD);
        assertThat(failure.detail()).contains("'" + field + "'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "role                   | {\"conversation_id\": \"c\", \"turn_index\": 0, \"event_time\": 0, \"role\": \"customer\"}",
            "turn_index             | {\"conversation_id\": \"c\", \"turn_index\": 1.5, \"event_time\": 0, \"role\": \"user\"}",
            "turn_index             | {\"conversation_id\": \"c\", \"turn_index\": \"3\", \"event_time\": 0, \"role\": \"user\"}",
            "turn_index             | {\"conversation_id\": \"c\", \"turn_index\": 3000000000, \"event_time\": 0, \"role\": \"user\"}",
            "event_time             | {\"conversation_id\": \"c\", \"turn_index\": 0, \"event_time\": \"2026-01-05T10:00:00\", \"role\": \"user\"}",
            "event_time             | {\"conversation_id\": \"c\", \"turn_index\": 0, \"event_time\": true, \"role\": \"user\"}",
            "conversation_id        | {\"conversation_id\": {\"id\": 1}, \"turn_index\": 0, \"event_time\": 0, \"role\": \"user\"}",
            "user_attributes.plan   | {\"conversation_id\": \"c\", \"turn_index\": 0, \"event_time\": 0, \"role\": \"user\", \"user_attributes\": {\"plan\": {\"tier\": 1}}}",
            "tool_calls[0].status   | {\"conversation_id\": \"c\", \"turn_index\": 0, \"event_time\": 0, \"role\": \"user\", \"tool_calls\": [{\"name\": \"a\", \"status\": \"done\"}]}",
            "feedback.thumbs        | {\"conversation_id\": \"c\", \"turn_index\": 0, \"event_time\": 0, \"role\": \"user\", \"feedback\": {\"thumbs\": \"sideways\"}}",
            "end.reason             | {\"conversation_id\": \"c\", \"turn_index\": 0, \"event_time\": 0, \"role\": \"user\", \"end\": {\"reason\": \"bored\"}}",
            "$                      | [{\"conversation_id\": \"c\", \"turn_index\": 0, \"event_time\": 0, \"role\": \"user\"}]"})
    void namesTheFieldWithAnInvalidValue(String field, String json) {
        // Given a turn with one field of the wrong type or outside its domain; When decoded
        DecodeFailure failure = failureOf(json);

        // Then the reason is INVALID_VALUE and the detail names the field
        assertThat(failure.reason()).isEqualTo(DeadLetterReason.INVALID_VALUE);
        assertThat(failure.detail()).contains("'" + field + "'");
    }
}
