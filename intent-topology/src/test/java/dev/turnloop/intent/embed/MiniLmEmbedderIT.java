package dev.turnloop.intent.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MiniLmEmbedderIT {

    private static MiniLmEmbedder embedder;

    @BeforeAll
    static void openModel() {
        embedder = new MiniLmEmbedder();
    }

    @AfterAll
    static void closeModel() {
        embedder.close();
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot;
    }

    private static double norm(float[] v) {
        return Math.sqrt(cosine(v, v));
    }

    @Test
    void embedsIntoUnitVectorsOfTheModelsDimension() {
        // When a text is embedded
        float[] vector = embedder.embed("Where is my new card?");

        // Then it has 384 components and unit length
        assertThat(vector).hasSize(384);
        assertThat(embedder.dimension()).isEqualTo(384);
        assertThat(norm(vector)).isCloseTo(1.0, offset(1e-5));
        assertThat(embedder.modelId()).isEqualTo("all-MiniLM-L6-v2-q");
    }

    @Test
    void paraphrasesAreCloserThanUnrelatedRequests() {
        // Given two phrasings of one request and an unrelated one
        float[] track = embedder.embed("How can I track my card delivery?");
        float[] arrived = embedder.embed("My card still hasn't arrived, where is it?");
        float[] weather = embedder.embed("Will it rain in Paris tomorrow?");

        // When compared, then the paraphrases are much closer to each other than to the unrelated request
        assertThat(cosine(track, arrived)).isGreaterThan(cosine(track, weather) + 0.3);
    }

    @Test
    void longTextsAreCutToTheirFirstCharacters() {
        // Given a text far longer than the limit
        String head = "I was charged twice for the same purchase. ".repeat(12).substring(0, MiniLmEmbedder.DEFAULT_MAX_CHARS);
        String tail = " Completely different topic about the weather and holidays.".repeat(80);

        // When the long text and its head are embedded, then they give the same vector
        assertThat(cosine(embedder.embed(head + tail), embedder.embed(head))).isCloseTo(1.0, offset(1e-6));
    }

    @Test
    void embedAllKeepsTheOrderOfItsInput() {
        // Given two texts
        List<String> texts = List.of("cancel my transfer", "what is the exchange rate");

        // When embedded together, then each vector equals the one embedded alone
        List<float[]> vectors = embedder.embedAll(texts);
        assertThat(vectors).hasSize(2);
        assertThat(vectors.get(0)).containsExactly(embedder.embed(texts.get(0)));
        assertThat(vectors.get(1)).containsExactly(embedder.embed(texts.get(1)));
    }

    @Test
    void blankTextIsRejected() {
        assertThatThrownBy(() -> embedder.embed("   ")).isInstanceOf(IllegalArgumentException.class);
    }
}
