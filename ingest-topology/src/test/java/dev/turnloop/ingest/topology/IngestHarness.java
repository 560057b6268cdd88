package dev.turnloop.ingest.topology;

import dev.turnloop.ingest.IngestSettings;
import dev.turnloop.ingest.IngestStreams;
import dev.turnloop.ingest.IngestTopology;
import dev.turnloop.schemas.ConversationSummary;
import dev.turnloop.schemas.EnrichedTurn;
import dev.turnloop.schemas.Role;
import dev.turnloop.schemas.SignalEvent;
import dev.turnloop.schemas.TurnEvent;
import dev.turnloop.schemas.catalog.TopicCatalog;
import dev.turnloop.schemas.registry.InMemorySchemaRegistry;
import dev.turnloop.schemas.serde.AvroSerdes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/** The production ingest topology in a TopologyTestDriver, with typed inputs and outputs. */
final class IngestHarness implements AutoCloseable {

    static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
    static final Instant WALL_CLOCK = Instant.parse("2026-11-01T12:00:00Z");

    final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    final TopicCatalog topics = TopicCatalog.create("t", new AvroSerdes(registry, true), 1);
    final IngestSettings settings;
    final TopologyTestDriver driver;
    final TestInputTopic<String, TurnEvent> turns;
    final TestInputTopic<byte[], byte[]> rawTurns;
    final TestInputTopic<String, String> jsonTurns;
    final TestInputTopic<byte[], byte[]> otlp;
    final TestOutputTopic<String, EnrichedTurn> enriched;
    final TestOutputTopic<String, SignalEvent> signals;
    final TestOutputTopic<String, ConversationSummary> summaries;
    final TestOutputTopic<byte[], byte[]> deadLetters;

    IngestHarness() {
        this(IngestSettings.defaults().withInactivityGap(Duration.ofMinutes(30))
                .withReorderGrace(Duration.ofSeconds(30)).withScanInterval(Duration.ofSeconds(10)));
    }

    IngestHarness(IngestSettings settings) {
        this(settings, IngestStreams.readers(settings));
    }

    IngestHarness(IngestSettings settings, IngestTopology.Readers readers) {
        this.settings = settings;
        Properties props = IngestStreams.properties(Map.of(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092"),
                topics.applicationId(IngestTopology.APP), "/tmp/unused", topics.deadLetters.name());
        driver = new TopologyTestDriver(IngestTopology.build(topics, registry, settings, readers), props,
                WALL_CLOCK);
        turns = driver.createInputTopic(topics.turns.name(), new StringSerializer(),
                topics.turns.valueSerde().serializer());
        rawTurns = driver.createInputTopic(topics.turns.name(), new ByteArraySerializer(), new ByteArraySerializer());
        jsonTurns = driver.createInputTopic(topics.turnsJson.name(), new StringSerializer(), new StringSerializer());
        otlp = driver.createInputTopic(topics.otlpSpans.name(), new ByteArraySerializer(), new ByteArraySerializer());
        enriched = driver.createOutputTopic(topics.enrichedTurns.name(), new StringDeserializer(),
                topics.enrichedTurns.valueSerde().deserializer());
        signals = driver.createOutputTopic(topics.signals.name(), new StringDeserializer(),
                topics.signals.valueSerde().deserializer());
        summaries = driver.createOutputTopic(topics.conversationSummaries.name(), new StringDeserializer(),
                topics.conversationSummaries.valueSerde().deserializer());
        deadLetters = driver.createOutputTopic(topics.deadLetters.name(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    static TurnEvent.Builder turn(String conversation, int index, Role role, String text) {
        return TurnEvent.newBuilder()
                .setEventId(conversation + "#" + index)
                .setConversationId(conversation)
                .setTurnIndex(index)
                .setEventTime(T0.plusSeconds(20L * index))
                .setRole(role)
                .setText(text)
                .setPromptVersion("p1")
                .setUserId("u-" + conversation)
                .setUserAttributes(Map.of("plan", "trial", "user_type", "new"));
    }

    /** A user/assistant dialogue, alternating from a user turn at index 0. */
    void dialogue(String conversation, String... texts) {
        for (int i = 0; i < texts.length; i++) {
            send(turn(conversation, i, i % 2 == 0 ? Role.USER : Role.ASSISTANT, texts[i]).build());
        }
    }

    void send(TurnEvent turn) {
        turns.pipeInput(turn.getConversationId(), turn, turn.getEventTime());
    }

    /** Advances event time (through another conversation's turn) and the wall clock, so the scan runs. */
    void advanceEventTimeTo(Instant eventTime) {
        send(turn("clock-" + eventTime.toEpochMilli(), 0, Role.USER, "hello").setEventTime(eventTime).build());
        driver.advanceWallClockTime(settings.scanInterval().plusSeconds(1));
    }

    List<ConversationSummary> summariesOf(String conversation) {
        return summaries.readValuesToList().stream().filter(s -> s.getConversationId().equals(conversation)).toList();
    }

    static String header(TestRecord<byte[], byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        driver.close();
    }
}
