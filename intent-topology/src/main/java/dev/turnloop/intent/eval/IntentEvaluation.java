package dev.turnloop.intent.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.turnloop.intent.IntentStreams;
import dev.turnloop.intent.cluster.IntentClusteringConfig;
import dev.turnloop.intent.cluster.IntentModel;
import dev.turnloop.intent.cluster.IntentModelBuilder;
import dev.turnloop.intent.cluster.MicroCluster;
import dev.turnloop.intent.cluster.MicroClusterer;
import dev.turnloop.intent.cluster.ModelUpdate;
import dev.turnloop.intent.embed.Embedder;
import dev.turnloop.intent.embed.MiniLmEmbedder;
import dev.turnloop.intent.naming.IntentName;
import dev.turnloop.intent.naming.IntentNamer;
import dev.turnloop.intent.naming.IntentSample;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams labelled items in file order through the same steps as the intent topology — redact and cap, embed, absorb
 * into the micro-clusters of the item's task, rebuild the global model every {@code rebuildEvery} items as the merge
 * step does on its timer — then labels every item by the final model and scores the labels against the gold ones.
 *
 * <p>Items go to tasks round-robin, as keys spread over partitions. An item's label is the intent owning its
 * micro-cluster in the final model, following the micro-cluster it was folded into if its own made room at capacity;
 * the nearest-centre labels are scored too.
 */
public final class IntentEvaluation {

    /** Items between two model builds in {@link #main}: a few seconds of stream at the embedder's pace. */
    public static final int DEFAULT_REBUILD_EVERY = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(IntentEvaluation.class);
    private static final int NAMED_INTENTS = 15;

    private final Embedder embedder;
    private final IntentClusteringConfig config;
    private final UnaryOperator<String> redact;
    private final int rebuildEvery;
    private final int partitions;

    /**
     * @param redact       what the topology does to a request before embedding it ({@link IntentStreams#redaction()})
     * @param rebuildEvery items between two model builds
     * @param partitions   stream tasks, each with its own micro-clusters
     */
    public IntentEvaluation(Embedder embedder, IntentClusteringConfig config, UnaryOperator<String> redact,
                            int rebuildEvery, int partitions) {
        if (rebuildEvery < 1 || partitions < 1) {
            throw new IllegalArgumentException("rebuildEvery and partitions must be positive");
        }
        this.embedder = embedder;
        this.config = config;
        this.redact = redact;
        this.rebuildEvery = rebuildEvery;
        this.partitions = partitions;
    }

    public EvaluationReport run(List<LabelledText> items) {
        if (items.isEmpty()) {
            throw new IllegalArgumentException("nothing to evaluate");
        }
        int n = items.size();
        int dimension = embedder.dimension();
        List<MicroClusterer> tasks = new ArrayList<>(partitions);
        for (int p = 0; p < partitions; p++) {
            tasks.add(new MicroClusterer(p, dimension, config));
        }
        IntentModelBuilder builder = new IntentModelBuilder(embedder.modelId(), dimension, config);
        IntentModel model = IntentModel.empty(embedder.modelId(), dimension);
        String[] requests = new String[n];
        float[][] vectors = new float[n][];
        long[] microOf = new long[n];
        Map<Long, Long> foldedInto = new HashMap<>();
        int lineageEvents = 0;
        long embeddingNanos = 0;

        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            requests[i] = redact.apply(items.get(i).text());
            long before = System.nanoTime();
            vectors[i] = embedder.embed(requests[i]);
            embeddingNanos += System.nanoTime() - before;
            MicroClusterer.Absorption absorption = tasks.get(i % partitions).add(Integer.toString(i), vectors[i], i);
            microOf[i] = absorption.cluster().id();
            absorption.fold().ifPresent(fold -> foldedInto.put(fold.removedId(), fold.into().id()));
            if ((i + 1) % rebuildEvery == 0 && i + 1 < n) {
                ModelUpdate update = builder.build(microClusters(tasks), model, i);
                model = update.model();
                lineageEvents += update.lineage().size();
                LOG.debug("model {} after {} items: {} intents", model.version(), i + 1, model.intents().size());
            }
        }
        List<MicroCluster> finalMicroClusters = microClusters(tasks);
        ModelUpdate last = builder.build(finalMicroClusters, model, n);
        model = last.model();
        lineageEvents += last.lineage().size();
        List<String> owners = new ArrayList<>(n);
        List<String> nearest = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String near = model.assign(vectors[i]).orElseThrow().intentId();
            nearest.add(near);
            owners.add(model.ownerOf(survivor(microOf[i], foldedInto)).orElse(near));
        }
        long totalNanos = System.nanoTime() - start;

        List<String> gold = items.stream().map(LabelledText::label).toList();
        Set<String> used = new HashSet<>(owners);
        return new EvaluationReport(n, new HashSet<>(gold).size(), used.size(), model.themes().size(),
                finalMicroClusters.size(), model.version(), lineageEvents, ClusteringScores.compute(gold, owners),
                ClusteringScores.compute(gold, nearest), n / (totalNanos / 1e9), n / (embeddingNanos / 1e9),
                largestIntents(model, requests, vectors, owners));
    }

    /** The micro-cluster that holds an item now, following the folds made at capacity. */
    private static long survivor(long microId, Map<Long, Long> foldedInto) {
        long current = microId;
        while (foldedInto.containsKey(current)) {
            current = foldedInto.get(current);
        }
        return current;
    }

    private static List<MicroCluster> microClusters(List<MicroClusterer> tasks) {
        List<MicroCluster> all = new ArrayList<>();
        for (MicroClusterer task : tasks) {
            all.addAll(task.snapshot());
        }
        return all;
    }

    private static List<IntentName> largestIntents(IntentModel model, String[] requests, float[][] vectors,
                                                   List<String> owners) {
        List<IntentSample> samples = new ArrayList<>(requests.length);
        for (int i = 0; i < requests.length; i++) {
            samples.add(new IntentSample(owners.get(i), requests[i], vectors[i]));
        }
        Map<String, IntentName> names = new IntentNamer().nameIntents(model, samples);
        return names.values().stream().limit(NAMED_INTENTS).toList();
    }

    /**
     * Runs the evaluation with the MiniLM embedder and the default configuration and prints the report as JSON.
     * Arguments: a {@code .csv} or {@code .jsonl} file (optionally {@code .gz}), the text field, the label field, and
     * optionally the items between model builds (default 1000) and the number of tasks (default 1).
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: IntentEvaluation FILE TEXT_FIELD LABEL_FIELD [REBUILD_EVERY] [PARTITIONS]");
            System.exit(2);
        }
        List<LabelledText> items = LabelledTextReader.read(Path.of(args[0]), args[1], args[2]);
        int rebuildEvery = args.length > 3 ? Integer.parseInt(args[3]) : DEFAULT_REBUILD_EVERY;
        int partitions = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        try (MiniLmEmbedder embedder = new MiniLmEmbedder()) {
            EvaluationReport report = new IntentEvaluation(embedder, IntentClusteringConfig.defaults(),
                    IntentStreams.redaction(), rebuildEvery, partitions).run(items);
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
        }
    }
}
