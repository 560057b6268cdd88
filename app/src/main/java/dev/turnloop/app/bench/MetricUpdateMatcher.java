package dev.turnloop.app.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Times "turn produced -> live metrics of its intent updated", which no record carries: live metrics count
 * conversations, they do not name them. A conversation waits under its intent from the moment its confirmed
 * assignment is read until the next live update of that intent is read; its latency is that update's arrival minus
 * the produce time of the conversation's last turn. Read both topics with one consumer: should the update that counted
 * a conversation be read before its assignment, the conversation waits for the intent's next update, so a latency can
 * be overstated, never understated.
 */
final class MetricUpdateMatcher {

    private final Map<String, List<Long>> waitingByIntent = new HashMap<>();
    private long waiting;

    /** A conversation whose last turn was produced at {@code producedAtMillis} was confirmed as {@code intentId}. */
    void assigned(String intentId, long producedAtMillis) {
        waitingByIntent.computeIfAbsent(intentId, id -> new ArrayList<>()).add(producedAtMillis);
        waiting++;
    }

    /** A live update of {@code intentId} arrived: the latencies of the conversations it releases (maybe none). */
    long[] updated(String intentId, long receivedAtMillis) {
        List<Long> released = waitingByIntent.remove(intentId);
        if (released == null) {
            return new long[0];
        }
        waiting -= released.size();
        return released.stream().mapToLong(producedAt -> receivedAtMillis - producedAt).toArray();
    }

    /** Conversations still waiting for an update of their intent. */
    long waiting() {
        return waiting;
    }
}
