package dev.turnloop.intent.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnloop.intent.IntentSettings;
import dev.turnloop.intent.IntentStreams;
import dev.turnloop.intent.IntentTopology;
import dev.turnloop.intent.embed.MiniLmEmbedder;
import dev.turnloop.schemas.AssignmentStage;
import dev.turnloop.schemas.Cohort;
import dev.turnloop.schemas.ConversationSummary;
import dev.turnloop.schemas.EnrichedTurn;
import dev.turnloop.schemas.IntentAssignment;
import dev.turnloop.schemas.IntentCatalogEntry;
import dev.turnloop.schemas.Outcome;
import dev.turnloop.schemas.Role;
import dev.turnloop.schemas.TurnEvent;
import dev.turnloop.schemas.TurnSignals;
import dev.turnloop.schemas.catalog.TopicCatalog;
import dev.turnloop.schemas.registry.InMemorySchemaRegistry;
import dev.turnloop.schemas.serde.AvroSerdes;
import dev.turnloop.testkit.EmbeddedKafka;
import dev.turnloop.testkit.KafkaRecords;
import dev.turnloop.testkit.TestTopics;
import dev.turnloop.testkit.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** From user turns to confirmed intent assignments and a published catalog, on a real broker with the real model. */
class IntentTopologyIT {

    private static final List<String> CARD = List.of("my new card has not arrived yet", "when will my card be delivered",
            "I am still waiting for my card to arrive", "how long does card delivery take");
    private static final List<String> PASSWORD = List.of("I forgot my password", "how do I reset my password",
            "password reset link does not work", "I can't log in, need a new password");

    @TempDir
    Path stateDir;

    @Test
    void requestsBecomeIntentsWithConfirmedAssignmentsAndACatalog() throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.shared();
        TopicCatalog topics = TopicCatalog.create(TestTopics.uniquePrefix("intents"),
                new AvroSerdes(InMemorySchemaRegistry.named("intents-" + UUID.randomUUID()), true), 2);
        try (Admin admin = kafka.admin()) {
            Topics.createAndAwaitLeaders(admin,
                    topics.all().stream().map(t -> t.newTopic((short) 1)).toList(), Duration.ofSeconds(60));
        }
        IntentSettings settings = IntentSettings.defaults().withIntervals(Duration.ofSeconds(2), Duration.ofSeconds(3))
                .withMinDistinctUsers(3);
        Properties props = IntentStreams.properties(
                Map.of(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                topics.applicationId(IntentTopology.APP), stateDir.toString(), topics.deadLetters.name());
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        Instant t0 = Instant.now().minus(Duration.ofHours(1));
        try (MiniLmEmbedder embedder = new MiniLmEmbedder();
             KafkaStreams streams = new KafkaStreams(IntentTopology.build(topics, settings, embedder,
                     IntentStreams.redaction()), props);
             KafkaProducer<String, EnrichedTurn> turns = new KafkaProducer<>(
                     Map.of("bootstrap.servers", kafka.bootstrapServers()), topics.enrichedTurns.keySerde().serializer(),
                     topics.enrichedTurns.valueSerde().serializer());
             KafkaProducer<String, ConversationSummary> summaries = new KafkaProducer<>(
                     Map.of("bootstrap.servers", kafka.bootstrapServers()),
                     topics.conversationSummaries.keySerde().serializer(),
                     topics.conversationSummaries.valueSerde().serializer())) {
            streams.start();
            Map<String, String> topicOf = new HashMap<>();
            int n = 0;
            for (int round = 0; round < 3; round++) {
                for (List<String> topic : List.of(CARD, PASSWORD)) {
                    for (String text : topic) {
                        String id = "c" + n++;
                        topicOf.put(id, topic == CARD ? "card" : "password");
                        TurnEvent turn = TurnEvent.newBuilder().setEventId(id).setConversationId(id).setTurnIndex(0)
                                .setEventTime(t0).setRole(Role.USER).setText(text).setUserId("u" + n).build();
                        turns.send(new ProducerRecord<>(topics.enrichedTurns.name(), id,
                                new EnrichedTurn(turn, TurnSignals.newBuilder().build(), "avro", false, false)));
                    }
                }
            }
            turns.flush();
            // Then a model and a published catalog appear
            List<ConsumerRecord<String, IntentCatalogEntry>> catalog = KafkaRecords.readUntil(
                    kafka.bootstrapServers(), topics.intentCatalog.name(), new StringDeserializer(),
                    topics.intentCatalog.valueSerde().deserializer(), Duration.ofSeconds(90),
                    read -> read.stream().filter(r -> r.value().getPublished()).map(ConsumerRecord::key).distinct()
                            .count() >= 2);
            assertThat(catalog.stream().filter(r -> r.value().getPublished()).map(ConsumerRecord::key).distinct())
                    .as("published intents").hasSizeGreaterThanOrEqualTo(2);

            // When the conversations close
            for (String id : topicOf.keySet()) {
                summaries.send(new ProducerRecord<>(topics.conversationSummaries.name(), id,
                        ConversationSummary.newBuilder().setConversationId(id).setStartedAt(t0).setLastTurnAt(t0)
                                .setClosedAt(t0.plusSeconds(60)).setOutcome(Outcome.COMPLETED).setTurns(1)
                                .setTurnDepth(1).setCohort(Cohort.newBuilder().build()).build()));
            }
            summaries.flush();

            // Then each gets a CONFIRMED assignment, and the two topics land in different intents
            List<ConsumerRecord<String, IntentAssignment>> assignments = KafkaRecords.readUntil(
                    kafka.bootstrapServers(), topics.intentAssignments.name(), new StringDeserializer(),
                    topics.intentAssignments.valueSerde().deserializer(), Duration.ofSeconds(90),
                    read -> read.stream().filter(r -> r.value().getStage() == AssignmentStage.CONFIRMED).count()
                            >= topicOf.size());
            Map<String, String> intentOf = new HashMap<>();
            assignments.stream().filter(r -> r.value().getStage() == AssignmentStage.CONFIRMED)
                    .forEach(r -> intentOf.put(r.key(), r.value().getIntentId()));
            assertThat(intentOf).hasSize(topicOf.size());
            Map<String, Map<String, Long>> intentsByTopic = new HashMap<>();
            intentOf.forEach((id, intent) -> intentsByTopic.computeIfAbsent(topicOf.get(id), t -> new HashMap<>())
                    .merge(intent, 1L, Long::sum));
            String cardIntent = majority(intentsByTopic.get("card"));
            String passwordIntent = majority(intentsByTopic.get("password"));
            assertThat(cardIntent).as("card and password requests in different intents").isNotEqualTo(passwordIntent);
        }
    }

    private static String majority(Map<String, Long> counts) {
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }
}
