package dev.turnloop.intent.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnloop.intent.cluster.IntentClusteringConfig;
import dev.turnloop.intent.embed.Embedder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class IntentEvaluationTest {

    private static final int DIMENSION = 16;

    /** Embeds the texts it was given, each as a unit vector near the axis of its topic. */
    private static final class TopicEmbedder implements Embedder {
        private final Map<String, float[]> vectors = new HashMap<>();

        void put(String text, int topic, Random random) {
            float[] v = new float[DIMENSION];
            double norm = 0;
            for (int i = 0; i < DIMENSION; i++) {
                v[i] = (float) ((i == topic ? 1 : 0) + random.nextGaussian() * 0.1);
                norm += v[i] * v[i];
            }
            for (int i = 0; i < DIMENSION; i++) {
                v[i] /= (float) Math.sqrt(norm);
            }
            vectors.put(text, v);
        }

        @Override
        public float[] embed(String text) {
            return vectors.get(text).clone();
        }

        @Override
        public List<float[]> embedAll(List<String> texts) {
            return texts.stream().map(this::embed).toList();
        }

        @Override
        public int dimension() {
            return DIMENSION;
        }

        @Override
        public String modelId() {
            return "topics";
        }
    }

    @Test
    void wellSeparatedTopicsStreamedInFileOrderAreFoundExactly() {
        // Given 300 requests about three topics, interleaved, each text embedded near its topic's axis
        TopicEmbedder embedder = new TopicEmbedder();
        Random random = new Random(1);
        String[] topics = {"card arrival", "exchange rate", "top up"};
        List<LabelledText> items = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            int topic = i % 3;
            String text = topics[topic] + " " + i;
            embedder.put(text, topic, random);
            items.add(new LabelledText(text, topics[topic]));
        }

        // When evaluated over two tasks with a model rebuilt every 100 items
        EvaluationReport report = new IntentEvaluation(embedder, IntentClusteringConfig.defaults(),
                UnaryOperator.identity(), 100, 2).run(items);

        // Then three intents are found, the labels match the topics exactly, and three models were built
        assertThat(report.items()).isEqualTo(300);
        assertThat(report.trueIntents()).isEqualTo(3);
        assertThat(report.clustersFound()).isEqualTo(3);
        assertThat(report.scores()).isEqualTo(new ClusteringScores(3, 3, 1.0, 1.0, 1.0));
        assertThat(report.nearestCentroidScores().accuracy()).isEqualTo(1.0);
        assertThat(report.modelVersions()).isEqualTo(3);
        assertThat(report.lineageEvents()).as("three intents created, none changed after").isEqualTo(3);
        assertThat(report.itemsPerSecond()).isPositive().isLessThanOrEqualTo(report.embeddingItemsPerSecond());
        assertThat(report.largestIntents()).extracting(name -> name.samples()).containsOnly(100);
        assertThat(report.largestIntents()).extracting(name -> name.label())
                .containsExactlyInAnyOrder("card arrival", "exchange rate", "top up");
    }
}
