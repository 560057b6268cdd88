package dev.turnloop.intent.cluster;

import static dev.turnloop.intent.cluster.SyntheticVectors.DIMENSION;
import static dev.turnloop.intent.cluster.SyntheticVectors.axis;
import static dev.turnloop.intent.cluster.SyntheticVectors.direction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import org.junit.jupiter.api.Test;

class MicroClustererTest {

    private static final IntentClusteringConfig CONFIG = IntentClusteringConfig.defaults();

    @Test
    void itemsCloseToEachOtherShareOneMicroClusterAndFarOnesStartAnother() {
        // Given an empty clusterer
        MicroClusterer clusterer = new MicroClusterer(3, DIMENSION, CONFIG);

        // When two nearly identical items and one orthogonal item arrive
        MicroClusterer.Absorption first = clusterer.add("a", axis(0), 10);
        MicroClusterer.Absorption second = clusterer.add("b", direction(1, 0.1f), 20);
        MicroClusterer.Absorption third = clusterer.add("c", axis(1), 30);

        // Then the first two share a micro-cluster that counts both, and the third starts its own
        assertThat(first.created()).isTrue();
        assertThat(second.created()).as("an item at cosine 0.995 joins").isFalse();
        assertThat(second.cluster().id()).isEqualTo(first.cluster().id());
        assertThat(second.cluster().count()).isEqualTo(2);
        assertThat(second.cluster().exemplarIds()).containsExactly("a", "b");
        assertThat(second.cluster().firstSeenMs()).isEqualTo(10);
        assertThat(second.cluster().lastSeenMs()).isEqualTo(20);
        assertThat(third.created()).as("an orthogonal item starts a micro-cluster").isTrue();
        assertThat(clusterer.size()).isEqualTo(2);
        assertThat(third.cluster().sourceId()).as("ids carry the task").isEqualTo(3);
    }

    @Test
    void theMeanOfAMicroClusterIsTheMeanOfItsItems() {
        // Given items on two axes at cosine 0.8 from each other, close enough to share a micro-cluster
        MicroClusterer clusterer = new MicroClusterer(0, DIMENSION, CONFIG);
        float[] second = direction(0.8f, 0.6f);

        // When both are absorbed
        clusterer.add("a", axis(0), 0);
        MicroCluster cluster = clusterer.add("b", second, 1).cluster();

        // Then the mean is their average, whose length is the mean cosine of the items to their centre
        assertThat(cluster.mean()[0]).isCloseTo(0.9f, offset(1e-6f));
        assertThat(cluster.mean()[1]).isCloseTo(0.3f, offset(1e-6f));
        assertThat(cluster.resultantLength()).isCloseTo(Math.sqrt(0.9), offset(1e-6));
    }

    @Test
    void atCapacityTheSmallestMicroClusterIsFoldedIntoItsNearestNeighbour() {
        // Given a clusterer that may hold three micro-clusters: two items on axis 0, one on axis 1 near axis 2's
        // direction, and one on axis 3
        IntentClusteringConfig small = new IntentClusteringConfig(0.75, 3, 3, 0.6, 0.3, 0.45, 3, 4096, 0.9);
        MicroClusterer clusterer = new MicroClusterer(0, DIMENSION, small);
        clusterer.add("a1", axis(0), 100);
        clusterer.add("a2", axis(0), 101);
        long single = clusterer.add("b", direction(0, 1, 0.3f), 102).cluster().id();
        long neighbour = clusterer.add("c", direction(0, 0.3f, 1), 103).cluster().id();

        // When an item unlike all of them arrives
        MicroClusterer.Absorption absorption = clusterer.add("d", axis(4), 300);

        // Then the oldest of the smallest is folded into its nearest neighbour, which keeps its items and exemplars
        assertThat(absorption.created()).isTrue();
        MicroClusterer.Fold fold = absorption.fold().orElseThrow();
        assertThat(fold.removedId()).isEqualTo(single);
        assertThat(fold.into().id()).isEqualTo(neighbour);
        assertThat(fold.into().count()).isEqualTo(2);
        assertThat(fold.into().exemplarIds()).containsExactly("c", "b");
        assertThat(clusterer.snapshot()).hasSize(3).extracting(MicroCluster::count).containsExactly(2L, 2L, 1L);
    }

    @Test
    void aRestoredClustererKeepsItsMicroClustersAndNeverReusesAnId() {
        // Given a clusterer with two micro-clusters, saved as the state store would hold them
        MicroClusterer original = new MicroClusterer(5, DIMENSION, CONFIG);
        original.add("a", axis(0), 1);
        original.add("b", axis(1), 2);
        List<MicroCluster> saved = original.snapshot();

        // When it is restored and receives a near item and a new one
        MicroClusterer restored = MicroClusterer.restore(5, DIMENSION, CONFIG, saved);
        MicroClusterer.Absorption joined = restored.add("c", axis(0), 3);
        MicroClusterer.Absorption fresh = restored.add("d", axis(2), 4);

        // Then the near item joins its saved micro-cluster and the new one gets an id none of the saved ones has
        assertThat(restored.snapshot()).hasSize(3);
        assertThat(joined.cluster().id()).isEqualTo(saved.get(0).id());
        assertThat(joined.cluster().count()).isEqualTo(2);
        assertThat(saved).extracting(MicroCluster::id).doesNotContain(fresh.cluster().id());
    }

    @Test
    void aVectorOfTheWrongLengthIsRejected() {
        // Given a clusterer of 32 dimensions
        MicroClusterer clusterer = new MicroClusterer(0, DIMENSION, CONFIG);

        // When a 3-dimensional vector arrives, then it is refused rather than silently misread
        assertThatThrownBy(() -> clusterer.add("x", new float[] {1, 0, 0}, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32");
    }
}
