package dev.turnloop.intent.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Gives the clusters of a new build the ids of the previous model's intents they continue, and records how identities
 * changed.
 *
 * <p>A cluster continues the previous intent with which it shares the most items, counted through the micro-clusters
 * the previous model owned; pairs are matched greedily from the largest overlap, so each id survives in at most one
 * cluster. A cluster sharing nothing with the previous model may still inherit an unmatched intent whose centre is
 * almost the same (micro-cluster ids lost with a task's state). The rest get fresh ids.
 */
final class IntentIdentities {

    private static final String ID_PREFIX = "intent-";

    private IntentIdentities() {
    }

    /**
     * @param clusterMicroIds the micro-cluster ids of each new cluster
     * @param clusterMicroCounts the item count of each of those micro-clusters
     * @param centroids       unit centre of each new cluster
     * @param counts          items of each new cluster
     */
    static Result resolve(IntentModel previous, List<long[]> clusterMicroIds, List<long[]> clusterMicroCounts,
                          List<float[]> centroids, long[] counts, double reidentifySimilarity, long version, long nowMs) {
        int k = clusterMicroIds.size();
        List<Map<String, Long>> overlaps = new ArrayList<>(k);
        List<Candidate> candidates = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            Map<String, Long> overlap = new TreeMap<>();
            long[] ids = clusterMicroIds.get(c);
            long[] microCounts = clusterMicroCounts.get(c);
            for (int i = 0; i < ids.length; i++) {
                Optional<String> owner = previous.ownerOf(ids[i]);
                if (owner.isPresent()) {
                    overlap.merge(owner.get(), microCounts[i], Long::sum);
                }
            }
            overlaps.add(overlap);
            for (Map.Entry<String, Long> e : overlap.entrySet()) {
                candidates.add(new Candidate(c, e.getKey(), e.getValue()));
            }
        }
        candidates.sort(Comparator.comparingDouble(Candidate::weight).reversed()
                .thenComparingInt(Candidate::cluster).thenComparing(Candidate::previousId));
        String[] ids = new String[k];
        Set<String> taken = new HashSet<>();
        for (Candidate candidate : candidates) {
            if (ids[candidate.cluster()] == null && taken.add(candidate.previousId())) {
                ids[candidate.cluster()] = candidate.previousId();
            }
        }
        reidentifyBySimilarity(previous, overlaps, centroids, reidentifySimilarity, ids, taken);

        List<LineageEvent> events = new ArrayList<>();
        long sequence = previous.nextIntentSequence();
        for (int c = 0; c < k; c++) {
            if (ids[c] != null) {
                continue;
            }
            ids[c] = ID_PREFIX + sequence++;
            Optional<Map.Entry<String, Long>> parent = largest(overlaps.get(c));
            long known = overlaps.get(c).values().stream().mapToLong(Long::longValue).sum();
            if (parent.isPresent() && 2 * known >= counts[c]) {
                events.add(new LineageEvent(LineageEvent.Type.SPLIT_FROM, ids[c], Optional.of(parent.get().getKey()),
                        version, nowMs));
            } else {
                events.add(new LineageEvent(LineageEvent.Type.CREATED, ids[c], Optional.empty(), version, nowMs));
            }
        }
        for (Intent old : previous.intents()) {
            if (taken.contains(old.id())) {
                continue;
            }
            int receiver = -1;
            long most = 0;
            for (int c = 0; c < k; c++) {
                long weight = overlaps.get(c).getOrDefault(old.id(), 0L);
                if (weight > most) {
                    most = weight;
                    receiver = c;
                }
            }
            events.add(receiver < 0
                    ? new LineageEvent(LineageEvent.Type.RETIRED, old.id(), Optional.empty(), version, nowMs)
                    : new LineageEvent(LineageEvent.Type.MERGED_INTO, old.id(), Optional.of(ids[receiver]), version, nowMs));
        }
        return new Result(ids, events, sequence);
    }

    private static void reidentifyBySimilarity(IntentModel previous, List<Map<String, Long>> overlaps,
                                               List<float[]> centroids, double threshold, String[] ids, Set<String> taken) {
        List<Match> matches = new ArrayList<>();
        for (int c = 0; c < ids.length; c++) {
            if (ids[c] != null || !overlaps.get(c).isEmpty()) {
                continue;
            }
            for (Intent old : previous.intents()) {
                if (!taken.contains(old.id())) {
                    double similarity = Vectors.dot(centroids.get(c), old.centroid());
                    if (similarity >= threshold) {
                        matches.add(new Match(c, old.id(), similarity));
                    }
                }
            }
        }
        matches.sort(Comparator.comparingDouble(Match::similarity).reversed()
                .thenComparingInt(Match::cluster).thenComparing(Match::previousId));
        for (Match match : matches) {
            if (ids[match.cluster()] == null && taken.add(match.previousId())) {
                ids[match.cluster()] = match.previousId();
            }
        }
    }

    private static Optional<Map.Entry<String, Long>> largest(Map<String, Long> overlap) {
        // the map is sorted by id and only a strictly larger overlap replaces the best, so ties go to the smaller id
        Map.Entry<String, Long> best = null;
        for (Map.Entry<String, Long> e : overlap.entrySet()) {
            if (best == null || e.getValue() > best.getValue()) {
                best = e;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Ids per new cluster, the identity changes, and the next free id number. */
    record Result(String[] ids, List<LineageEvent> events, long nextSequence) {
    }

    private record Candidate(int cluster, String previousId, long weight) {
    }

    private record Match(int cluster, String previousId, double similarity) {
    }
}
