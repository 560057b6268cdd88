package dev.turnloop.intent.eval;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * External agreement of a clustering with gold labels, the usual three of intent-discovery papers: normalised mutual
 * information (arithmetic-mean normalisation), adjusted Rand index and accuracy under the best one-to-one matching of
 * clusters to classes (Hungarian algorithm). NMI and accuracy lie in [0, 1]; ARI is 0 for chance and 1 for identity
 * (and can dip below 0).
 *
 * @param classes  distinct gold labels
 * @param clusters distinct predicted labels
 */
public record ClusteringScores(int classes, int clusters, double nmi, double ari, double accuracy) {

    /**
     * Scores {@code predicted} against {@code truth}, element by element.
     *
     * @throws IllegalArgumentException if the lists differ in length or are empty
     */
    public static ClusteringScores compute(List<String> truth, List<String> predicted) {
        if (truth.size() != predicted.size() || truth.isEmpty()) {
            throw new IllegalArgumentException("need two label lists of the same non-zero length, got " + truth.size()
                    + " and " + predicted.size());
        }
        int[] classOf = indices(truth);
        int[] clusterOf = indices(predicted);
        int classes = max(classOf) + 1;
        int clusters = max(clusterOf) + 1;
        long[][] contingency = new long[classes][clusters];
        for (int i = 0; i < classOf.length; i++) {
            contingency[classOf[i]][clusterOf[i]]++;
        }
        return new ClusteringScores(classes, clusters, nmi(contingency, truth.size()), ari(contingency, truth.size()),
                accuracy(contingency, truth.size()));
    }

    private static double nmi(long[][] contingency, long n) {
        long[] rowSums = rowSums(contingency);
        long[] columnSums = columnSums(contingency);
        double mutualInformation = 0;
        for (int i = 0; i < contingency.length; i++) {
            for (int j = 0; j < contingency[i].length; j++) {
                long nij = contingency[i][j];
                if (nij > 0) {
                    mutualInformation += (double) nij / n * Math.log((double) nij * n / ((double) rowSums[i] * columnSums[j]));
                }
            }
        }
        double entropies = entropy(rowSums, n) + entropy(columnSums, n);
        // two single-block partitions are identical: sklearn's convention
        return entropies == 0 ? 1 : Math.max(0, 2 * mutualInformation / entropies);
    }

    private static double ari(long[][] contingency, long n) {
        double pairs = 0;
        for (long[] row : contingency) {
            for (long nij : row) {
                pairs += pairs(nij);
            }
        }
        double rowPairs = 0;
        for (long a : rowSums(contingency)) {
            rowPairs += pairs(a);
        }
        double columnPairs = 0;
        for (long b : columnSums(contingency)) {
            columnPairs += pairs(b);
        }
        double expected = rowPairs * columnPairs / pairs(n);
        double maximum = (rowPairs + columnPairs) / 2;
        // both partitions all singletons or one block: they agree on every pair
        return maximum == expected ? 1 : (pairs - expected) / (maximum - expected);
    }

    private static double accuracy(long[][] contingency, long n) {
        double[][] cost = new double[contingency.length][contingency[0].length];
        for (int i = 0; i < contingency.length; i++) {
            for (int j = 0; j < contingency[i].length; j++) {
                cost[i][j] = -contingency[i][j];
            }
        }
        int[] columnOfRow = HungarianAlgorithm.minimumCostAssignment(cost);
        long matched = 0;
        for (int i = 0; i < columnOfRow.length; i++) {
            if (columnOfRow[i] >= 0) {
                matched += contingency[i][columnOfRow[i]];
            }
        }
        return (double) matched / n;
    }

    private static double pairs(long count) {
        return count * (count - 1) / 2.0;
    }

    private static double entropy(long[] sums, long n) {
        double h = 0;
        for (long s : sums) {
            if (s > 0) {
                double p = (double) s / n;
                h -= p * Math.log(p);
            }
        }
        return h;
    }

    private static long[] rowSums(long[][] contingency) {
        long[] sums = new long[contingency.length];
        for (int i = 0; i < contingency.length; i++) {
            for (long nij : contingency[i]) {
                sums[i] += nij;
            }
        }
        return sums;
    }

    private static long[] columnSums(long[][] contingency) {
        long[] sums = new long[contingency[0].length];
        for (long[] row : contingency) {
            for (int j = 0; j < row.length; j++) {
                sums[j] += row[j];
            }
        }
        return sums;
    }

    private static int[] indices(List<String> labels) {
        Map<String, Integer> index = new HashMap<>();
        int[] result = new int[labels.size()];
        for (int i = 0; i < labels.size(); i++) {
            result[i] = index.computeIfAbsent(labels.get(i), label -> index.size());
        }
        return result;
    }

    private static int max(int[] values) {
        int max = -1;
        for (int v : values) {
            max = Math.max(max, v);
        }
        return max;
    }
}
