package dev.turnloop.scale;

import dev.turnloop.schemas.Breach;
import dev.turnloop.schemas.ConversationSummary;
import dev.turnloop.schemas.EnrichedTurn;
import dev.turnloop.schemas.IntentAssignment;
import dev.turnloop.schemas.IntentMetrics;
import dev.turnloop.schemas.SignalEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pipeline's outputs as far as they must match exactly, each as records by key in the order they were published
 * (one key lives on one partition, so that order is the processing order), every copy kept so that a record
 * published twice shows up:
 * <ul>
 *   <li>ingest: enriched turns, signals and summaries, by conversation id;</li>
 *   <li>the stand-in's intent assignments by conversation id (so a duplicate there is told apart from one in
 *       metrics);</li>
 *   <li>final intent metrics by {@code window|intent|cohort@windowStart}: one per closed window, ever;</li>
 *   <li>breaches by breach id (OPEN, RESOLVED, ...), without their evidence: the evidence quotes the intent's most
 *       recent problem conversations when the window closed, and which of the next window's conversations had
 *       already arrived from other partitions by then depends on timing;</li>
 *   <li>the latest live intent metrics of each tumbling window, by the same key as finals: the last update of a
 *       window is its tally whatever the commit timing, which is not true of a hopping view, whose live updates are
 *       only the current window's and so depend on when caches were flushed;</li>
 *   <li>the number of dead letters (none: every input turn is valid).</li>
 * </ul>
 */
record OutputSnapshot(
        Map<String, List<EnrichedTurn>> enrichedTurns,
        Map<String, List<SignalEvent>> signals,
        Map<String, List<ConversationSummary>> summaries,
        Map<String, List<IntentAssignment>> assignments,
        Map<String, List<IntentMetrics>> finals,
        Map<String, List<Breach>> breaches,
        Map<String, IntentMetrics> live,
        long deadLetters) {

    /** The key of a windowed metric: the topic key plus the window start (a topic key spans many windows). */
    static String metricKey(String topicKey, IntentMetrics metrics) {
        return topicKey + "@" + metrics.getWindowStart();
    }

    /** Collects outputs in the order they were read; a later live update of a key replaces the earlier one. */
    static final class Builder {
        private final Set<String> tumblingWindows;
        private final Map<String, List<EnrichedTurn>> enrichedTurns = new HashMap<>();
        private final Map<String, List<SignalEvent>> signals = new HashMap<>();
        private final Map<String, List<ConversationSummary>> summaries = new HashMap<>();
        private final Map<String, List<IntentAssignment>> assignments = new HashMap<>();
        private final Map<String, List<IntentMetrics>> finals = new HashMap<>();
        private final Map<String, List<Breach>> breaches = new HashMap<>();
        private final Map<String, IntentMetrics> live = new HashMap<>();
        private long deadLetters;

        Builder(Set<String> tumblingWindows) {
            this.tumblingWindows = Set.copyOf(tumblingWindows);
        }

        synchronized void enrichedTurn(String key, EnrichedTurn turn) {
            add(enrichedTurns, key, turn);
        }

        synchronized void signal(String key, SignalEvent signal) {
            add(signals, key, signal);
        }

        synchronized void summary(String key, ConversationSummary summary) {
            add(summaries, key, summary);
        }

        synchronized void assignment(String key, IntentAssignment assignment) {
            add(assignments, key, assignment);
        }

        synchronized void finalMetrics(String topicKey, IntentMetrics metrics) {
            add(finals, metricKey(topicKey, metrics), metrics);
        }

        synchronized void breach(String key, Breach breach) {
            add(breaches, key, Breach.newBuilder(breach).setEvidence(List.of()).build());
        }

        synchronized void liveMetrics(String topicKey, IntentMetrics metrics) {
            if (tumblingWindows.contains(metrics.getWindow())) {
                live.put(metricKey(topicKey, metrics), metrics);
            }
        }

        synchronized void deadLetters(long count) {
            deadLetters += count;
        }

        synchronized OutputSnapshot snapshot() {
            return new OutputSnapshot(copy(enrichedTurns), copy(signals), copy(summaries), copy(assignments),
                    copy(finals), copy(breaches), Map.copyOf(live), deadLetters);
        }

        private static <V> void add(Map<String, List<V>> map, String key, V value) {
            map.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }

        private static <V> Map<String, List<V>> copy(Map<String, List<V>> map) {
            Map<String, List<V>> copy = new HashMap<>();
            map.forEach((key, values) -> copy.put(key, List.copyOf(values)));
            return Map.copyOf(copy);
        }
    }

    /** Records compared, for the log. */
    long records() {
        return count(enrichedTurns) + count(signals) + count(summaries) + count(assignments) + count(finals)
                + count(breaches) + live.size();
    }

    private static long count(Map<String, ? extends List<?>> map) {
        return map.values().stream().mapToLong(List::size).sum();
    }
}
