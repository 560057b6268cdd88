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

    @Test
    void aTightGroupDoesNotPayForMergingUnrelatedGroups() {
        // Given many near-identical requests (pairwise similarity 0.98) and two unrelated topics of 30 requests each
        // (pairwise 0.6 within a topic, 0.2 across the two, about 0.1 to the near-identical ones)
        long[] counts = {300, 30, 30};
        float[][] means = {
                mean(axis(0), 0.99), mean(direction(0.13f, 0.9915f), 0.775),
                mean(direction(0.13f, 0.3188f, 0.9386f), 0.775)};

        // When clustered at cohesion 0.6 by the partition-wide average alone, and with separation 0.3
        int[] averageOnly = WardClustering.cluster(counts, means, 0.6);
        int[] separated = WardClustering.cluster(counts, means, 0.6, 0.3);

        // Then the average alone lets the tight group carry the two topics into one intent, and separation does not
        assertThat(averageOnly[1]).as("topics merged by the average alone").isEqualTo(averageOnly[2]);
        assertThat(separated).as("each group its own intent").containsExactly(0, 1, 2);
    }

    @Test
    void theHalvesOfALooseIntentStillMergeBesideATightGroup() {
        // Given a tight group and two halves of a loose intent: 0.5 similar within each half, 0.42 across them
        long[] counts = {200, 50, 50};
        float[][] means = {mean(axis(0), 0.95), mean(axis(1), 0.707), mean(direction(0, 0.84f, 0.5426f), 0.707)};

        // When clustered at cohesion 0.6 with separation 0.3
        int[] clusters = WardClustering.cluster(counts, means, 0.6, 0.3);

        // Then the halves, barely less similar across than within, form one intent, apart from the tight group
        assertThat(clusters).containsExactly(0, 1, 1);
    }

    @Test
    void aGroupLooserThanAnIntentDoesNotTakeInADistinctOne() {
        // Given a tight group, a loose mix (0.46 similar within, as if unrelated topics had already been joined) and a
        // topic of its own (0.57 within) only 0.22 similar to the mix: 0.26 below their average cohesion
        long[] counts = {300, 130, 30};
        float[][] means = {
                mean(axis(0), 0.99), mean(direction(0.1f, 0.995f), 0.678),
                mean(direction(0.1f, 0.422f, 0.901f), 0.755)};

        // When clustered at cohesion 0.6 by the average alone, and with separation 0.3
        int[] averageOnly = WardClustering.cluster(counts, means, 0.6);
        int[] separated = WardClustering.cluster(counts, means, 0.6, 0.3);

        // Then the mix takes in the topic by the average alone; with separation it counts as cohesive as an intent
        // must be (0.6), 0.38 above the similarity across, and the topic stays apart
        assertThat(averageOnly[1]).as("topic taken in by the average alone").isEqualTo(averageOnly[2]);
        assertThat(separated).as("each group its own intent").containsExactly(0, 1, 2);
    }
}
