package dev.turnloop.intent.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnloop.intent.IntentSettings;
import dev.turnloop.intent.IntentStreams;
import dev.turnloop.intent.IntentTopology;
import dev.turnloop.schemas.AssignmentStage;
import dev.turnloop.schemas.Cohort;
import dev.turnloop.schemas.ConversationSummary;
import dev.turnloop.schemas.EnrichedTurn;
import dev.turnloop.schemas.IntentAssignment;
import dev.turnloop.schemas.IntentCatalogEntry;
import dev.turnloop.schemas.IntentEvent;
import dev.turnloop.schemas.IntentEventKind;
import dev.turnloop.schemas.Outcome;
import dev.turnloop.schemas.Role;
import dev.turnloop.schemas.TurnEvent;
import dev.turnloop.schemas.TurnSignals;
import dev.turnloop.schemas.catalog.TopicCatalog;
import dev.turnloop.schemas.registry.InMemorySchemaRegistry;
import dev.turnloop.schemas.serde.AvroSerdes;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IntentTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    private final TopicCatalog topics = TopicCatalog.create("t", new AvroSerdes(new InMemorySchemaRegistry(), true), 1);
    private final IntentSettings settings = IntentSettings.defaults()
            .withIntervals(Duration.ofSeconds(5), Duration.ofSeconds(10)).withMinDistinctUsers(3);
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, EnrichedTurn> turns;
    private final TestInputTopic<String, ConversationSummary> summaries;
    private final TestOutputTopic<String, IntentAssignment> assignments;
    private final TestOutputTopic<String, IntentCatalogEntry> catalog;
    private final TestOutputTopic<String, IntentEvent> events;

    IntentTopologyTest() {
        Properties props = IntentStreams.properties(Map.of(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092"),
                "intents-test", "/tmp/unused", topics.deadLetters.name());
        driver = new TopologyTestDriver(IntentTopology.build(topics, settings, new TopicWordsEmbedder(),
                IntentStreams.redaction()), props, T0);
        turns = driver.createInputTopic(topics.enrichedTurns.name(), new StringSerializer(),
                topics.enrichedTurns.valueSerde().serializer());
        summaries = driver.createInputTopic(topics.conversationSummaries.name(), new StringSerializer(),
                topics.conversationSummaries.valueSerde().serializer());
        assignments = driver.createOutputTopic(topics.intentAssignments.name(), new StringDeserializer(),
                topics.intentAssignments.valueSerde().deserializer());
        catalog = driver.createOutputTopic(topics.intentCatalog.name(), new StringDeserializer(),
                topics.intentCatalog.valueSerde().deserializer());
        events = driver.createOutputTopic(topics.intentEvents.name(), new StringDeserializer(),
                topics.intentEvents.valueSerde().deserializer());
    }

    @AfterEach
    void close() {
        driver.close();
    }

    private void request(String conversation, String user, String text) {
        TurnEvent turn = TurnEvent.newBuilder().setEventId(conversation + "#0").setConversationId(conversation)
                .setTurnIndex(0).setEventTime(T0).setRole(Role.USER).setText(text).setUserId(user).build();
        turns.pipeInput(conversation, new EnrichedTurn(turn, TurnSignals.newBuilder().build(), "avro", false, false), T0);
    }

    private void close(String conversation, String user, String text) {
        summaries.pipeInput(conversation, ConversationSummary.newBuilder().setConversationId(conversation)
                .setUserId(user).setStartedAt(T0).setLastTurnAt(T0).setClosedAt(T0.plusSeconds(60))
                .setOutcome(Outcome.COMPLETED).setTurns(2).setTurnDepth(2).setFirstUserText(text)
                .setCohort(Cohort.newBuilder().build()).build(), T0.plusSeconds(60));
    }

    /** Tasks publish their snapshots on one tick; the merge step builds from them on the next. */
    private void rebuild() {
        driver.advanceWallClockTime(Duration.ofSeconds(11));
        driver.advanceWallClockTime(Duration.ofSeconds(11));
    }

    @Test
    void requestsAboutTheSameThingEndUpInOneIntentAndOthersInAnother() {
        for (int i = 0; i < 6; i++) {
            request("card-" + i, "u" + i, "my card has not arrived yet " + "x".repeat(i));
            request("refund-" + i, "u" + i, "I want a refund for my order " + "y".repeat(i));
        }
        rebuild();
        for (int i = 0; i < 6; i++) {
            close("card-" + i, "u" + i, "my card has not arrived yet");
            close("refund-" + i, "u" + i, "I want a refund for my order");
        }

        Map<String, String> confirmed = assignments.readValuesToList().stream()
                .filter(a -> a.getStage() == AssignmentStage.CONFIRMED)
                .collect(Collectors.toMap(IntentAssignment::getConversationId, IntentAssignment::getIntentId));
        assertThat(confirmed).hasSize(12);
        assertThat(confirmed.entrySet().stream().filter(e -> e.getKey().startsWith("card"))
                .map(Map.Entry::getValue).distinct()).as("card intents").hasSize(1);
        assertThat(confirmed.get("card-0")).as("card vs refund").isNotEqualTo(confirmed.get("refund-0"));
    }

    @Test
    void aConfirmedAssignmentCarriesItsSummaryAndKinds() {
        for (int i = 0; i < 4; i++) {
            request("c" + i, "u" + i, "I want a refund for my order");
        }
        rebuild();
        close("c0", "u0", "I want a refund for my order");

        IntentAssignment confirmed = assignments.readValuesToList().stream()
                .filter(a -> a.getStage() == AssignmentStage.CONFIRMED).findFirst().orElseThrow();
        assertThat(confirmed.getSummary()).isNotNull();
        assertThat(confirmed.getSummary().getOutcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(confirmed.getKinds()).extracting(k -> k.getKind().name()).contains("CHURN_RISK");
    }

    @Test
    void liveConversationsGetAnEarlyAssignmentOnceAModelExists() {
        for (int i = 0; i < 4; i++) {
            request("c" + i, "u" + i, "reset my password please");
        }
        rebuild();
        request("late", "u9", "I forgot my password");

        List<IntentAssignment> early = assignments.readValuesToList().stream()
                .filter(a -> a.getStage() == AssignmentStage.EARLY).toList();
        assertThat(early).extracting(IntentAssignment::getConversationId).contains("late");
    }

    @Test
    void theCatalogHidesNamesAndExamplesUntilEnoughDistinctUsersThenAnnouncesTheIntent() {
        for (int i = 0; i < 4; i++) {
            request("few-" + i, "same-user", "where is my slack integration");
        }
        rebuild();
        List<IntentCatalogEntry> gated = catalog.readValuesToList();
        assertThat(gated).isNotEmpty().allSatisfy(entry -> {
            assertThat(entry.getPublished()).isFalse();
            assertThat(entry.getExamples()).isEmpty();
            assertThat(entry.getLabel()).isEmpty();
        });
        assertThat(events.readValuesToList()).isEmpty();

        for (int i = 0; i < 4; i++) {
            request("many-" + i, "user-" + i, "connect slack to my workspace");
        }
        rebuild();
        rebuild();

        List<IntentCatalogEntry> open = catalog.readValuesToList().stream().filter(IntentCatalogEntry::getPublished)
                .toList();
        assertThat(open).isNotEmpty();
        assertThat(open.get(0).getExamples()).isNotEmpty();
        assertThat(events.readValuesToList()).extracting(IntentEvent::getKind).contains(IntentEventKind.NEW);
    }

    @Test
    void intentIdsStayStableWhenMoreOfTheSameArrives() {
        for (int i = 0; i < 5; i++) {
            request("a" + i, "u" + i, "where is my delivery");
        }
        rebuild();
        Map<String, IntentCatalogEntry> first = latest(catalog.readValuesToList());
        for (int i = 5; i < 10; i++) {
            request("a" + i, "u" + i, "where is my delivery now");
        }
        rebuild();
        Map<String, IntentCatalogEntry> second = latest(catalog.readValuesToList());

        assertThat(second.keySet()).as("same intent ids after more data").containsAll(first.keySet());
        assertThat(second.values().stream().mapToLong(IntentCatalogEntry::getConversations).sum()).isEqualTo(10);
    }

    private static Map<String, IntentCatalogEntry> latest(List<IntentCatalogEntry> entries) {
        Map<String, IntentCatalogEntry> latest = new HashMap<>();
        entries.forEach(e -> latest.put(e.getIntentId(), e));
        return latest;
    }
}
