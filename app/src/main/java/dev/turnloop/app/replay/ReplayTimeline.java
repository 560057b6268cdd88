package dev.turnloop.app.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Synthesises event times for a turns file that has none: the n-th conversation (in order of first appearance) starts
 * {@code n x conversationSpacing} after the start, and turn i of a conversation happens {@code i x turnGap} after its
 * start. Deterministic, so a replay of the same file with the same settings yields the same event times.
 */
public final class ReplayTimeline {

    private final Instant start;
    private final Duration conversationSpacing;
    private final Duration turnGap;
    private final Map<String, Instant> conversationStarts = new HashMap<>();

    public ReplayTimeline(Instant start, Duration conversationSpacing, Duration turnGap) {
        this.start = start;
        this.conversationSpacing = conversationSpacing;
        this.turnGap = turnGap;
    }

    /** A start such that the last of {@code conversations} conversations begins about now. */
    public static Instant endingNow(Instant now, long conversations, Duration conversationSpacing) {
        return now.minus(conversationSpacing.multipliedBy(Math.max(0, conversations - 1)));
    }

    public Instant eventTime(String conversationId, int turnIndex) {
        Instant conversationStart = conversationStarts.computeIfAbsent(conversationId,
                id -> start.plus(conversationSpacing.multipliedBy(conversationStarts.size())));
        return conversationStart.plus(turnGap.multipliedBy(Math.max(0, turnIndex)));
    }
}
