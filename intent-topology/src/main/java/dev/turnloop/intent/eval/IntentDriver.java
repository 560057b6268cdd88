package dev.turnloop.intent.eval;

import dev.turnloop.intent.IntentSettings;
import dev.turnloop.intent.IntentStreams;
import dev.turnloop.intent.IntentTopology;
import dev.turnloop.intent.embed.Embedder;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The production intent topology in Kafka's TopologyTestDriver, for evaluations: the same redaction, embedding,
 * micro-clustering and merge step that run on a broker, without one. Conversations open with a first user request and
 * close; CONFIRMED intent assignments come out. The wall clock moves only on {@link #tick()}, so the caller decides
 * when the model is rebuilt.
 *
 * <p>Each conversation comes from a user of its own, so the privacy gate on distinct users never holds an intent's
 * name back.
 */
public final class IntentDriver implements AutoCloseable {

    private final TopologyTestDriver driver;
    private final TestInputTopic<String, EnrichedTurn> turns;
    private final TestInputTopic<String, ConversationSummary> summaries;
    private final TestOutputTopic<String, IntentAssignment> assignments;
    /** Past the rebuild interval (and so the snapshot interval): every timer of the topology fires once a tick. */
    private final Duration tick;
    private final Map<String, TurnEvent> open = new HashMap<>();
    private int opened;
    private final List<IntentAssignment> confirmed = new ArrayList<>();

    /** @param wallClock the driver's wall-clock time at the start */
    public IntentDriver(IntentSettings settings, Embedder embedder, Instant wallClock) {
        TopicCatalog topics = TopicCatalog.create("eval", new AvroSerdes(new InMemorySchemaRegistry(), true), 1);
        Properties props = IntentStreams.properties(Map.of(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "driver:9092"),
                topics.applicationId(IntentTopology.APP), tempStateDir(), topics.deadLetters.name());
        // every record reaches the stores and the outputs at once, not when a cache flushes
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        driver = new TopologyTestDriver(IntentTopology.build(topics, settings, embedder, IntentStreams.redaction()),
                props, wallClock);
        turns = driver.createInputTopic(topics.enrichedTurns.name(), new StringSerializer(),
                topics.enrichedTurns.valueSerde().serializer());
        summaries = driver.createInputTopic(topics.conversationSummaries.name(), new StringSerializer(),
                topics.conversationSummaries.valueSerde().serializer());
        assignments = driver.createOutputTopic(topics.intentAssignments.name(), new StringDeserializer(),
                topics.intentAssignments.valueSerde().deserializer());
        tick = settings.rebuildInterval().plusSeconds(1);
    }

    /** Opens a conversation with its first user request, which the topology embeds and clusters. */
    public void open(String conversationId, String request, Instant eventTime) {
        TurnEvent turn = TurnEvent.newBuilder().setEventId(conversationId + "#0").setConversationId(conversationId)
                .setTurnIndex(0).setEventTime(eventTime).setRole(Role.USER).setText(request)
                .setUserId("u-" + opened++).build();
        open.put(conversationId, turn);
        turns.pipeInput(conversationId, new EnrichedTurn(turn, TurnSignals.newBuilder().build(), "eval", false, false),
                eventTime);
    }

    /** Closes an open conversation: the topology confirms its request into an intent of the current model. */
    public void close(String conversationId, Instant closedAt) {
        TurnEvent turn = Objects.requireNonNull(open.remove(conversationId), () -> conversationId + " is not open");
        summaries.pipeInput(conversationId, ConversationSummary.newBuilder().setConversationId(conversationId)
                .setUserId(turn.getUserId()).setStartedAt(turn.getEventTime()).setLastTurnAt(turn.getEventTime())
                .setClosedAt(closedAt).setOutcome(Outcome.COMPLETED).setTurns(1).setTurnDepth(1)
                .setFirstUserText(turn.getText()).setCohort(Cohort.newBuilder().build()).build(), closedAt);
    }

    /**
     * Moves the wall clock on by one rebuild interval: the tasks publish their micro-clusters and the merge step
     * rebuilds the model, in an order of Kafka's choosing, so the model may not hold this tick's snapshots yet.
     */
    public void tick() {
        driver.advanceWallClockTime(tick);
        drain();
    }

    /** Two ticks: the model then holds every request opened so far. */
    public void rebuild() {
        tick();
        tick();
    }

    /** The CONFIRMED assignments so far, in the order of the closes. */
    public List<IntentAssignment> confirmed() {
        drain();
        return confirmed;
    }

    /** EARLY assignments are dropped as they come: they are not what anything here measures. */
    private void drain() {
        for (IntentAssignment assignment : assignments.readValuesToList()) {
            if (assignment.getStage() == AssignmentStage.CONFIRMED) {
                confirmed.add(assignment);
            }
        }
    }

    @Override
    public void close() {
        driver.close();
    }

    private static String tempStateDir() {
        try {
            return Files.createTempDirectory("turnloop-eval-intents-").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
