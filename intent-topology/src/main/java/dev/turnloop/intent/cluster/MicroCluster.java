package dev.turnloop.intent.cluster;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Summary of a small group of near-identical requests seen by one stream task: how many, their mean embedding, when
 * they were seen and a few of their item ids. It is additive (count and linear sum), so micro-clusters of every task
 * can be merged into one intent model without keeping the items themselves.
 *
 * @param id          unique across tasks: the task's source id in the high bits, a sequence number in the low bits
 * @param count       number of items absorbed
 * @param mean        mean of the absorbed unit vectors (not normalised: its length is the mean cosine of the items to
 *                    their centre)
 * @param firstSeenMs timestamp of the first item
 * @param lastSeenMs  timestamp of the latest item
 * @param exemplarIds ids of the first few items, to show examples of an intent
 */
public record MicroCluster(long id, long count, float[] mean, long firstSeenMs, long lastSeenMs, List<String> exemplarIds) {

    public MicroCluster {
        if (count < 1) {
            throw new IllegalArgumentException("a micro-cluster holds at least one item: " + count);
        }
        exemplarIds = List.copyOf(exemplarIds);
    }

    /** The task that created this micro-cluster, from the high bits of its id. */
    public int sourceId() {
        return MicroClusterer.sourceOf(id);
    }

    /** Mean cosine similarity of the items to their centre, in [0, 1]. */
    public double resultantLength() {
        return Vectors.norm(mean);
    }

    /** Compares the mean by content, so that a decoded micro-cluster equals the one that was encoded. */
    @Override
    public boolean equals(Object o) {
        return o instanceof MicroCluster other
                && id == other.id
                && count == other.count
                && firstSeenMs == other.firstSeenMs
                && lastSeenMs == other.lastSeenMs
                && Arrays.equals(mean, other.mean)
                && exemplarIds.equals(other.exemplarIds);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, count, firstSeenMs, lastSeenMs, Arrays.hashCode(mean), exemplarIds);
    }

    @Override
    public String toString() {
        return "MicroCluster[id=" + id + ", count=" + count + ", firstSeenMs=" + firstSeenMs + ", lastSeenMs=" + lastSeenMs
                + ", exemplarIds=" + exemplarIds + "]";
    }
}
