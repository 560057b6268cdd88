package dev.turnloop.intent.cluster;

import static dev.turnloop.intent.cluster.SyntheticVectors.DIMENSION;
import static dev.turnloop.intent.cluster.SyntheticVectors.axis;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IntentIdentitiesTest {

    /** A previous model whose intent-1 owns micro-clusters 1 to 4 and intent-2 owns 5. */
    private static IntentModel previous() {
        List<Intent> intents = List.of(
                new Intent("intent-1", "intent-1", 40, axis(0), 0.8, 0, 10),
                new Intent("intent-2", "intent-2", 10, axis(1), 0.8, 0, 10));
        return new IntentModel(3, 10, "synthetic", DIMENSION, 3, intents,
                Map.of(1L, "intent-1", 2L, "intent-1", 3L, "intent-1", 4L, "intent-1", 5L, "intent-2"));
    }

    @Test
    void anIntentThatSplitsKeepsItsIdInTheLargerPartAndTheSmallerPartRecordsWhereItCameFrom() {
        // Given new clusters {1,2,3} (30 items) and {4} (10 items) cut from intent-1, and {5} as before
        List<long[]> micros = List.of(new long[] {1, 2, 3}, new long[] {4}, new long[] {5});
        List<long[]> counts = List.of(new long[] {10, 10, 10}, new long[] {10}, new long[] {10});

        // When identities are resolved
        IntentIdentities.Result result = IntentIdentities.resolve(previous(), micros, counts,
                List.of(axis(0), axis(2), axis(1)), new long[] {30, 10, 10}, 0.9, 4, 99);

        // Then the larger part keeps intent-1, the smaller one gets the next fresh id and a SPLIT_FROM event
        assertThat(result.ids()).containsExactly("intent-1", "intent-3", "intent-2");
        assertThat(result.events()).containsExactly(
                new LineageEvent(LineageEvent.Type.SPLIT_FROM, "intent-3", Optional.of("intent-1"), 4, 99));
        assertThat(result.nextSequence()).isEqualTo(4);
    }

    @Test
    void anIntentWhoseMicroClustersWereAllEvictedIsRetired() {
        // Given new clusters that hold only intent-1's micro-clusters
        List<long[]> micros = List.of(new long[] {1, 2, 3, 4});
        List<long[]> counts = List.of(new long[] {10, 10, 10, 10});

        // When identities are resolved
        IntentIdentities.Result result = IntentIdentities.resolve(previous(), micros, counts, List.of(axis(0)),
                new long[] {40}, 0.9, 4, 99);

        // Then intent-2, whose items are gone, is retired
        assertThat(result.ids()).containsExactly("intent-1");
        assertThat(result.events()).containsExactly(
                new LineageEvent(LineageEvent.Type.RETIRED, "intent-2", Optional.empty(), 4, 99));
    }

    @Test
    void aClusterSharingNoMicroClusterInheritsTheIdOfAnAlmostIdenticalCentre() {
        // Given micro-clusters under new ids (a task's state was rebuilt) whose centres match the previous intents
        List<long[]> micros = List.of(new long[] {100}, new long[] {101});
        List<long[]> counts = List.of(new long[] {40}, new long[] {10});

        // When identities are resolved
        IntentIdentities.Result result = IntentIdentities.resolve(previous(), micros, counts,
                List.of(axis(1), axis(0)), new long[] {40, 10}, 0.9, 4, 99);

        // Then each cluster takes the id of the intent at the same place, and nothing is reported as changed
        assertThat(result.ids()).containsExactly("intent-2", "intent-1");
        assertThat(result.events()).isEmpty();
    }
}
