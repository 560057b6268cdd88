package dev.turnloop.intent.eval;

import dev.turnloop.intent.naming.IntentName;
import java.util.List;

/**
 * What one streaming evaluation measured.
 *
 * @param items                    items streamed
 * @param trueIntents              distinct gold labels
 * @param clustersFound            intents of the final model that hold at least one item
 * @param themes                   themes of the final model
 * @param microClusters            micro-clusters of all tasks at the end
 * @param modelVersions            models built, the final one included
 * @param lineageEvents            identity changes recorded over all builds
 * @param scores                   each item labelled by the intent owning its micro-cluster (its final intent)
 * @param nearestCentroidScores    each item labelled by the nearest intent centre of the final model
 * @param itemsPerSecond           end to end: embedding, micro-clustering, every model build and the final labelling
 * @param embeddingItemsPerSecond  embedding alone
 * @param largestIntents           names of the largest intents, largest first
 */
public record EvaluationReport(
        int items,
        int trueIntents,
        int clustersFound,
        int themes,
        int microClusters,
        long modelVersions,
        int lineageEvents,
        ClusteringScores scores,
        ClusteringScores nearestCentroidScores,
        double itemsPerSecond,
        double embeddingItemsPerSecond,
        List<IntentName> largestIntents) {

    public EvaluationReport {
        largestIntents = List.copyOf(largestIntents);
    }

    /** Time spent clustering relative to time spent embedding. */
    public double clusteringOverhead() {
        return embeddingItemsPerSecond / itemsPerSecond - 1;
    }
}
