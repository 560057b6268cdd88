package dev.turnloop.ingest.decode;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The bounds {@link TurnValidator} holds a turn to. Each bound exists because a value beyond it is a producer bug
 * (a unit error, a runaway loop, a broken counter) or would make one turn cost the pipeline far more than its share
 * of state, bandwidth or embedding time. All lengths are inclusive maxima.
 *
 * @param maxFutureSkew         how far event_time may be ahead of the reference time; default 5 minutes, enough
 *                              for drifting producer clocks, too little for a seconds/millis mix-up
 * @param earliestEventTime     the earliest acceptable event_time; default 2000-01-01T00:00:00Z, before any agent
 *                              runtime existed, so epoch seconds sent as millis (which land in January 1970) fail
 * @param maxTurnIndex          the highest acceptable turn_index; default 10,000, far beyond any human conversation
 * @param maxTextBytes          the longest text in UTF-8 bytes; default 32 KiB (about 8k tokens), above which a
 *                              "turn" is a pasted file, not something a person said
 * @param maxIdLength           the longest event_id, conversation_id, tenant, project or user_id, in chars;
 *                              default 256
 * @param maxUserAttributes     the most user_attributes entries; default 64 (they become cohort keys)
 * @param maxUserAttributeChars the longest user_attributes key or value, in chars; default 256
 * @param maxToolCalls          the most tool_calls on one turn; default 128
 * @param maxToolCallChars      the longest tool call name or error, in chars; default 1024
 */
public record ValidationLimits(
        Duration maxFutureSkew,
        Instant earliestEventTime,
        int maxTurnIndex,
        int maxTextBytes,
        int maxIdLength,
        int maxUserAttributes,
        int maxUserAttributeChars,
        int maxToolCalls,
        int maxToolCallChars) {

    private static final ValidationLimits DEFAULTS = new ValidationLimits(
            Duration.ofMinutes(5), Instant.parse("2000-01-01T00:00:00Z"), 10_000, 32 * 1024, 256, 64, 256, 128, 1024);

    public ValidationLimits {
        Objects.requireNonNull(maxFutureSkew, "maxFutureSkew");
        Objects.requireNonNull(earliestEventTime, "earliestEventTime");
        if (maxFutureSkew.isNegative()) {
            throw new IllegalArgumentException("maxFutureSkew must not be negative");
        }
        if (maxTurnIndex < 0 || maxTextBytes < 0 || maxIdLength < 1 || maxUserAttributes < 0 || maxUserAttributeChars < 1
                || maxToolCalls < 0 || maxToolCallChars < 1) {
            throw new IllegalArgumentException("counts and sizes must not be negative, and id, attribute and tool-call lengths must be at least 1");
        }
    }

    /** The documented defaults. */
    public static ValidationLimits defaults() {
        return DEFAULTS;
    }

    public ValidationLimits withMaxFutureSkew(Duration skew) {
        return new ValidationLimits(skew, earliestEventTime, maxTurnIndex, maxTextBytes, maxIdLength, maxUserAttributes,
                maxUserAttributeChars, maxToolCalls, maxToolCallChars);
    }

    public ValidationLimits withMaxTextBytes(int bytes) {
        return new ValidationLimits(maxFutureSkew, earliestEventTime, maxTurnIndex, bytes, maxIdLength, maxUserAttributes,
                maxUserAttributeChars, maxToolCalls, maxToolCallChars);
    }
}
