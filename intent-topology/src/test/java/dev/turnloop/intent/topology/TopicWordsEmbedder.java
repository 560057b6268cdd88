package dev.turnloop.intent.topology;

import dev.turnloop.intent.embed.Embedder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A deterministic stand-in for the sentence model in topology tests: each known topic word owns one axis, so requests
 * about the same topic embed close together and different topics far apart (the real model is tested separately).
 */
final class TopicWordsEmbedder implements Embedder {

    private static final List<String> TOPICS = List.of("card", "refund", "password", "slack", "invoice", "delivery");

    @Override
    public float[] embed(String text) {
        float[] vector = new float[TOPICS.size() + 1];
        String lower = text.toLowerCase(Locale.ROOT);
        for (int i = 0; i < TOPICS.size(); i++) {
            if (lower.contains(TOPICS.get(i))) {
                vector[i] = 1f;
            }
        }
        vector[TOPICS.size()] = 0.05f * (lower.length() % 7); // a little noise within a topic
        double norm = 0;
        for (float v : vector) {
            norm += v * v;
        }
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) (vector[i] / Math.sqrt(norm == 0 ? 1 : norm));
        }
        return vector;
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        List<float[]> vectors = new ArrayList<>();
        texts.forEach(t -> vectors.add(embed(t)));
        return vectors;
    }

    @Override
    public int dimension() {
        return TOPICS.size() + 1;
    }

    @Override
    public String modelId() {
        return "topic-words-test";
    }
}
