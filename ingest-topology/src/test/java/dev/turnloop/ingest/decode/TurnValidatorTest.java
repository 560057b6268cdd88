package dev.turnloop.ingest.decode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnloop.schemas.Feedback;
import dev.turnloop.schemas.ToolCall;
import dev.turnloop.schemas.ToolStatus;
import dev.turnloop.schemas.TurnEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TurnValidatorTest {

    private static final Instant NOW = Turns.EVENT_TIME;

    private final TurnValidator validator = new TurnValidator(ValidationLimits.defaults());

    private Optional<DeadLetterReason> reasonFor(TurnEvent.Builder turn) {
        return validator.validate(turn.build(), NOW).map(DecodeFailure::reason);
    }

    @Test
    void acceptsAWellFormedTurn() {
        // Given a turn within every limit; When validated; Then there is no failure
        assertThat(validator.validate(Turns.valid().build(), NOW)).isEmpty();
    }

    @Test
    void rejectsBlankIdsAsMissing() {
        // Given turns with one blank id each; When validated; Then each is MISSING_REQUIRED_FIELD
        assertThat(reasonFor(Turns.valid().setEventId(" "))).contains(DeadLetterReason.MISSING_REQUIRED_FIELD);
        assertThat(reasonFor(Turns.valid().setConversationId(""))).contains(DeadLetterReason.MISSING_REQUIRED_FIELD);
        assertThat(reasonFor(Turns.valid().setTenant(""))).contains(DeadLetterReason.MISSING_REQUIRED_FIELD);
        assertThat(reasonFor(Turns.valid().setProject("\t"))).contains(DeadLetterReason.MISSING_REQUIRED_FIELD);
    }

    @Test
    void rejectsIdsLongerThanTheLimit() {
        // Given a conversation id and a user id one char over the 256-char default
        String tooLong = "c".repeat(257);

        // When validated, Then both are OVERSIZE_ID, while exactly 256 chars pass
        assertThat(reasonFor(Turns.valid().setConversationId(tooLong))).contains(DeadLetterReason.OVERSIZE_ID);
        assertThat(reasonFor(Turns.valid().setUserId(tooLong))).contains(DeadLetterReason.OVERSIZE_ID);
        assertThat(reasonFor(Turns.valid().setConversationId("c".repeat(256)))).isEmpty();
    }

    @Test
    void rejectsNegativeAndAbsurdlyLargeTurnIndexes() {
        // Given turn indexes just outside and at the bounds; When validated; Then only the outside ones fail
        assertThat(reasonFor(Turns.valid().setTurnIndex(-1))).contains(DeadLetterReason.NEGATIVE_TURN_INDEX);
        assertThat(reasonFor(Turns.valid().setTurnIndex(10_001))).contains(DeadLetterReason.TURN_INDEX_TOO_LARGE);
        assertThat(reasonFor(Turns.valid().setTurnIndex(0))).isEmpty();
        assertThat(reasonFor(Turns.valid().setTurnIndex(10_000))).isEmpty();
    }

    @Test
    void judgesFutureEventTimesAgainstTheSuppliedReferenceTimeNotTheWallClock() {
        // Given a reference time in 2026 and the default 5-minute skew
        // When turns 5 minutes and 5 minutes + 1 ms after it are validated
        Optional<DecodeFailure> atSkew = validator.validate(Turns.valid().setEventTime(NOW.plus(Duration.ofMinutes(5))).build(), NOW);
        Optional<DecodeFailure> pastSkew = validator.validate(Turns.valid().setEventTime(NOW.plusMillis(300_001)).build(), NOW);

        // Then only the second is EVENT_TIME_IN_FUTURE, and the same turn is fine a minute later in event time
        assertThat(atSkew).isEmpty();
        assertThat(pastSkew).map(DecodeFailure::reason).contains(DeadLetterReason.EVENT_TIME_IN_FUTURE);
        assertThat(validator.validate(Turns.valid().setEventTime(NOW.plusMillis(300_001)).build(), NOW.plusSeconds(60))).isEmpty();
    }

    @Test
    void honoursAConfiguredSkew() {
        // Given a validator that allows no skew at all
        TurnValidator strict = new TurnValidator(ValidationLimits.defaults().withMaxFutureSkew(Duration.ZERO));

        // When a turn 1 ms ahead of the reference time is validated, Then it is in the future
        assertThat(strict.validate(Turns.valid().setEventTime(NOW.plusMillis(1)).build(), NOW))
                .map(DecodeFailure::reason).contains(DeadLetterReason.EVENT_TIME_IN_FUTURE);
    }

    @Test
    void rejectsEventTimesBefore2000SuchAsSecondsSentAsMillis() {
        // Given a turn whose producer sent epoch seconds where millis were due (lands in January 1970)
        Instant secondsAsMillis = Instant.ofEpochMilli(NOW.getEpochSecond());

        // When validated, Then it is EVENT_TIME_TOO_OLD, while 2000-01-01 itself passes
        assertThat(reasonFor(Turns.valid().setEventTime(secondsAsMillis))).contains(DeadLetterReason.EVENT_TIME_TOO_OLD);
        assertThat(reasonFor(Turns.valid().setEventTime(Instant.parse("2000-01-01T00:00:00Z")))).isEmpty();
    }

    @Test
    void measuresTextInUtf8BytesNotChars() {
        // Given 32 KiB of ASCII (at the limit), and 11,000 euro signs (11,000 chars but 33,000 UTF-8 bytes)
        String atLimit = "a".repeat(32 * 1024);
        String multiByte = "€".repeat(11_000);

        // When validated, Then only the multi-byte text is OVERSIZE_TEXT
        assertThat(reasonFor(Turns.valid().setText(atLimit))).isEmpty();
        assertThat(reasonFor(Turns.valid().setText(multiByte))).contains(DeadLetterReason.OVERSIZE_TEXT);
        assertThat(reasonFor(Turns.valid().setText(atLimit + "a"))).contains(DeadLetterReason.OVERSIZE_TEXT);
    }

    @Test
    void countsSurrogatePairsAsFourBytes() {
        // Given 2 emoji (2 surrogate pairs: 4 chars, 8 UTF-8 bytes); When measured against 7 and 8 bytes
        String emoji = "\uD83D\uDE00\uD83D\uDE00";

        // Then they exceed 7 bytes but not 8
        assertThat(TurnValidator.exceedsUtf8Bytes(emoji, 7)).isTrue();
        assertThat(TurnValidator.exceedsUtf8Bytes(emoji, 8)).isFalse();
    }

    @Test
    void honoursAConfiguredTextLimit() {
        // Given a validator with a 10-byte text limit; When an 11-byte text is validated; Then it is oversize
        TurnValidator small = new TurnValidator(ValidationLimits.defaults().withMaxTextBytes(10));
        assertThat(small.validate(Turns.valid().setText("hello world").build(), NOW))
                .map(DecodeFailure::reason).contains(DeadLetterReason.OVERSIZE_TEXT);
    }

    @Test
    void boundsUserAttributes() {
        // Given 65 attributes (limit 64), and one attribute with a 257-char value (limit 256)
        Map<String, String> many = new HashMap<>();
        IntStream.range(0, 65).forEach(i -> many.put("k" + i, "v"));

        // When validated, Then both are OVERSIZE_USER_ATTRIBUTES
        assertThat(reasonFor(Turns.valid().setUserAttributes(many))).contains(DeadLetterReason.OVERSIZE_USER_ATTRIBUTES);
        assertThat(reasonFor(Turns.valid().setUserAttributes(Map.of("plan", "x".repeat(257))))).contains(DeadLetterReason.OVERSIZE_USER_ATTRIBUTES);
    }

    @Test
    void boundsToolCallsAndChecksEachCall() {
        // Given 129 tool calls (limit 128), a call with a blank name, an over-long error and a negative latency
        ToolCall ok = new ToolCall("search", ToolStatus.OK, 10L, null);
        List<ToolCall> tooMany = IntStream.range(0, 129).mapToObj(i -> ok).toList();

        // When validated, Then each names its problem
        assertThat(reasonFor(Turns.valid().setToolCalls(tooMany))).contains(DeadLetterReason.OVERSIZE_TOOL_CALLS);
        assertThat(reasonFor(Turns.valid().setToolCalls(List.of(new ToolCall(" ", ToolStatus.OK, 1L, null)))))
                .contains(DeadLetterReason.MISSING_REQUIRED_FIELD);
        assertThat(reasonFor(Turns.valid().setToolCalls(List.of(new ToolCall("search", ToolStatus.ERROR, 1L, "e".repeat(1025))))))
                .contains(DeadLetterReason.OVERSIZE_TOOL_CALLS);
        assertThat(reasonFor(Turns.valid().setToolCalls(List.of(new ToolCall("search", ToolStatus.OK, -5L, null)))))
                .contains(DeadLetterReason.INVALID_VALUE);
    }

    @Test
    void rejectsRatingsOutsideOneToFive() {
        // Given feedback ratings of 0, 6 and 5; When validated; Then only 0 and 6 are INVALID_VALUE
        assertThat(reasonFor(Turns.valid().setFeedback(new Feedback(null, 0, null)))).contains(DeadLetterReason.INVALID_VALUE);
        assertThat(reasonFor(Turns.valid().setFeedback(new Feedback(null, 6, null)))).contains(DeadLetterReason.INVALID_VALUE);
        assertThat(reasonFor(Turns.valid().setFeedback(new Feedback(null, 5, null)))).isEmpty();
    }

    @Test
    void failureDetailNamesTheEventButNotTheText() {
        // Given an oversize turn whose text is recognisable
        TurnEvent turn = Turns.valid().setEventId("evt-77").setText("secret ".repeat(10_000)).build();

        // When validated
        DecodeFailure failure = validator.validate(turn, NOW).orElseThrow();

        // Then the detail names the event id and the limit, never the text
        assertThat(failure.detail()).contains("evt-77").contains("32768").doesNotContain("secret");
    }

    @Test
    void validateAllKeepsValidTurnsAndAppendsAFailurePerInvalidOne() {
        // Given a decode result with two valid turns, one invalid turn and one earlier failure
        TurnEvent first = Turns.valid().setEventId("a").build();
        TurnEvent invalid = Turns.valid().setEventId("b").setTurnIndex(-3).build();
        TurnEvent last = Turns.valid().setEventId("c").build();
        DecodeFailure earlier = new DecodeFailure(DeadLetterReason.UNMAPPABLE_SPAN, "span x/y: not a GenAI span");
        DecodeResult decoded = new DecodeResult(List.of(first, invalid, last), List.of(earlier));

        // When all are validated
        DecodeResult validated = validator.validateAll(decoded, NOW);

        // Then the valid turns stay in order and the invalid one becomes a failure after the earlier one
        assertThat(validated.turns()).extracting(TurnEvent::getEventId).containsExactly("a", "c");
        assertThat(validated.failures()).extracting(DecodeFailure::reason)
                .containsExactly(DeadLetterReason.UNMAPPABLE_SPAN, DeadLetterReason.NEGATIVE_TURN_INDEX);
        assertThat(validated.isFailure()).isFalse();
        assertThat(validated.hasFailures()).isTrue();
    }
}
