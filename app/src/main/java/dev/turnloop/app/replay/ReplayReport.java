package dev.turnloop.app.replay;

import java.util.ArrayList;
import java.util.List;

/** What a replay published and which lines it could not use, with their line numbers. */
public final class ReplayReport {

    /** A line that was not published, and why. */
    public record BadLine(long lineNumber, String reason) {
    }

    private long published;
    private final java.util.Set<String> conversations = new java.util.HashSet<>();
    private final List<BadLine> badLines = new ArrayList<>();

    void published(String conversationId) {
        published++;
        conversations.add(conversationId);
    }

    void bad(long lineNumber, String reason) {
        badLines.add(new BadLine(lineNumber, reason));
    }

    public long published() {
        return published;
    }

    public int conversations() {
        return conversations.size();
    }

    public List<BadLine> badLines() {
        return List.copyOf(badLines);
    }
}
