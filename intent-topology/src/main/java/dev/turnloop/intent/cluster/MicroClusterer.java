package dev.turnloop.intent.cluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The per-task level of intent discovery: absorbs each embedded item into the nearest micro-cluster of this task, or
 * starts a new one when none is similar enough (leader clustering with a cosine threshold).
 *
 * <p>One instance belongs to one stream task and is not thread-safe. Each {@link #add} returns the micro-cluster it
 * changed (and, at capacity, the one folded into its neighbour to make room), so a processor writes only those records
 * to its state store and to the topic the global merge reads; {@link #restore} rebuilds the clusterer from them after a
 * rebalance.
 */
public final class MicroClusterer {

    private static final int SEQUENCE_BITS = 40;
    private static final long SEQUENCE_MASK = (1L << SEQUENCE_BITS) - 1;

    private final int sourceId;
    private final int dimension;
    private final IntentClusteringConfig config;

    // slot-indexed state; unit centroids sit in one array so the nearest-centroid scan reads memory in order
    private float[] directions;
    private double[][] sums;
    private long[] ids;
    private long[] counts;
    private long[] firstSeen;
    private long[] lastSeen;
    private List<List<String>> exemplars;
    private int size;
    private long nextSequence;

    /**
     * An empty clusterer.
     *
     * @param sourceId  identifies the task (e.g. its partition) in every micro-cluster id it creates, in [0, 2^23)
     * @param dimension length of the vectors it will receive
     */
    public MicroClusterer(int sourceId, int dimension, IntentClusteringConfig config) {
        if (sourceId < 0 || sourceId >= (1 << 23)) {
            throw new IllegalArgumentException("sourceId must be in [0, 2^23): " + sourceId);
        }
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be positive: " + dimension);
        }
        this.sourceId = sourceId;
        this.dimension = dimension;
        this.config = config;
        int capacity = Math.min(config.maxMicroClusters(), 64);
        directions = new float[capacity * dimension];
        sums = new double[capacity][];
        ids = new long[capacity];
        counts = new long[capacity];
        firstSeen = new long[capacity];
        lastSeen = new long[capacity];
        exemplars = new ArrayList<>(capacity);
    }

    /** A clusterer holding {@code saved} (for example read back from a state store); new ids continue after theirs. */
    public static MicroClusterer restore(int sourceId, int dimension, IntentClusteringConfig config,
                                         Collection<MicroCluster> saved) {
        MicroClusterer clusterer = new MicroClusterer(sourceId, dimension, config);
        saved.stream().sorted(Comparator.comparingLong(MicroCluster::id)).forEach(clusterer::put);
        return clusterer;
    }

    /** The task that created the micro-cluster with this id. */
    public static int sourceOf(long microClusterId) {
        return (int) (microClusterId >>> SEQUENCE_BITS);
    }

    /**
     * Absorbs one item.
     *
     * @param itemId      remembered as an exemplar while the micro-cluster has fewer than the configured number
     * @param vector      the item's unit-length embedding
     * @param timestampMs event time of the item
     * @return the micro-cluster that now holds the item, and the fold that made room for it, if any
     */
    public Absorption add(String itemId, float[] vector, long timestampMs) {
        if (vector.length != dimension) {
            throw new IllegalArgumentException("expected a vector of " + dimension + " components, got " + vector.length);
        }
        int nearest = -1;
        float best = Float.NEGATIVE_INFINITY;
        for (int slot = 0; slot < size; slot++) {
            float similarity = Vectors.dot(vector, 0, directions, slot * dimension, dimension);
            if (similarity > best) {
                best = similarity;
                nearest = slot;
            }
        }
        if (nearest >= 0 && best >= config.microThreshold()) {
            absorb(nearest, itemId, vector, timestampMs);
            return new Absorption(snapshot(nearest), false, Optional.empty());
        }
        Optional<Fold> fold = size == config.maxMicroClusters() ? Optional.of(foldSmallest()) : Optional.empty();
        int slot = newSlot(nextId(), timestampMs);
        absorb(slot, itemId, vector, timestampMs);
        return new Absorption(snapshot(slot), true, fold);
    }

    /** All micro-clusters of this task, ordered by id. */
    public List<MicroCluster> snapshot() {
        List<MicroCluster> all = new ArrayList<>(size);
        for (int slot = 0; slot < size; slot++) {
            all.add(snapshot(slot));
        }
        all.sort(Comparator.comparingLong(MicroCluster::id));
        return all;
    }

    /** Number of micro-clusters held. */
    public int size() {
        return size;
    }

    public int sourceId() {
        return sourceId;
    }

    private long nextId() {
        return ((long) sourceId << SEQUENCE_BITS) | (nextSequence++ & SEQUENCE_MASK);
    }

    private void put(MicroCluster saved) {
        if (saved.mean().length != dimension) {
            throw new IllegalArgumentException("micro-cluster " + saved.id() + " has " + saved.mean().length
                    + " components, expected " + dimension);
        }
        if (size == config.maxMicroClusters()) {
            throw new IllegalArgumentException("more saved micro-clusters than maxMicroClusters " + size);
        }
        int slot = newSlot(saved.id(), saved.firstSeenMs());
        double[] sum = sums[slot];
        for (int i = 0; i < dimension; i++) {
            sum[i] = (double) saved.mean()[i] * saved.count();
        }
        counts[slot] = saved.count();
        lastSeen[slot] = saved.lastSeenMs();
        exemplars.get(slot).addAll(saved.exemplarIds());
        System.arraycopy(Vectors.unit(sum), 0, directions, slot * dimension, dimension);
        if (sourceOf(saved.id()) == sourceId) {
            nextSequence = Math.max(nextSequence, (saved.id() & SEQUENCE_MASK) + 1);
        }
    }

    private int newSlot(long id, long timestampMs) {
        if (size == ids.length) {
            grow();
        }
        int slot = size++;
        ids[slot] = id;
        sums[slot] = new double[dimension];
        counts[slot] = 0;
        firstSeen[slot] = timestampMs;
        lastSeen[slot] = timestampMs;
        exemplars.add(new ArrayList<>(config.exemplarsPerCluster()));
        return slot;
    }

    private void absorb(int slot, String itemId, float[] vector, long timestampMs) {
        double[] sum = sums[slot];
        double squaredNorm = 0;
        for (int i = 0; i < dimension; i++) {
            sum[i] += vector[i];
            squaredNorm += sum[i] * sum[i];
        }
        double scale = 1 / Math.sqrt(squaredNorm);
        int offset = slot * dimension;
        for (int i = 0; i < dimension; i++) {
            directions[offset + i] = (float) (sum[i] * scale);
        }
        counts[slot]++;
        firstSeen[slot] = Math.min(firstSeen[slot], timestampMs);
        lastSeen[slot] = Math.max(lastSeen[slot], timestampMs);
        List<String> kept = exemplars.get(slot);
        if (kept.size() < config.exemplarsPerCluster()) {
            kept.add(itemId);
        }
    }

    /**
     * Makes room by folding the smallest micro-cluster (the least recently updated of those, then the oldest id) into
     * its most similar neighbour: the items stay counted, so no intent loses its mass however long the stream runs,
     * and the first to go are stale outliers.
     */
    private Fold foldSmallest() {
        int victim = 0;
        for (int slot = 1; slot < size; slot++) {
            if (counts[slot] < counts[victim]
                    || counts[slot] == counts[victim] && lastSeen[slot] < lastSeen[victim]
                    || counts[slot] == counts[victim] && lastSeen[slot] == lastSeen[victim] && ids[slot] < ids[victim]) {
                victim = slot;
            }
        }
        int into = -1;
        float best = Float.NEGATIVE_INFINITY;
        for (int slot = 0; slot < size; slot++) {
            if (slot != victim) {
                float similarity = Vectors.dot(directions, victim * dimension, directions, slot * dimension, dimension);
                if (similarity > best) {
                    best = similarity;
                    into = slot;
                }
            }
        }
        long removedId = ids[victim];
        double[] sum = sums[into];
        double[] folded = sums[victim];
        for (int i = 0; i < dimension; i++) {
            sum[i] += folded[i];
        }
        System.arraycopy(Vectors.unit(sum), 0, directions, into * dimension, dimension);
        counts[into] += counts[victim];
        firstSeen[into] = Math.min(firstSeen[into], firstSeen[victim]);
        lastSeen[into] = Math.max(lastSeen[into], lastSeen[victim]);
        List<String> kept = exemplars.get(into);
        for (String exemplar : exemplars.get(victim)) {
            if (kept.size() < config.exemplarsPerCluster()) {
                kept.add(exemplar);
            }
        }
        long intoId = ids[into];
        removeSlot(victim);
        for (int slot = 0; slot < size; slot++) {
            if (ids[slot] == intoId) {
                return new Fold(removedId, snapshot(slot));
            }
        }
        throw new IllegalStateException("micro-cluster " + intoId + " vanished while folding");
    }

    /** Moves the last slot into the freed one; slot order carries no meaning. */
    private void removeSlot(int slot) {
        int last = --size;
        if (slot != last) {
            System.arraycopy(directions, last * dimension, directions, slot * dimension, dimension);
            sums[slot] = sums[last];
            ids[slot] = ids[last];
            counts[slot] = counts[last];
            firstSeen[slot] = firstSeen[last];
            lastSeen[slot] = lastSeen[last];
            exemplars.set(slot, exemplars.get(last));
        }
        sums[last] = null;
        exemplars.remove(last);
    }

    private void grow() {
        int capacity = Math.min(config.maxMicroClusters(), ids.length * 2);
        directions = Arrays.copyOf(directions, capacity * dimension);
        sums = Arrays.copyOf(sums, capacity);
        ids = Arrays.copyOf(ids, capacity);
        counts = Arrays.copyOf(counts, capacity);
        firstSeen = Arrays.copyOf(firstSeen, capacity);
        lastSeen = Arrays.copyOf(lastSeen, capacity);
    }

    private MicroCluster snapshot(int slot) {
        double[] sum = sums[slot];
        float[] mean = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            mean[i] = (float) (sum[i] / counts[slot]);
        }
        return new MicroCluster(ids[slot], counts[slot], mean, firstSeen[slot], lastSeen[slot], exemplars.get(slot));
    }

    /**
     * What one {@link #add} changed.
     *
     * @param cluster the micro-cluster that absorbed the item, as it is now
     * @param created whether that micro-cluster was created by this item
     * @param fold    the micro-cluster folded away to stay within {@code maxMicroClusters}, if one was
     */
    public record Absorption(MicroCluster cluster, boolean created, Optional<Fold> fold) {
    }

    /**
     * A micro-cluster merged into its nearest neighbour to make room: delete {@code removedId} downstream and store
     * {@code into}.
     */
    public record Fold(long removedId, MicroCluster into) {
    }
}
