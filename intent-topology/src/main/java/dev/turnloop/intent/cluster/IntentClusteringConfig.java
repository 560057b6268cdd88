package dev.turnloop.intent.cluster;

/**
 * The few parameters of intent discovery, one fixed set for every dataset. Each is a property of the embedding space
 * (cosine similarities of the sentence model), not of a dataset: no number of intents is ever given.
 *
 * @param microThreshold         an item joins its nearest micro-cluster when their cosine similarity is at least this,
 *                               else it starts a new one; high enough that a micro-cluster holds one phrasing of one
 *                               request, low enough that a task keeps far fewer micro-clusters than items
 * @param maxMicroClusters       bound on the micro-clusters one task keeps, which bounds memory and the cost of each
 *                               item; past it the smallest is folded into its nearest neighbour
 * @param exemplarsPerCluster    item ids a micro-cluster remembers, to show examples
 * @param intentCohesion         intents are merged (Ward's method) while the average cosine similarity between two
 *                               requests of the same intent, averaged over all requests, stays at least this
 * @param intentSeparation       two groups are never merged into one intent when the cosine similarity of requests
 *                               across them falls more than this below the similarity of requests within them (their
 *                               cohesions averaged over their requests, and at least {@code intentCohesion}); the
 *                               partition-wide average of {@code intentCohesion} alone lets tight groups pay for a
 *                               loose merge elsewhere, this rule does not
 * @param themeCohesion          the same rule at a looser level, grouping intents into coarse themes
 * @param refinementRounds       rounds of k-means over micro-clusters after the merge, moving each micro-cluster to
 *                               the intent whose centre is nearest
 * @param maxMergeInputs         bound on the groups the global merge compares pairwise (memory and time grow with its
 *                               square, at most {@link #MAX_MERGE_INPUTS}); more micro-clusters than this are first
 *                               pooled by {@code microThreshold}
 * @param reidentifySimilarity   an intent with no micro-cluster in common with the previous model still inherits the
 *                               id of a previous intent whose centre is at least this similar (micro-cluster state lost
 *                               or rebuilt)
 */
public record IntentClusteringConfig(
        double microThreshold,
        int maxMicroClusters,
        int exemplarsPerCluster,
        double intentCohesion,
        double intentSeparation,
        double themeCohesion,
        int refinementRounds,
        int maxMergeInputs,
        double reidentifySimilarity) {

    /** Beyond this the pairwise matrix of the merge (4 bytes per pair) would pass 800 MB. */
    public static final int MAX_MERGE_INPUTS = 20_000;

    public IntentClusteringConfig {
        requireSimilarity("microThreshold", microThreshold);
        requireSimilarity("intentCohesion", intentCohesion);
        requireSimilarity("themeCohesion", themeCohesion);
        requireSimilarity("reidentifySimilarity", reidentifySimilarity);
        if (themeCohesion > intentCohesion) {
            throw new IllegalArgumentException("themes must be looser than intents: themeCohesion " + themeCohesion
                    + " > intentCohesion " + intentCohesion);
        }
        if (!(intentSeparation > 0)) {
            throw new IllegalArgumentException("intentSeparation must be positive: " + intentSeparation);
        }
        if (maxMicroClusters < 2 || exemplarsPerCluster < 0 || refinementRounds < 0
                || maxMergeInputs < 2 || maxMergeInputs > MAX_MERGE_INPUTS) {
            throw new IllegalArgumentException("invalid bounds: maxMicroClusters " + maxMicroClusters
                    + ", exemplarsPerCluster " + exemplarsPerCluster + ", refinementRounds " + refinementRounds
                    + ", maxMergeInputs " + maxMergeInputs + " (2.." + MAX_MERGE_INPUTS + ")");
        }
    }

    /**
     * The configuration measured on BANKING77 train with all-MiniLM-L6-v2 and checked on Schema-Guided Dialogue first
     * turns: an intent is a group whose requests are on average 0.6 cosine-similar to each other, and whose parts are
     * at most 0.3 less similar across than within (so never less than 0.3 similar across). On BANKING77 train the two
     * halves of one intent rarely fall further apart than that (90% by at most 0.27; 93% are at least 0.3 similar
     * across), while three pairs of different intents in four do.
     */
    public static IntentClusteringConfig defaults() {
        return new IntentClusteringConfig(0.75, 2048, 3, 0.60, 0.30, 0.45, 3, 4096, 0.90);
    }

    private static void requireSimilarity(String name, double value) {
        if (!(value > 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must be a cosine similarity in (0, 1): " + value);
        }
    }
}
