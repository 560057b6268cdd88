package dev.turnloop.intent.cluster;

import static dev.turnloop.intent.cluster.SyntheticVectors.DIMENSION;
import static dev.turnloop.intent.cluster.SyntheticVectors.axis;
import static dev.turnloop.intent.cluster.SyntheticVectors.between;
import static dev.turnloop.intent.cluster.SyntheticVectors.direction;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IntentModelBuilderTest {

    private static final IntentClusteringConfig CONFIG = IntentClusteringConfig.defaults();

    private final SyntheticVectors vectors = new SyntheticVectors(42);
    private final IntentModelBuilder builder = new IntentModelBuilder("synthetic", DIMENSION, CONFIG);
    private MicroClusterer task;
    private long clock;

    @BeforeEach
    void newTask() {
        task = new MicroClusterer(0, DIMENSION, CONFIG);
    }

    /** Streams items around a centre and returns the micro-cluster ids they landed in. */
    private Set<Long> stream(float[] centre, int count) {
        return vectors.around(centre, count).stream()
                .map(v -> task.add("item-" + clock, v, clock++).cluster().id())
                .collect(Collectors.toSet());
    }

    private ModelUpdate build(IntentModel previous) {
        return builder.build(task.snapshot(), previous, clock);
    }

    private static String ownerOf(IntentModel model, Set<Long> microIds) {
        Set<String> owners = microIds.stream().map(id -> model.ownerOf(id).orElseThrow()).collect(Collectors.toSet());
        assertThat(owners).as("one intent owns all micro-clusters of a group").hasSize(1);
        return owners.iterator().next();
    }

    @Test
    void threeSeparateGroupsBecomeThreeIntentsEachCreated() {
        // Given three groups of requests on orthogonal directions
        Set<Long> a = stream(axis(0), 100);
        Set<Long> b = stream(axis(1), 80);
        Set<Long> c = stream(axis(2), 60);

        // When the first model is built
        ModelUpdate update = build(IntentModel.empty("synthetic", DIMENSION));

        // Then each group is one intent of its own, largest first, each recorded as created
        IntentModel model = update.model();
        assertThat(model.version()).isEqualTo(1);
        assertThat(model.intents()).extracting(Intent::count).containsExactly(100L, 80L, 60L);
        assertThat(Set.of(ownerOf(model, a), ownerOf(model, b), ownerOf(model, c))).hasSize(3);
        assertThat(update.lineage()).extracting(LineageEvent::type).containsOnly(LineageEvent.Type.CREATED).hasSize(3);
        assertThat(model.intents()).allSatisfy(intent -> assertThat(intent.cohesion()).isBetween(0.6, 1.0));
    }

    @Test
    void idsStayStableWhenMoreItemsOfKnownIntentsArrive() {
        // Given a model of three groups
        Set<Long> a = stream(axis(0), 100);
        Set<Long> b = stream(axis(1), 100);
        Set<Long> c = stream(axis(2), 100);
        IntentModel first = build(IntentModel.empty("synthetic", DIMENSION)).model();
        Map<String, String> before = Map.of("a", ownerOf(first, a), "b", ownerOf(first, b), "c", ownerOf(first, c));

        // When more items of the same groups arrive and the model is rebuilt
        Set<Long> moreA = stream(axis(0), 50);
        Set<Long> moreB = stream(axis(1), 50);
        Set<Long> moreC = stream(axis(2), 50);
        ModelUpdate second = build(first);

        // Then every group keeps its intent id, the new items join it, and no identity changed
        IntentModel model = second.model();
        assertThat(Map.of("a", ownerOf(model, union(a, moreA)), "b", ownerOf(model, union(b, moreB)),
                "c", ownerOf(model, union(c, moreC)))).isEqualTo(before);
        assertThat(model.intents()).extracting(Intent::count).containsOnly(150L);
        assertThat(second.lineage()).isEmpty();
        assertThat(model.version()).isEqualTo(2);
    }

    @Test
    void twoIntentsThatDriftTogetherAreMergedAndTheLineageSaysSo() {
        // Given a model where requests around two directions are two intents, beside a third one
        Set<Long> a = stream(axis(0), 100);
        Set<Long> b = stream(axis(1), 100);
        Set<Long> c = stream(axis(2), 100);
        IntentModel first = build(IntentModel.empty("synthetic", DIMENSION)).model();
        String idA = ownerOf(first, a);
        String idB = ownerOf(first, b);
        String idC = ownerOf(first, c);

        // When the requests of both drift to the direction between them and the model is rebuilt
        Set<Long> drifted = stream(between(axis(0), axis(1)), 400);
        ModelUpdate second = build(first);

        // Then one intent holds both and the drifted requests under one of the two old ids, the other id is recorded
        // as merged into it, and the third intent is untouched
        IntentModel model = second.model();
        String merged = ownerOf(model, union(union(a, b), drifted));
        assertThat(merged).isIn(idA, idB);
        String absorbed = merged.equals(idA) ? idB : idA;
        assertThat(second.lineage()).containsExactly(new LineageEvent(LineageEvent.Type.MERGED_INTO, absorbed,
                Optional.of(merged), 2, clock));
        assertThat(ownerOf(model, c)).isEqualTo(idC);
        assertThat(model.intent(absorbed)).isEmpty();
    }

    @Test
    void aNewWellSeparatedGroupCreatesANewIntentAndLeavesTheOthersAlone() {
        // Given a model of two groups
        Set<Long> a = stream(axis(0), 100);
        Set<Long> b = stream(axis(1), 100);
        IntentModel first = build(IntentModel.empty("synthetic", DIMENSION)).model();

        // When requests of a new kind arrive and the model is rebuilt
        Set<Long> fresh = stream(axis(5), 60);
        ModelUpdate second = build(first);

        // Then they form a new intent with a fresh id, recorded as created, and the old ids hold
        IntentModel model = second.model();
        String newId = ownerOf(model, fresh);
        assertThat(first.intent(newId)).as("a fresh id, never used before").isEmpty();
        assertThat(second.lineage()).containsExactly(new LineageEvent(LineageEvent.Type.CREATED, newId,
                Optional.empty(), 2, clock));
        assertThat(ownerOf(model, a)).isEqualTo(ownerOf(first, a));
        assertThat(ownerOf(model, b)).isEqualTo(ownerOf(first, b));
    }

    @Test
    void intentsWithoutMicroClustersAreRetired() {
        // Given a model of two groups
        stream(axis(0), 50);
        stream(axis(1), 50);
        IntentModel first = build(IntentModel.empty("synthetic", DIMENSION)).model();

        // When the next build receives no micro-clusters at all (every task's state dropped)
        ModelUpdate second = builder.build(List.of(), first, 500);

        // Then the model is empty and both intents are recorded as retired
        assertThat(second.model().intents()).isEmpty();
        assertThat(second.lineage()).extracting(LineageEvent::type)
                .containsExactly(LineageEvent.Type.RETIRED, LineageEvent.Type.RETIRED);
        assertThat(second.lineage()).extracting(LineageEvent::intentId)
                .containsExactlyElementsOf(first.intents().stream().map(Intent::id).toList());
    }

    @Test
    void nearbyIntentsShareATheme() {
        // Given two groups whose directions are at cosine 0.15 and a third orthogonal to both
        float[] near = direction(0.15f, 0.9887f);
        Set<Long> a = stream(axis(0), 100);
        Set<Long> b = stream(near, 100);
        Set<Long> c = stream(axis(2), 100);

        // When the model is built
        IntentModel model = build(IntentModel.empty("synthetic", DIMENSION)).model();

        // Then the two close groups stay two intents but share a theme, and the third has a theme of its own
        String idA = ownerOf(model, a);
        String idB = ownerOf(model, b);
        String idC = ownerOf(model, c);
        assertThat(idA).isNotEqualTo(idB);
        assertThat(model.intent(idA).orElseThrow().themeId()).isEqualTo(model.intent(idB).orElseThrow().themeId());
        assertThat(model.intent(idC).orElseThrow().themeId()).isEqualTo(idC);
        assertThat(model.themes()).hasSize(2);
    }

    @Test
    void theSameMicroClustersGiveTheSameModel() {
        // Given micro-clusters of three groups, listed in two different orders
        stream(axis(0), 70);
        stream(axis(1), 70);
        stream(axis(2), 70);
        List<MicroCluster> micros = task.snapshot();
        List<MicroCluster> reversed = new ArrayList<>(micros);
        Collections.reverse(reversed);
        IntentModel empty = IntentModel.empty("synthetic", DIMENSION);

        // When two models are built from them, then they are equal
        assertThat(builder.build(reversed, empty, 7).model()).isEqualTo(builder.build(micros, empty, 7).model());
    }

    @Test
    void itemsAreAssignedToTheNearestIntent() {
        // Given a model of two groups
        Set<Long> a = stream(axis(0), 50);
        stream(axis(1), 50);
        IntentModel model = build(IntentModel.empty("synthetic", DIMENSION)).model();

        // When a request near the first group is assigned
        Assignment assignment = model.assign(vectors.around(axis(0), 1).get(0)).orElseThrow();

        // Then it goes to that group's intent, with a high similarity
        assertThat(assignment.intentId()).isEqualTo(ownerOf(model, a));
        assertThat(assignment.similarity()).isGreaterThan(0.75);
        assertThat(IntentModel.empty("synthetic", DIMENSION).assign(axis(0))).isEmpty();
    }

    private static Set<Long> union(Set<Long> x, Set<Long> y) {
        Set<Long> all = new HashSet<>(x);
        all.addAll(y);
        return all;
    }
}
