package dev.turnloop.intent.cluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The global level of intent discovery: merges the micro-clusters of all tasks into a new {@link IntentModel}, keeping
 * the ids of the previous model's intents where the new intents continue them.
 *
 * <p>Steps: Ward's agglomeration of the micro-clusters, never joining groups that are clearly apart (see
 * {@link IntentClusteringConfig#intentSeparation()}), cut where intents stop being cohesive (see
 * {@link IntentClusteringConfig#intentCohesion()}); a few k-means rounds that move each micro-cluster to the nearest
 * intent centre; identity matching against the previous model; themes by the same agglomeration of the intents at a
 * looser cohesion. Deterministic: the same micro-clusters and previous model always give the same model. Stateless
 * between calls, so it can run inside a single-partition processor on a punctuation.
 */
public final class IntentModelBuilder {

    private final String embedderId;
    private final int dimension;
    private final IntentClusteringConfig config;

    public IntentModelBuilder(String embedderId, int dimension, IntentClusteringConfig config) {
        this.embedderId = embedderId;
        this.dimension = dimension;
        this.config = config;
    }

    /**
     * Builds the next model.
     *
     * @param microClusters the current micro-clusters of every task
     * @param previous      the model published last ({@link IntentModel#empty} at first)
     * @param nowMs         build time, recorded in the model and its lineage events
     */
    public ModelUpdate build(Collection<MicroCluster> microClusters, IntentModel previous, long nowMs) {
        List<MicroCluster> micros = new ArrayList<>(microClusters);
        micros.sort(Comparator.comparingLong(MicroCluster::id));
        for (MicroCluster micro : micros) {
            if (micro.mean().length != dimension) {
                throw new IllegalArgumentException("micro-cluster " + micro.id() + " has " + micro.mean().length
                        + " components, expected " + dimension);
            }
        }
        int[] clusterOf = refine(micros, agglomerate(micros));
        Clusters clusters = Clusters.of(micros, clusterOf, dimension);
        long version = previous.version() + 1;
        IntentIdentities.Result identities = IntentIdentities.resolve(previous, clusters.microIds, clusters.microCounts,
                clusters.centroids, clusters.counts, config.reidentifySimilarity(), version, nowMs);
        String[] themeIds = themes(clusters, identities.ids());

        List<Intent> intents = new ArrayList<>(clusters.size());
        for (int c = 0; c < clusters.size(); c++) {
            String id = identities.ids()[c];
            long seen = clusters.firstSeen[c];
            long firstSeen = previous.intent(id).map(old -> Math.min(old.firstSeenMs(), seen)).orElse(seen);
            intents.add(new Intent(id, themeIds[c], clusters.counts[c], clusters.centroids.get(c), clusters.cohesion[c],
                    firstSeen, clusters.lastSeen[c]));
        }
        intents.sort(Comparator.comparingLong(Intent::count).reversed().thenComparing(Intent::id));
        Map<Long, String> owners = new HashMap<>();
        for (int i = 0; i < micros.size(); i++) {
            owners.put(micros.get(i).id(), identities.ids()[clusterOf[i]]);
        }
        IntentModel model = new IntentModel(version, nowMs, embedderId, dimension, identities.nextSequence(), intents,
                owners);
        return new ModelUpdate(model, identities.events());
    }

    /** Ward over the micro-clusters, or over pools of them when there are more than the merge may compare. */
    private int[] agglomerate(List<MicroCluster> micros) {
        int[] poolOf = pool(micros);
        int pools = Arrays.stream(poolOf).max().orElse(-1) + 1;
        long[] counts = new long[pools];
        double[][] sums = new double[pools][dimension];
        for (int i = 0; i < micros.size(); i++) {
            MicroCluster micro = micros.get(i);
            counts[poolOf[i]] += micro.count();
            addScaled(sums[poolOf[i]], micro.mean(), micro.count());
        }
        float[][] means = new float[pools][];
        for (int p = 0; p < pools; p++) {
            means[p] = scaled(sums[p], 1.0 / counts[p]);
        }
        int[] clusterOfPool = WardClustering.cluster(counts, means, config.intentCohesion(),
                config.intentSeparation());
        int[] clusterOf = new int[micros.size()];
        for (int i = 0; i < micros.size(); i++) {
            clusterOf[i] = clusterOfPool[poolOf[i]];
        }
        return clusterOf;
    }

    /**
     * Each micro-cluster alone while they fit the bound; past it, the largest first lead pools, and a micro-cluster
     * joins the nearest pool whose leader its items would have joined — their mean cosine to the leader's direction is
     * at least {@code microThreshold} — or the nearest pool once the bound is reached. Micro-clusters of different
     * tasks that cover the same requests end up in one pool.
     */
    private int[] pool(List<MicroCluster> micros) {
        int m = micros.size();
        int[] poolOf = new int[m];
        if (m <= config.maxMergeInputs()) {
            Arrays.setAll(poolOf, i -> i);
            return poolOf;
        }
        Integer[] bySize = new Integer[m];
        Arrays.setAll(bySize, i -> i);
        Arrays.sort(bySize, Comparator.comparingLong((Integer i) -> micros.get(i).count()).reversed()
                .thenComparingInt(i -> i));
        float[] leaders = new float[config.maxMergeInputs() * dimension];
        int pools = 0;
        for (int i : bySize) {
            float[] mean = micros.get(i).mean();
            int nearest = -1;
            float best = Float.NEGATIVE_INFINITY;
            for (int p = 0; p < pools; p++) {
                // the mean cosine of this micro-cluster's items to the leader's direction: the rule items joined by
                float similarity = Vectors.dot(mean, 0, leaders, p * dimension, dimension);
                if (similarity > best) {
                    best = similarity;
                    nearest = p;
                }
            }
            if (nearest >= 0 && (best >= config.microThreshold() || pools == config.maxMergeInputs())) {
                poolOf[i] = nearest;
            } else {
                System.arraycopy(Vectors.unit(mean), 0, leaders, pools * dimension, dimension);
                poolOf[i] = pools++;
            }
        }
        return poolOf;
    }

    /** k-means over micro-clusters: each moves to the intent whose centre is most similar to its own. */
    private int[] refine(List<MicroCluster> micros, int[] clusterOf) {
        int m = micros.size();
        float[] means = new float[m * dimension];
        for (int i = 0; i < m; i++) {
            System.arraycopy(micros.get(i).mean(), 0, means, i * dimension, dimension);
        }
        int[] current = clusterOf;
        for (int round = 0; round < config.refinementRounds(); round++) {
            int k = Arrays.stream(current).max().orElse(-1) + 1;
            double[][] sums = new double[k][dimension];
            for (int i = 0; i < m; i++) {
                addScaled(sums[current[i]], micros.get(i).mean(), micros.get(i).count());
            }
            float[] centres = new float[k * dimension];
            for (int c = 0; c < k; c++) {
                System.arraycopy(Vectors.unit(sums[c]), 0, centres, c * dimension, dimension);
            }
            int[] next = new int[m];
            for (int i = 0; i < m; i++) {
                int nearest = current[i];
                float best = Vectors.dot(means, i * dimension, centres, nearest * dimension, dimension);
                for (int c = 0; c < k; c++) {
                    float similarity = Vectors.dot(means, i * dimension, centres, c * dimension, dimension);
                    if (similarity > best) {
                        best = similarity;
                        nearest = c;
                    }
                }
                next[i] = nearest;
            }
            next = renumber(next);
            if (Arrays.equals(next, current)) {
                break;
            }
            current = next;
        }
        return current;
    }

    /** Cluster numbers in order of first use, dropping those left empty. */
    private static int[] renumber(int[] clusterOf) {
        Map<Integer, Integer> numbers = new HashMap<>();
        int[] result = new int[clusterOf.length];
        for (int i = 0; i < clusterOf.length; i++) {
            result[i] = numbers.computeIfAbsent(clusterOf[i], c -> numbers.size());
        }
        return result;
    }

    /** Theme of each cluster: the id of the largest intent of its group at the looser cohesion. */
    private String[] themes(Clusters clusters, String[] ids) {
        int k = clusters.size();
        float[][] means = new float[k][];
        for (int c = 0; c < k; c++) {
            means[c] = scaled(clusters.sums[c], 1.0 / clusters.counts[c]);
        }
        int[] themeOf = WardClustering.cluster(clusters.counts, means, config.themeCohesion());
        int themes = Arrays.stream(themeOf).max().orElse(-1) + 1;
        int[] leader = new int[themes];
        Arrays.fill(leader, -1);
        for (int c = 0; c < k; c++) {
            int t = themeOf[c];
            if (leader[t] < 0 || clusters.counts[c] > clusters.counts[leader[t]]
                    || clusters.counts[c] == clusters.counts[leader[t]] && ids[c].compareTo(ids[leader[t]]) < 0) {
                leader[t] = c;
            }
        }
        String[] themeIds = new String[k];
        for (int c = 0; c < k; c++) {
            themeIds[c] = ids[leader[themeOf[c]]];
        }
        return themeIds;
    }

    private static void addScaled(double[] sum, float[] v, double scale) {
        for (int i = 0; i < sum.length; i++) {
            sum[i] += v[i] * scale;
        }
    }

    private static float[] scaled(double[] v, double scale) {
        float[] result = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            result[i] = (float) (v[i] * scale);
        }
        return result;
    }

    /** Per-cluster totals of the micro-clusters assigned to each cluster. */
    private static final class Clusters {
        final List<long[]> microIds = new ArrayList<>();
        final List<long[]> microCounts = new ArrayList<>();
        final List<float[]> centroids = new ArrayList<>();
        long[] counts;
        double[][] sums;
        double[] cohesion;
        long[] firstSeen;
        long[] lastSeen;

        static Clusters of(List<MicroCluster> micros, int[] clusterOf, int dimension) {
            int k = Arrays.stream(clusterOf).max().orElse(-1) + 1;
            Clusters clusters = new Clusters();
            clusters.counts = new long[k];
            clusters.sums = new double[k][dimension];
            clusters.cohesion = new double[k];
            clusters.firstSeen = new long[k];
            clusters.lastSeen = new long[k];
            Arrays.fill(clusters.firstSeen, Long.MAX_VALUE);
            Arrays.fill(clusters.lastSeen, Long.MIN_VALUE);
            List<List<MicroCluster>> members = new ArrayList<>(k);
            for (int c = 0; c < k; c++) {
                members.add(new ArrayList<>());
            }
            for (int i = 0; i < micros.size(); i++) {
                MicroCluster micro = micros.get(i);
                int c = clusterOf[i];
                members.get(c).add(micro);
                clusters.counts[c] += micro.count();
                addScaled(clusters.sums[c], micro.mean(), micro.count());
                clusters.firstSeen[c] = Math.min(clusters.firstSeen[c], micro.firstSeenMs());
                clusters.lastSeen[c] = Math.max(clusters.lastSeen[c], micro.lastSeenMs());
            }
            for (int c = 0; c < k; c++) {
                double selfDot = 0;
                for (double x : clusters.sums[c]) {
                    selfDot += x * x;
                }
                double n = clusters.counts[c];
                clusters.cohesion[c] = n > 1 ? Math.min(1, Math.max(-1, (selfDot - n) / (n * (n - 1)))) : 1;
                clusters.centroids.add(Vectors.unit(clusters.sums[c]));
                clusters.microIds.add(members.get(c).stream().mapToLong(MicroCluster::id).toArray());
                clusters.microCounts.add(members.get(c).stream().mapToLong(MicroCluster::count).toArray());
            }
            return clusters;
        }

        int size() {
            return counts.length;
        }
    }
}
