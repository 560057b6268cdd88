package dev.turnloop.dashboard.view;

import dev.turnloop.schemas.ConversationSummary;
import dev.turnloop.schemas.KindTag;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * What the confirmed conversations of one intent did: volume per time bucket (the trend line), outcome and kind
 * counts, conversations per agent, and the most recent conversations for the drill-down. Bounded: a fixed number of
 * buckets and of recent conversations, whatever the traffic.
 */
final class IntentActivity {

    private final Duration bucket;
    private final int maxBuckets;
    private final int maxRecent;
    private final NavigableMap<Long, Long> volume = new TreeMap<>();
    private final Map<String, Long> outcomes = new TreeMap<>();
    private final Map<String, Long> kinds = new TreeMap<>();
    private final Map<String, Long> agents = new TreeMap<>();
    private final Deque<ConversationSummary> recent = new ArrayDeque<>();
    private long conversations;

    IntentActivity(Duration bucket, int maxBuckets, int maxRecent) {
        this.bucket = bucket;
        this.maxBuckets = maxBuckets;
        this.maxRecent = maxRecent;
    }

    void confirmed(Instant eventTime, ConversationSummary summary, List<KindTag> kindTags) {
        conversations++;
        long start = eventTime.toEpochMilli() / bucket.toMillis() * bucket.toMillis();
        volume.merge(start, 1L, Long::sum);
        while (volume.size() > maxBuckets) {
            volume.pollFirstEntry();
        }
        kindTags.forEach(tag -> kinds.merge(tag.getKind().name(), 1L, Long::sum));
        if (summary != null) {
            outcomes.merge(summary.getOutcome().name(), 1L, Long::sum);
            agents.merge(summary.getCohort().getAgentName(), 1L, Long::sum);
            recent.addFirst(summary);
            while (recent.size() > maxRecent) {
                recent.removeLast();
            }
        }
    }

    long conversations() {
        return conversations;
    }

    long conversationsOf(String agentName) {
        return agents.getOrDefault(agentName, 0L);
    }

    /** Volume per bucket from the first bucket seen to {@code now}, empty buckets included, so a gap shows as zero. */
    List<long[]> volumeUntil(Instant now) {
        if (volume.isEmpty()) {
            return List.of();
        }
        long step = bucket.toMillis();
        long last = Math.max(volume.lastKey(), now.toEpochMilli() / step * step);
        long first = Math.max(volume.firstKey(), last - (maxBuckets - 1) * step);
        List<long[]> points = new java.util.ArrayList<>();
        for (long t = first; t <= last; t += step) {
            points.add(new long[] {t, volume.getOrDefault(t, 0L)});
        }
        return points;
    }

    Map<String, Long> outcomes() {
        return Map.copyOf(outcomes);
    }

    Map<String, Long> kinds() {
        return Map.copyOf(kinds);
    }

    Map<String, Long> agents() {
        return Map.copyOf(agents);
    }

    List<ConversationSummary> recent() {
        return List.copyOf(recent);
    }
}
