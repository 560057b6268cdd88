package dev.turnloop.intent.naming;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnloop.intent.cluster.Intent;
import dev.turnloop.intent.cluster.IntentModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IntentNamerTest {

    private static float[] axis(int k) {
        float[] v = new float[4];
        v[k] = 1;
        return v;
    }

    /** A vector at the given cosine from axis k, leaning towards axis 3. */
    private static float[] near(int k, double cosine) {
        float[] v = new float[4];
        v[k] = (float) cosine;
        v[3] = (float) Math.sqrt(1 - cosine * cosine);
        return v;
    }

    private static IntentModel model() {
        return new IntentModel(1, 0, "test", 4, 4, List.of(
                new Intent("intent-1", "intent-1", 4, axis(0), 0.8, 0, 0),
                new Intent("intent-2", "intent-1", 3, axis(1), 0.8, 0, 0),
                new Intent("intent-3", "intent-3", 3, axis(2), 0.8, 0, 0)), Map.of());
    }

    private static List<IntentSample> samples() {
        List<IntentSample> samples = new ArrayList<>();
        samples.add(new IntentSample("intent-1", "Where is my card? I want to track my card", near(0, 0.7)));
        samples.add(new IntentSample("intent-1", "How can I track my card delivery", near(0, 0.9)));
        samples.add(new IntentSample("intent-1", "My card has not arrived, can I track it", near(0, 0.8)));
        samples.add(new IntentSample("intent-1", "how can i track my card delivery", near(0, 0.85)));
        samples.add(new IntentSample("intent-2", "I lost my card", near(1, 0.9)));
        samples.add(new IntentSample("intent-2", "My card was stolen, please freeze it", near(1, 0.8)));
        samples.add(new IntentSample("intent-2", "Card lost or stolen, what now", near(1, 0.7)));
        samples.add(new IntentSample("intent-3", "What is the exchange rate for euros", near(2, 0.9)));
        samples.add(new IntentSample("intent-3", "Exchange rate was wrong on my payment", near(2, 0.8)));
        samples.add(new IntentSample("intent-3", "Which exchange rate do you use", near(2, 0.7)));
        samples.add(new IntentSample("intent-9", "an item of an intent the model no longer has", axis(3)));
        return samples;
    }

    @Test
    void namesEachIntentByWhatSetsItApartAndShowsItsMostTypicalRequests() {
        // Given samples of three intents that all mention cards or payments
        // When named
        Map<String, IntentName> names = new IntentNamer(3, 2).nameIntents(model(), samples());

        // Then the label shows the distinctive phrase, not the shared word "card", the examples are the samples
        // closest to the centre without case-insensitive duplicates, and unknown intents are ignored
        assertThat(names).containsOnlyKeys("intent-1", "intent-2", "intent-3");
        IntentName tracking = names.get("intent-1");
        assertThat(tracking.label()).startsWith("track card");
        assertThat(tracking.examples()).containsExactly("How can I track my card delivery",
                "My card has not arrived, can I track it");
        assertThat(tracking.samples()).isEqualTo(4);
        assertThat(names.get("intent-2").keyphrases()).contains("lost", "stolen");
        assertThat(names.get("intent-3").label()).isEqualTo("exchange rate");
    }

    @Test
    void themesAreNamedFromTheSamplesOfAllTheirIntents() {
        // Given a model whose first two intents share a theme
        // When themes are named
        Map<String, IntentName> themes = new IntentNamer().nameThemes(model(), samples());

        // Then there are two themes, the shared one named from both intents' samples
        assertThat(themes).containsOnlyKeys("intent-1", "intent-3");
        assertThat(themes.get("intent-1").samples()).isEqualTo(7);
        assertThat(themes.get("intent-1").keyphrases()).contains("track card", "lost");
    }
}
