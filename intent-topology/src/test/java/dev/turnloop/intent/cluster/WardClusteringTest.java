package dev.turnloop.intent.cluster;

import static dev.turnloop.intent.cluster.SyntheticVectors.axis;
import static dev.turnloop.intent.cluster.SyntheticVectors.direction;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WardClusteringTest {

    /** Mean of unit vectors whose average cosine to their centre is {@code length}, along {@code direction}. */
    private static float[] mean(float[] direction, double length) {
        float[] mean = new float[direction.length];
        for (int i = 0; i < mean.length; i++) {
            mean[i] = (float) (direction[i] * length);
        }
        return mean;
    }

    @Test
    void subGroupsOfOneDirectionJoinAndOrthogonalGroupsStayApart() {
        // Given three equal shares of items whose pairwise similarity averages 0.81: one split into two nearly parallel
        // groups (cosine 0.99), two orthogonal to it and to each other
        long[] counts = {25, 25, 50, 50};
        float[][] means = {
                mean(axis(0), 0.9), mean(direction(1, 0.14f), 0.9), mean(axis(1), 0.9), mean(axis(2), 0.9)};

        // When clustered with cohesion 0.6
        int[] clusters = WardClustering.cluster(counts, means, 0.6);

        // Then the parallel ones form one cluster and the orthogonal ones one each, numbered in input order
        assertThat(clusters).containsExactly(0, 0, 1, 2);
    }

    @Test
    void aLooserCohesionMergesMore() {
        // Given two groups whose centres are at cosine 0.5, each of average pairwise similarity 0.81
        long[] counts = {100, 100};
        float[][] means = {mean(axis(0), 0.9), mean(direction(0.5f, 0.866f), 0.9)};

        // When clustered at cohesion 0.7 and at 0.5 (their union's pairwise average is about (0.81 + 0.405) / 2)
        int[] strict = WardClustering.cluster(counts, means, 0.7);
        int[] loose = WardClustering.cluster(counts, means, 0.5);

        // Then only the looser rule merges them
        assertThat(strict).containsExactly(0, 1);
        assertThat(loose).containsExactly(0, 0);
    }

    @Test
    void theCutDoesNotDependOnHowManyItemsThereAre() {
        // Given groups at fixed spreads, once with hundreds and once with a hundred times more items each
        float[][] means = {
                mean(axis(0), 0.9), mean(direction(1, 0.3f), 0.85), mean(axis(1), 0.8), mean(direction(0.3f, 1), 0.9)};
        long[] few = {100, 300, 200, 100};
        long[] many = {10_000, 30_000, 20_000, 10_000};

        // When both are clustered with the same rule, then they give the same partition
        assertThat(WardClustering.cluster(many, means, 0.6)).containsExactly(WardClustering.cluster(few, means, 0.6));
    }
}
