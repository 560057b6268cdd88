package dev.turnloop.app.eval;

import dev.turnloop.ingest.IngestSettings;
import dev.turnloop.ingest.IngestStreams;
import dev.turnloop.ingest.IngestTopology;
import dev.turnloop.schemas.ConversationSummary;
import dev.turnloop.schemas.EnrichedTurn;
import dev.turnloop.schemas.Role;
import dev.turnloop.schemas.TurnEvent;
import dev.turnloop.schemas.catalog.TopicCatalog;
import dev.turnloop.schemas.registry.InMemorySchemaRegistry;
import dev.turnloop.schemas.serde.AvroSerdes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
 * The production ingest topology in Kafka's TopologyTestDriver, for evaluations: the same decode, validation, state and
 * signal code that runs on a broker, without one. Turns go in; enriched turns and summaries come out.
 */
public final class IngestDriver implements AutoCloseable {

    private final IngestSettings settings;
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, TurnEvent> turns;
    private final TestOutputTopic<String, EnrichedTurn> enriched;
    private final TestOutputTopic<String, ConversationSummary> summaries;
    private final List<EnrichedTurn> enrichedOut = new ArrayList<>();
    private final List<ConversationSummary> summariesOut = new ArrayList<>();
    private Instant lastEventTime = Instant.EPOCH;
    private long sent;

    public IngestDriver(IngestSettings settings, Instant wallClock) {
        this.settings = settings;
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        TopicCatalog topics = TopicCatalog.create("eval", new AvroSerdes(registry, true), 1);
        Properties props = IngestStreams.properties(Map.of(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "driver:9092"),
                topics.applicationId(IngestTopology.APP), tempStateDir(),
                topics.deadLetters.name());
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        driver = new TopologyTestDriver(IngestTopology.build(topics, registry, settings,
                IngestStreams.readers(settings)), props, wallClock);
        turns = driver.createInputTopic(topics.turns.name(), new StringSerializer(),
                topics.turns.valueSerde().serializer());
        enriched = driver.createOutputTopic(topics.enrichedTurns.name(), new StringDeserializer(),
                topics.enrichedTurns.valueSerde().deserializer());
        summaries = driver.createOutputTopic(topics.conversationSummaries.name(), new StringDeserializer(),
                topics.conversationSummaries.valueSerde().deserializer());
    }

    public void send(TurnEvent turn) {
        turns.pipeInput(turn.getConversationId(), turn, turn.getEventTime());
        if (turn.getEventTime().isAfter(lastEventTime)) {
            lastEventTime = turn.getEventTime();
        }
        if (++sent % 2_000 == 0) {
            driver.advanceWallClockTime(settings.scanInterval());
            drain();
        }
    }

    /** Moves event time past every open conversation's inactivity gap, so all of them close. */
    public void closeAll() {
        Instant later = lastEventTime.plus(settings.inactivityGap()).plus(Duration.ofMinutes(1));
        send(TurnEvent.newBuilder().setEventId("eval-clock").setConversationId("eval-clock").setTurnIndex(0)
                .setEventTime(later).setRole(Role.SYSTEM).setText("").build());
        driver.advanceWallClockTime(settings.scanInterval());
        drain();
    }

    public List<EnrichedTurn> enrichedTurns() {
        drain();
        return enrichedOut;
    }

    public List<ConversationSummary> summaries() {
        drain();
        return summariesOut;
    }

    private void drain() {
        enrichedOut.addAll(enriched.readValuesToList());
        summariesOut.addAll(summaries.readValuesToList());
    }

    @Override
    public void close() {
        driver.close();
    }

    private static String tempStateDir() {
        try {
            return java.nio.file.Files.createTempDirectory("turnloop-eval-").toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
