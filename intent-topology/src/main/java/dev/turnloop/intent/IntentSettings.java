package dev.turnloop.intent;

import dev.turnloop.intent.cluster.IntentClusteringConfig;
import java.time.Duration;

/**
 * How the intent topology runs.
 *
 * @param clustering the clustering parameters (one fixed set for every dataset)
 * @param snapshotInterval how often each task publishes its micro-cluster summaries (wall clock)
 * @param rebuildInterval how often the single merge step rebuilds the intent model when summaries changed
 * @param minDistinctUsers the privacy gate: an intent's name and examples are published only once it holds at
 *     least this many distinct users
 * @param examplesPerMicroCluster redacted request texts kept per micro-cluster for naming
 * @param spikeFactor an intent spikes when its new conversations since the last build exceed this multiple of its
 *     own moving average (and {@code minSpikeVolume})
 * @param minSpikeVolume the least new conversations for a spike
 */
public record IntentSettings(
        IntentClusteringConfig clustering,
        Duration snapshotInterval,
        Duration rebuildInterval,
        int minDistinctUsers,
        int examplesPerMicroCluster,
        double spikeFactor,
        int minSpikeVolume) {

    public static IntentSettings defaults() {
        return new IntentSettings(IntentClusteringConfig.defaults(), Duration.ofSeconds(10), Duration.ofSeconds(20),
                5, 3, 3.0, 10);
    }

    public IntentSettings withIntervals(Duration snapshot, Duration rebuild) {
        return new IntentSettings(clustering, snapshot, rebuild, minDistinctUsers, examplesPerMicroCluster,
                spikeFactor, minSpikeVolume);
    }

    public IntentSettings withMinDistinctUsers(int users) {
        return new IntentSettings(clustering, snapshotInterval, rebuildInterval, users, examplesPerMicroCluster,
                spikeFactor, minSpikeVolume);
    }
}
