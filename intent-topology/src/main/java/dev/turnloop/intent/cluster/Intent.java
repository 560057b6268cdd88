package dev.turnloop.intent.cluster;

import java.util.Arrays;
import java.util.Objects;

/**
 * One discovered intent of an {@link IntentModel}.
 *
 * @param id          stable across model versions while the intent keeps its micro-clusters
 * @param themeId     the coarse theme this intent belongs to: the id of the theme's largest intent
 * @param count       items in the intent's micro-clusters
 * @param centroid    unit-length centre of the intent's items
 * @param cohesion    average cosine similarity between two distinct items of the intent (1 for a single item)
 * @param firstSeenMs when the first of its items was seen
 * @param lastSeenMs  when the latest of its items was seen
 */
public record Intent(String id, String themeId, long count, float[] centroid, double cohesion, long firstSeenMs,
                     long lastSeenMs) {

    public Intent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(themeId, "themeId");
    }

    /** Compares the centroid by content, so that a decoded intent equals the one that was encoded. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Intent other
                && id.equals(other.id)
                && themeId.equals(other.themeId)
                && count == other.count
                && Arrays.equals(centroid, other.centroid)
                && Double.compare(cohesion, other.cohesion) == 0
                && firstSeenMs == other.firstSeenMs
                && lastSeenMs == other.lastSeenMs;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, themeId, count, Arrays.hashCode(centroid), cohesion, firstSeenMs, lastSeenMs);
    }

    @Override
    public String toString() {
        return "Intent[id=" + id + ", themeId=" + themeId + ", count=" + count + ", cohesion=" + cohesion + "]";
    }
}
