package dev.turnloop.ingest.decode;

import dev.turnloop.schemas.ToolCall;
import dev.turnloop.schemas.TurnEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks that a decoded turn is one the pipeline can trust, whatever format it came in: ids present, turn index and
 * event time plausible, sizes within {@link ValidationLimits}. Time is judged against a reference instant the
 * caller passes (for a stream processor: the record's timestamp or stream time), never the wall clock, so replays
 * of old data validate the same way they did live. Thread-safe.
 */
public final class TurnValidator {

    private static final int MAX_ID_IN_DETAIL = 64;

    private final ValidationLimits limits;

    public TurnValidator(ValidationLimits limits) {
        this.limits = limits;
    }

    /** The first rule the turn breaks, or empty when it is valid. */
    public Optional<DecodeFailure> validate(TurnEvent turn, Instant now) {
        try {
            checkIds(turn);
            checkTurnIndex(turn);
            checkEventTime(turn, now);
            checkText(turn);
            checkUserAttributes(turn);
            checkToolCalls(turn);
            checkFeedback(turn);
            return Optional.empty();
        } catch (DecodeException e) {
            return Optional.of(new DecodeFailure(e.failure().reason(), "event " + shortened(turn.getEventId()) + ": " + e.failure().detail()));
        }
    }

    /** Keeps the valid turns of a decode result and appends a failure for each invalid one. */
    public DecodeResult validateAll(DecodeResult decoded, Instant now) {
        List<TurnEvent> valid = new ArrayList<>(decoded.turns().size());
        List<DecodeFailure> failures = new ArrayList<>(decoded.failures());
        for (TurnEvent turn : decoded.turns()) {
            validate(turn, now).ifPresentOrElse(failures::add, () -> valid.add(turn));
        }
        return new DecodeResult(valid, failures);
    }

    private void checkIds(TurnEvent turn) {
        requireId("event_id", turn.getEventId());
        requireId("conversation_id", turn.getConversationId());
        requireId("tenant", turn.getTenant());
        requireId("project", turn.getProject());
        if (turn.getUserId() != null) {
            checkLength("user_id", turn.getUserId());
        }
    }

    private void requireId(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new DecodeException(DeadLetterReason.MISSING_REQUIRED_FIELD, field + " is blank");
        }
        checkLength(field, value);
    }

    private void checkLength(String field, String value) {
        if (value.length() > limits.maxIdLength()) {
            throw new DecodeException(DeadLetterReason.OVERSIZE_ID,
                    field + " has " + value.length() + " chars, more than " + limits.maxIdLength());
        }
    }

    private void checkTurnIndex(TurnEvent turn) {
        int index = turn.getTurnIndex();
        if (index < 0) {
            throw new DecodeException(DeadLetterReason.NEGATIVE_TURN_INDEX, "turn_index is " + index);
        }
        if (index > limits.maxTurnIndex()) {
            throw new DecodeException(DeadLetterReason.TURN_INDEX_TOO_LARGE,
                    "turn_index " + index + " is above " + limits.maxTurnIndex());
        }
    }

    private void checkEventTime(TurnEvent turn, Instant now) {
        Instant eventTime = turn.getEventTime();
        if (eventTime == null) {
            throw new DecodeException(DeadLetterReason.MISSING_REQUIRED_FIELD, "event_time is missing");
        }
        Instant latest = now.plus(limits.maxFutureSkew());
        if (eventTime.isAfter(latest)) {
            throw new DecodeException(DeadLetterReason.EVENT_TIME_IN_FUTURE, "event_time " + eventTime + " is "
                    + Duration.between(now, eventTime) + " after reference time " + now + " (allowed " + limits.maxFutureSkew() + ")");
        }
        if (eventTime.isBefore(limits.earliestEventTime())) {
            throw new DecodeException(DeadLetterReason.EVENT_TIME_TOO_OLD,
                    "event_time " + eventTime + " is before " + limits.earliestEventTime() + " (seconds sent as millis?)");
        }
    }

    private void checkText(TurnEvent turn) {
        if (exceedsUtf8Bytes(turn.getText(), limits.maxTextBytes())) {
            throw new DecodeException(DeadLetterReason.OVERSIZE_TEXT,
                    "text has more than " + limits.maxTextBytes() + " UTF-8 bytes");
        }
    }

    private void checkUserAttributes(TurnEvent turn) {
        Map<String, String> attributes = turn.getUserAttributes();
        if (attributes.size() > limits.maxUserAttributes()) {
            throw new DecodeException(DeadLetterReason.OVERSIZE_USER_ATTRIBUTES,
                    "user_attributes has " + attributes.size() + " entries, more than " + limits.maxUserAttributes());
        }
        for (Map.Entry<String, String> entry : attributes.entrySet()) {
            if (entry.getKey().length() > limits.maxUserAttributeChars() || entry.getValue().length() > limits.maxUserAttributeChars()) {
                throw new DecodeException(DeadLetterReason.OVERSIZE_USER_ATTRIBUTES,
                        "a user_attributes key or value is longer than " + limits.maxUserAttributeChars() + " chars");
            }
        }
    }

    private void checkToolCalls(TurnEvent turn) {
        List<ToolCall> calls = turn.getToolCalls();
        if (calls.size() > limits.maxToolCalls()) {
            throw new DecodeException(DeadLetterReason.OVERSIZE_TOOL_CALLS,
                    "tool_calls has " + calls.size() + " entries, more than " + limits.maxToolCalls());
        }
        for (int i = 0; i < calls.size(); i++) {
            ToolCall call = calls.get(i);
            if (call.getName().isBlank()) {
                throw new DecodeException(DeadLetterReason.MISSING_REQUIRED_FIELD, "tool_calls[" + i + "].name is blank");
            }
            if (call.getName().length() > limits.maxToolCallChars()
                    || (call.getError() != null && call.getError().length() > limits.maxToolCallChars())) {
                throw new DecodeException(DeadLetterReason.OVERSIZE_TOOL_CALLS,
                        "tool_calls[" + i + "] has a name or error longer than " + limits.maxToolCallChars() + " chars");
            }
            if (call.getLatencyMs() < 0) {
                throw new DecodeException(DeadLetterReason.INVALID_VALUE, "tool_calls[" + i + "].latency_ms is negative");
            }
        }
    }

    private static void checkFeedback(TurnEvent turn) {
        Integer rating = turn.getFeedback() == null ? null : turn.getFeedback().getRating();
        if (rating != null && (rating < 1 || rating > 5)) {
            throw new DecodeException(DeadLetterReason.INVALID_VALUE, "feedback.rating " + rating + " is outside 1..5");
        }
    }

    /** Whether the text's UTF-8 encoding is longer than limit bytes, without encoding it. */
    static boolean exceedsUtf8Bytes(CharSequence text, int limit) {
        if (text.length() > limit) {
            return true; // every char is at least one byte
        }
        if ((long) text.length() * 3 <= limit) {
            return false; // a char is at most 3 bytes (a surrogate pair is 4 bytes for 2 chars)
        }
        long bytes = 0;
        for (int i = 0; i < text.length() && bytes <= limit; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes > limit;
    }

    private static String shortened(String id) {
        if (id == null) {
            return "<none>";
        }
        return id.length() <= MAX_ID_IN_DETAIL ? id : id.substring(0, MAX_ID_IN_DETAIL) + "...";
    }
}
