package dev.turnloop.intent.embed;

import java.util.List;

/**
 * Turns text into a fixed-size, L2-normalised sentence vector, so that the dot product of two vectors is their cosine
 * similarity. Intent discovery depends only on this interface, which keeps the clustering testable without a model.
 */
public interface Embedder {

    /** Embeds one text; the result has {@link #dimension()} components and unit length. */
    float[] embed(String text);

    /** Embeds texts in order; element i of the result is the embedding of element i of {@code texts}. */
    List<float[]> embedAll(List<String> texts);

    /** Number of components of every vector this embedder returns. */
    int dimension();

    /** Names the model, so that a vector or a model built from vectors can say where it came from. */
    String modelId();
}
