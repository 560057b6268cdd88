package dev.turnloop.app.eval;

import dev.turnloop.intent.IntentSettings;
import dev.turnloop.intent.IntentStreams;
import dev.turnloop.intent.IntentTopology;
import dev.turnloop.intent.embed.Embedder;
import dev.turnloop.intent.eval.ClusteringScores;
import dev.turnloop.intent.eval.LabelledText;
import dev.turnloop.schemas.AssignmentStage;
import dev.turnloop.schemas.Cohort;
import dev.turnloop.schemas.ConversationSummary;
import dev.turnloop.schemas.EnrichedTurn;
import dev.turnloop.schemas.IntentAssignment;
import dev.turnloop.schemas.Outcome;
import dev.turnloop.schemas.Role;
import dev.turnloop.schemas.TurnEvent;
import dev.turnloop.schemas.TurnSignals;
import dev.turnloop.schemas.catalog.TopicCatalog;
import dev.turnloop.schemas.registry.InMemorySchemaRegistry;
import dev.turnloop.schemas.serde.AvroSerdes;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

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

    public static Result run(List<LabelledText> items, Embedder embedder, IntentSettings settings, int rebuildEvery)
            throws Exception {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        TopicCatalog topics = TopicCatalog.create("eval", new AvroSerdes(new InMemorySchemaRegistry(), true), 1);
        Properties props = IntentStreams.properties(Map.of(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "driver:9092"),
                "eval-intents", Files.createTempDirectory("turnloop-eval-intents-").toString(),
                topics.deadLetters.name());
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        long start = System.nanoTime();
        Map<String, String> predicted = new HashMap<>();
        try (TopologyTestDriver driver = new TopologyTestDriver(IntentTopology.build(topics, settings, embedder,
                IntentStreams.redaction()), props, t0)) {
            TestInputTopic<String, EnrichedTurn> turns = driver.createInputTopic(topics.enrichedTurns.name(),
                    new StringSerializer(), topics.enrichedTurns.valueSerde().serializer());
            TestInputTopic<String, ConversationSummary> summaries = driver.createInputTopic(
                    topics.conversationSummaries.name(), new StringSerializer(),
                    topics.conversationSummaries.valueSerde().serializer());
            TestOutputTopic<String, IntentAssignment> assignments = driver.createOutputTopic(
                    topics.intentAssignments.name(), new StringDeserializer(),
                    topics.intentAssignments.valueSerde().deserializer());
            Duration tick = settings.rebuildInterval().plusSeconds(1);
            for (int i = 0; i < items.size(); i++) {
                String id = "item-" + i;
                TurnEvent turn = TurnEvent.newBuilder().setEventId(id).setConversationId(id).setTurnIndex(0)
                        .setEventTime(t0.plusSeconds(i)).setRole(Role.USER).setText(items.get(i).text())
                        .setUserId("u-" + i).build();
                turns.pipeInput(id, new EnrichedTurn(turn, TurnSignals.newBuilder().build(), "eval", false, false),
                        turn.getEventTime());
                if ((i + 1) % rebuildEvery == 0) {
                    driver.advanceWallClockTime(tick);
                    driver.advanceWallClockTime(tick);
                    assignments.readValuesToList(); // EARLY assignments: not what is scored
                }
            }
            driver.advanceWallClockTime(tick);
            driver.advanceWallClockTime(tick);
            assignments.readValuesToList();
            for (int i = 0; i < items.size(); i++) {
                String id = "item-" + i;
                summaries.pipeInput(id, ConversationSummary.newBuilder().setConversationId(id).setUserId("u-" + i)
                        .setStartedAt(t0).setLastTurnAt(t0).setClosedAt(t0.plusSeconds(items.size() + 60L))
                        .setOutcome(Outcome.COMPLETED).setTurns(1).setTurnDepth(1)
                        .setFirstUserText(items.get(i).text()).setCohort(Cohort.newBuilder().build()).build(),
                        t0.plusSeconds(items.size() + 60L));
            }
            for (IntentAssignment assignment : assignments.readValuesToList()) {
                if (assignment.getStage() == AssignmentStage.CONFIRMED) {
                    predicted.put(assignment.getConversationId(), assignment.getIntentId());
                }
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
