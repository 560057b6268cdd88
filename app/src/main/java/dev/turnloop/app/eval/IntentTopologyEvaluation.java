package dev.turnloop.app.eval;

import dev.turnloop.intent.IntentSettings;
import dev.turnloop.intent.embed.Embedder;
import dev.turnloop.intent.eval.ClusteringScores;
import dev.turnloop.intent.eval.IntentDriver;
import dev.turnloop.intent.eval.LabelledText;
import dev.turnloop.schemas.IntentAssignment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores intent discovery through the production intent topology (in Kafka's TopologyTestDriver): every text is the
 * first request of a conversation, streamed in file order; the model is rebuilt on the topology's own timer every
 * {@code rebuildEvery} items; when all have arrived the conversations close and their CONFIRMED intents are compared
 * with the gold labels, which the pipeline never sees.
 */
public final class IntentTopologyEvaluation {

    /** The scores, keyed as {@code --json} prints them. */
    public record Result(int items, int classes, int clusters, double nmi, double ari, double acc,
            double itemsPerSecond) {
    }

    private IntentTopologyEvaluation() {
    }

    public static Result run(List<LabelledText> items, Embedder embedder, IntentSettings settings, int rebuildEvery) {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        long start = System.nanoTime();
        Map<String, String> predicted = new HashMap<>();
        try (IntentDriver driver = new IntentDriver(settings, embedder, t0)) {
            for (int i = 0; i < items.size(); i++) {
                driver.open("item-" + i, items.get(i).text(), t0.plusSeconds(i));
                if ((i + 1) % rebuildEvery == 0) {
                    driver.rebuild();
                }
            }
            driver.rebuild();
            Instant closedAt = t0.plusSeconds(items.size() + 60L);
            for (int i = 0; i < items.size(); i++) {
                driver.close("item-" + i, closedAt);
            }
            for (IntentAssignment assignment : driver.confirmed()) {
                predicted.put(assignment.getConversationId(), assignment.getIntentId());
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<String> truth = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            truth.add(items.get(i).label());
            labels.add(predicted.getOrDefault("item-" + i, "unassigned"));
        }
        ClusteringScores scores = ClusteringScores.compute(truth, labels);
        return new Result(items.size(), scores.classes(), scores.clusters(), scores.nmi(), scores.ari(),
                scores.accuracy(), items.size() / seconds);
    }
}
