package dev.turnloop.ingest.decode;

import dev.turnloop.schemas.ToolCall;
import dev.turnloop.schemas.TurnEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The rules of {@link ValidationLimits} and {@link DeadLetterReason} as their javadoc states them, written
 * independently of {@link TurnValidator} so a fuzz test can compare the two on any turn.
 */
final class LimitsOracle {

    /**
     * @param broken    rules the turn certainly breaks
     * @param ambiguous rules whose verdict the documentation leaves open: the UTF-8 size of a text with unpaired
     *                  surrogates, which UTF-8 cannot encode
     */
    record Verdict(Set<DeadLetterReason> broken, Set<DeadLetterReason> ambiguous) {
    }

    private LimitsOracle() {
    }

    static Verdict judge(TurnEvent turn, Instant now, ValidationLimits limits) {
        Set<DeadLetterReason> broken = EnumSet.noneOf(DeadLetterReason.class);
        Set<DeadLetterReason> ambiguous = EnumSet.noneOf(DeadLetterReason.class);
        for (String id : new String[] {turn.getEventId(), turn.getConversationId(), turn.getTenant(), turn.getProject()}) {
            if (id.isBlank()) {
                broken.add(DeadLetterReason.MISSING_REQUIRED_FIELD);
            }
        }
        if (Stream.of(turn.getEventId(), turn.getConversationId(), turn.getTenant(), turn.getProject(), turn.getUserId())
                .anyMatch(id -> id != null && id.length() > limits.maxIdLength())) {
            broken.add(DeadLetterReason.OVERSIZE_ID);
        }
        if (turn.getTurnIndex() < 0) {
            broken.add(DeadLetterReason.NEGATIVE_TURN_INDEX);
        }
        if (turn.getTurnIndex() > limits.maxTurnIndex()) {
            broken.add(DeadLetterReason.TURN_INDEX_TOO_LARGE);
        }
        if (turn.getEventTime().isAfter(now.plus(limits.maxFutureSkew()))) {
            broken.add(DeadLetterReason.EVENT_TIME_IN_FUTURE);
        }
        if (turn.getEventTime().isBefore(limits.earliestEventTime())) {
            broken.add(DeadLetterReason.EVENT_TIME_TOO_OLD);
        }
        judgeText(turn.getText(), limits.maxTextBytes(), broken, ambiguous);
        Map<String, String> attributes = turn.getUserAttributes();
        if (attributes.size() > limits.maxUserAttributes() || attributes.entrySet().stream().anyMatch(e ->
                e.getKey().length() > limits.maxUserAttributeChars() || e.getValue().length() > limits.maxUserAttributeChars())) {
            broken.add(DeadLetterReason.OVERSIZE_USER_ATTRIBUTES);
        }
        if (turn.getToolCalls().size() > limits.maxToolCalls()) {
            broken.add(DeadLetterReason.OVERSIZE_TOOL_CALLS);
        }
        for (ToolCall call : turn.getToolCalls()) {
            if (call.getName().isBlank()) {
                broken.add(DeadLetterReason.MISSING_REQUIRED_FIELD);
            }
            if (call.getName().length() > limits.maxToolCallChars()
                    || (call.getError() != null && call.getError().length() > limits.maxToolCallChars())) {
                broken.add(DeadLetterReason.OVERSIZE_TOOL_CALLS);
            }
            if (call.getLatencyMs() < 0) {
                broken.add(DeadLetterReason.INVALID_VALUE);
            }
        }
        Integer rating = turn.getFeedback() == null ? null : turn.getFeedback().getRating();
        if (rating != null && (rating < 1 || rating > 5)) {
            broken.add(DeadLetterReason.INVALID_VALUE);
        }
        return new Verdict(broken, ambiguous);
    }

    private static void judgeText(String text, int maxBytes, Set<DeadLetterReason> broken,
            Set<DeadLetterReason> ambiguous) {
        if (text.length() > maxBytes) {
            broken.add(DeadLetterReason.OVERSIZE_TEXT); // every char takes at least one byte
        } else if (StandardCharsets.UTF_8.newEncoder().canEncode(text)) {
            if (text.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
                broken.add(DeadLetterReason.OVERSIZE_TEXT);
            }
        } else if ((long) text.length() * 3 > maxBytes) {
            // somewhere between one and three bytes per unpaired surrogate: either verdict is defensible
            ambiguous.add(DeadLetterReason.OVERSIZE_TEXT);
        }
    }
}
