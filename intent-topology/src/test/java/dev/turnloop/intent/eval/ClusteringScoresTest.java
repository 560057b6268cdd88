package dev.turnloop.intent.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClusteringScoresTest {

    private static final double EXACT = 1e-12;

    @Test
    void aRenamedCopyOfTheTruthScoresOneEverywhere() {
        // Given a clustering that equals the gold partition under other names
        List<String> truth = List.of("a", "a", "b", "b", "c");
        List<String> predicted = List.of("x", "x", "y", "y", "z");

        // When scored
        ClusteringScores scores = ClusteringScores.compute(truth, predicted);

        // Then every score is perfect
        assertThat(scores).isEqualTo(new ClusteringScores(3, 3, 1.0, 1.0, 1.0));
    }

    @Test
    void aClusteringThatSplitsOneClassScoresAsWorkedOutByHand() {
        // Given gold {a,a,b,b} and a clustering that splits class b in two
        List<String> truth = List.of("a", "a", "b", "b");
        List<String> predicted = List.of("x", "x", "y", "z");

        // When scored
        ClusteringScores scores = ClusteringScores.compute(truth, predicted);

        // Then NMI = 2 I / (H(truth) + H(pred)) = 2 ln2 / (ln2 + 1.5 ln2) = 0.8;
        // ARI: pairs agreeing 1, expected 2 * 1 / 6 = 1/3, maximum (2 + 1) / 2 = 1.5, so (1 - 1/3) / (1.5 - 1/3) = 4/7;
        // accuracy: a->x (2) and b->y (1) matched, 3 of 4
        assertThat(scores.nmi()).isCloseTo(0.8, offset(EXACT));
        assertThat(scores.ari()).isCloseTo(4.0 / 7, offset(EXACT));
        assertThat(scores.accuracy()).isCloseTo(0.75, offset(EXACT));
        assertThat(scores.clusters()).isEqualTo(3);
    }

    @Test
    void oneClusterForEverythingCarriesNoInformation() {
        // Given two gold classes and a single cluster
        List<String> truth = List.of("a", "a", "b", "b");
        List<String> predicted = List.of("x", "x", "x", "x");

        // When scored
        ClusteringScores scores = ClusteringScores.compute(truth, predicted);

        // Then NMI and ARI are 0 and half the items can be matched
        assertThat(scores.nmi()).isCloseTo(0, offset(EXACT));
        assertThat(scores.ari()).isCloseTo(0, offset(EXACT));
        assertThat(scores.accuracy()).isCloseTo(0.5, offset(EXACT));
    }

    @Test
    void aClusteringAgainstTheGrainScoresBelowChanceOnAri() {
        // Given a clustering that pairs every item with one of the other class
        List<String> truth = List.of("a", "a", "b", "b");
        List<String> predicted = List.of("x", "y", "x", "y");

        // When scored
        ClusteringScores scores = ClusteringScores.compute(truth, predicted);

        // Then no information is shared, ARI = (0 - 1/3) / (1 - 1/3) = -0.5, and accuracy is 2 of 4
        assertThat(scores.nmi()).isCloseTo(0, offset(EXACT));
        assertThat(scores.ari()).isCloseTo(-0.5, offset(EXACT));
        assertThat(scores.accuracy()).isCloseTo(0.5, offset(EXACT));
    }

    @Test
    void labelListsOfDifferentLengthsAreRejected() {
        assertThatThrownBy(() -> ClusteringScores.compute(List.of("a"), List.of("x", "y")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
