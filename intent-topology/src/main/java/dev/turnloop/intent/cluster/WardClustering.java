package dev.turnloop.intent.cluster;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Ward's agglomerative clustering of weighted groups of unit vectors (a count and a mean each), cut where the intents
 * stop being cohesive.
 *
 * <p>Ward merges the pair whose union least increases the squared distance of items to their centres, so it builds
 * groups of even spread instead of the chains and crumbs that average or single linkage give on sentence embeddings.
 * It runs on summaries alone: the distance of two groups follows from their counts and the dot products of their
 * linear sums, and the dot products of a merged group are the sums of its parts' ({@code O(m^2)} after one Gram
 * matrix).
 *
 * <p>Cut rule: merges are applied from the cheapest while the cohesion of the partition — the average cosine
 * similarity between two distinct items of the same group, averaged over items — stays at least the threshold. That
 * average is an unbiased estimate whatever the group sizes, so the rule gives the same granularity for a thousand items
 * or a million: the number of groups is found, never given.
 *
 * <p>Separation rule: being an average over the partition, the cut lets tight groups (near-identical requests, a
 * scripted flow) pay for loose merges elsewhere, so on its own it would join unrelated groups whenever a few tight ones
 * dominate, as early in a stream. So two groups are never merged when the similarity of requests across them falls
 * more than {@code separation} below the similarity of requests within them: each request's own group's cohesion,
 * averaged over both groups, and never taken below {@code cohesion}, so that a group already looser than an intent
 * should be cannot snowball by taking in whatever is only a little less similar. A loose intent's halves are about
 * as similar across as within; two different intents are not. The rule looks at the two groups alone, so nothing
 * elsewhere can outweigh it; the agglomeration goes on around a pair it keeps apart.
 */
final class WardClustering {

    private WardClustering() {
    }

    /**
     * Groups the inputs by cohesion alone, for coarse groupings of groups that are already separated (themes).
     *
     * @see #cluster(long[], float[][], double, double)
     */
    static int[] cluster(long[] counts, float[][] means, double cohesion) {
        return cluster(counts, means, cohesion, Double.POSITIVE_INFINITY);
    }

    /**
     * Groups the inputs.
     *
     * @param counts     items per input group, each at least 1
     * @param means      mean of the unit vectors of each input group
     * @param cohesion   minimum average within-group pairwise cosine similarity of the result
     * @param separation most by which the similarity across two merged groups may fall below their own (positive
     *                   infinity: no limit)
     * @return for each input, the index of its cluster; clusters are numbered in order of their first input
     */
    static int[] cluster(long[] counts, float[][] means, double cohesion, double separation) {
        int m = counts.length;
        if (m == 0) {
            return new int[0];
        }
        Dendrogram tree = build(counts, means, cohesion, separation);
        return tree.cut(cohesion);
    }

    private static Dendrogram build(long[] counts, float[][] means, double intentCohesion, double separation) {
        int m = counts.length;
        double[] n = new double[m];
        for (int i = 0; i < m; i++) {
            n[i] = counts[i];
        }
        Gram gram = Gram.of(n, means);
        double[] selfDot = new double[m];
        double[] cohesion = new double[m];
        for (int i = 0; i < m; i++) {
            selfDot[i] = gram.get(i, i);
            cohesion[i] = cohesion(n[i], selfDot[i]);
        }
        Dendrogram tree = new Dendrogram(m, n, selfDot);
        boolean[] alive = new boolean[m];
        Arrays.fill(alive, true);
        // a group that may merge with no other for now; a merge elsewhere may give it a partner again
        boolean[] apart = new boolean[m];
        int[] node = IntStream.range(0, m).toArray();
        int[] chain = new int[m];
        int chainLength = 0;
        // nearest-neighbour chain: follow nearest neighbours until two are each other's nearest, then merge them;
        // exact for Ward because its distance is reducible; a pair kept apart is never a candidate
        while (true) {
            if (chainLength == 0) {
                int start = 0;
                while (start < m && (!alive[start] || apart[start])) {
                    start++;
                }
                if (start == m) {
                    break;
                }
                chain[chainLength++] = start;
            }
            int a = chain[chainLength - 1];
            int previous = chainLength > 1 ? chain[chainLength - 2] : -1;
            int nearest = -1;
            double best = Double.POSITIVE_INFINITY;
            for (int b = 0; b < m; b++) {
                if (b != a && alive[b] && !apart[b]) {
                    double d = wardDistance(n, gram, a, b);
                    // the separation test is the dearer one: only a candidate that would be nearest needs it
                    if (d < best && separated(n, gram, cohesion, intentCohesion, a, b) <= separation) {
                        best = d;
                        nearest = b;
                    }
                }
            }
            if (previous >= 0 && wardDistance(n, gram, a, previous) <= best) {
                chainLength -= 2;
                int keep = Math.min(a, previous);
                int drop = Math.max(a, previous);
                double delta = wardDistance(n, gram, keep, drop);
                gram.merge(keep, drop, alive);
                n[keep] += n[drop];
                alive[drop] = false;
                cohesion[keep] = cohesion(n[keep], gram.get(keep, keep));
                node[keep] = tree.addMerge(node[keep], node[drop], delta, n[keep], gram.get(keep, keep));
                for (int k = 0; k < m; k++) {
                    if (apart[k] && alive[k] && separated(n, gram, cohesion, intentCohesion, keep, k) <= separation) {
                        apart[k] = false;
                    }
                }
            } else if (nearest < 0) {
                apart[a] = true;
                chainLength--;
            } else {
                chain[chainLength++] = nearest;
            }
        }
        return tree;
    }

    /**
     * How much less similar requests across two groups are than requests within them: the cohesion of each request's
     * own group, averaged over the requests of both and at least {@code intentCohesion}, minus the average cosine
     * similarity between a request of one and a request of the other. A single request has no cohesion of its own and
     * counts for none.
     */
    private static double separated(double[] n, Gram gram, double[] cohesion, double intentCohesion, int a, int b) {
        boolean hasA = !Double.isNaN(cohesion[a]);
        boolean hasB = !Double.isNaN(cohesion[b]);
        double weighted = (hasA ? n[a] * cohesion[a] : 0) + (hasB ? n[b] * cohesion[b] : 0);
        double requests = (hasA ? n[a] : 0) + (hasB ? n[b] : 0);
        double within = requests == 0 ? intentCohesion : Math.max(intentCohesion, weighted / requests);
        return within - gram.get(a, b) / (n[a] * n[b]);
    }

    /** Average pairwise cosine similarity of a group's items; NaN for a single item. */
    private static double cohesion(double n, double selfDot) {
        return n > 1 ? (selfDot - n) / (n * (n - 1)) : Double.NaN;
    }

    /** Increase of the within-group sum of squares if {@code a} and {@code b} were merged. */
    private static double wardDistance(double[] n, Gram gram, int a, int b) {
        double na = n[a];
        double nb = n[b];
        double squaredDistance = gram.get(a, a) / (na * na) + gram.get(b, b) / (nb * nb) - 2 * gram.get(a, b) / (na * nb);
        return na * nb / (na + nb) * Math.max(0, squaredDistance);
    }

    /** A group's share of the item-weighted cohesion: its size times its average pairwise cosine (1 for one item). */
    private static double cohesionMass(double n, double selfDot) {
        return n > 1 ? (selfDot - n) / (n - 1) : 1;
    }

    /** Symmetric matrix of dot products of the groups' linear sums, stored as a lower triangle. */
    private static final class Gram {
        private final float[] lower;

        private Gram(int m) {
            lower = new float[m * (m + 1) / 2];
        }

        static Gram of(double[] n, float[][] means) {
            int m = n.length;
            int dimension = means[0].length;
            float[] packed = new float[m * dimension];
            for (int i = 0; i < m; i++) {
                System.arraycopy(means[i], 0, packed, i * dimension, dimension);
            }
            Gram gram = new Gram(m);
            int i = 0;
            for (; i + 3 < m; i += 4) {
                fourRows(gram, packed, dimension, i);
            }
            for (; i < m; i++) {
                for (int j = 0; j <= i; j++) {
                    gram.set(i, j, Vectors.dot(packed, i * dimension, packed, j * dimension, dimension));
                }
            }
            for (i = 0; i < m; i++) {
                for (int j = 0; j <= i; j++) {
                    gram.set(i, j, gram.get(i, j) * n[i] * n[j]);
                }
            }
            return gram;
        }

        /** Dot products of rows i..i+3 with every row up to i+3: each other row is read once for four products. */
        private static void fourRows(Gram gram, float[] packed, int dimension, int i) {
            int r0 = i * dimension;
            int r1 = r0 + dimension;
            int r2 = r1 + dimension;
            int r3 = r2 + dimension;
            for (int j = 0; j <= i + 3; j++) {
                int rj = j * dimension;
                float s0 = 0;
                float s1 = 0;
                float s2 = 0;
                float s3 = 0;
                for (int k = 0; k < dimension; k++) {
                    float x = packed[rj + k];
                    s0 += packed[r0 + k] * x;
                    s1 += packed[r1 + k] * x;
                    s2 += packed[r2 + k] * x;
                    s3 += packed[r3 + k] * x;
                }
                if (j <= i) {
                    gram.set(i, j, s0);
                }
                if (j <= i + 1) {
                    gram.set(i + 1, j, s1);
                }
                if (j <= i + 2) {
                    gram.set(i + 2, j, s2);
                }
                gram.set(i + 3, j, s3);
            }
        }

        double get(int i, int j) {
            return i >= j ? lower[i * (i + 1) / 2 + j] : lower[j * (j + 1) / 2 + i];
        }

        void set(int i, int j, double value) {
            if (i >= j) {
                lower[i * (i + 1) / 2 + j] = (float) value;
            } else {
                lower[j * (j + 1) / 2 + i] = (float) value;
            }
        }

        /** The sum of {@code keep} becomes the sum of both: its dot products are the sums of theirs. */
        void merge(int keep, int drop, boolean[] alive) {
            double self = get(keep, keep) + get(drop, drop) + 2 * get(keep, drop);
            for (int k = 0; k < alive.length; k++) {
                if (alive[k] && k != keep && k != drop) {
                    set(keep, k, get(keep, k) + get(drop, k));
                }
            }
            set(keep, keep, self);
        }
    }

    /** Merges in the order they were made; leaves are nodes 0..m-1, merge i creates node m+i. */
    private static final class Dendrogram {
        private final int leaves;
        private final int[] left;
        private final int[] right;
        private final double[] delta;
        private final double[] nodeCount;
        private final double[] nodeSelfDot;
        private int merges;

        Dendrogram(int leaves, double[] leafCounts, double[] leafSelfDots) {
            this.leaves = leaves;
            left = new int[leaves - 1];
            right = new int[leaves - 1];
            delta = new double[leaves - 1];
            nodeCount = Arrays.copyOf(leafCounts, 2 * leaves - 1);
            nodeSelfDot = Arrays.copyOf(leafSelfDots, 2 * leaves - 1);
        }

        int addMerge(int a, int b, double cost, double count, double selfDot) {
            left[merges] = a;
            right[merges] = b;
            // Ward never merges below its children; rounding in the float Gram matrix must not make it look so
            delta[merges] = Math.max(cost, Math.max(costOf(a), costOf(b)));
            int created = leaves + merges;
            nodeCount[created] = count;
            nodeSelfDot[created] = selfDot;
            merges++;
            return created;
        }

        private double costOf(int node) {
            return node < leaves ? 0 : delta[node - leaves];
        }

        int[] cut(double cohesion) {
            int total = 2 * leaves - 1;
            double items = 0;
            double mass = 0;
            for (int i = 0; i < leaves; i++) {
                items += nodeCount[i];
                mass += cohesionMass(nodeCount[i], nodeSelfDot[i]);
            }
            // a stable sort keeps every merge after the merges of its children, even on equal costs
            Integer[] order = IntStream.range(0, merges).boxed().toArray(Integer[]::new);
            Arrays.sort(order, Comparator.comparingDouble(i -> delta[i]));
            int[] parent = IntStream.range(0, total).toArray();
            for (int i : order) {
                int a = left[i];
                int b = right[i];
                int created = leaves + i;
                double merged = mass - cohesionMass(nodeCount[a], nodeSelfDot[a]) - cohesionMass(nodeCount[b], nodeSelfDot[b])
                        + cohesionMass(nodeCount[created], nodeSelfDot[created]);
                if (merged / items < cohesion) {
                    break;
                }
                mass = merged;
                parent[a] = created;
                parent[b] = created;
            }
            int[] clusterOfRoot = new int[total];
            Arrays.fill(clusterOfRoot, -1);
            int[] result = new int[leaves];
            int clusters = 0;
            for (int leaf = 0; leaf < leaves; leaf++) {
                int root = leaf;
                while (parent[root] != root) {
                    root = parent[root];
                }
                if (clusterOfRoot[root] < 0) {
                    clusterOfRoot[root] = clusters++;
                }
                result[leaf] = clusterOfRoot[root];
            }
            return result;
        }
    }
}
