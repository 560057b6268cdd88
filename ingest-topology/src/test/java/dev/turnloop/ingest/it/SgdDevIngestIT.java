package dev.turnloop.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnloop.ingest.IngestSettings;
import dev.turnloop.ingest.IngestStreams;
import dev.turnloop.ingest.IngestTopology;
import dev.turnloop.ingest.decode.JsonTurnDecoder;
import dev.turnloop.schemas.ConversationSummary;
import dev.turnloop.schemas.Outcome;
import dev.turnloop.schemas.Role;
import dev.turnloop.schemas.TurnEvent;
import dev.turnloop.schemas.catalog.TopicCatalog;
import dev.turnloop.schemas.registry.InMemorySchemaRegistry;
import dev.turnloop.schemas.serde.AvroSerdes;
import dev.turnloop.testkit.EmbeddedKafka;
import dev.turnloop.testkit.InputProducers;
import dev.turnloop.testkit.KafkaRecords;
import dev.turnloop.testkit.TestTopics;
import dev.turnloop.testkit.Topics;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real conversations (Schema-Guided Dialogue dev, 2,098 dialogues) through the ingest topology on a real broker. */
class SgdDevIngestIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TURNS = 38_768;
    private static final int CONVERSATIONS = 2_098;

    @TempDir
    Path stateDir;

    @Test
    void everyTurnIsEnrichedAndEveryConversationSummarised() throws Exception {
        Path dev = Path.of(System.getProperty("turnloop.data.dir", "../../shared/data"), "sgd", "dev-turns.jsonl.gz");
        assumeTrue(Files.isRegularFile(dev), "SGD dev turns not found at " + dev + " (set turnloop.data.dir)");
        EmbeddedKafka kafka = EmbeddedKafka.shared();
        InMemorySchemaRegistry registry = InMemorySchemaRegistry.named("sgd-" + UUID.randomUUID());
        TopicCatalog topics = TopicCatalog.create(TestTopics.uniquePrefix("sgd"), new AvroSerdes(registry, true), 4);
        try (Admin admin = kafka.admin()) {
            Topics.createAndAwaitLeaders(admin,
                    topics.all().stream().map(t -> t.newTopic((short) 1)).toList(), Duration.ofSeconds(60));
        }
        Instant start = Instant.now().minus(Duration.ofDays(1));
        Instant last = publish(kafka, topics, dev, start);

        IngestSettings settings = IngestSettings.defaults().withScanInterval(Duration.ofSeconds(1));
        Properties props = IngestStreams.properties(
                Map.of(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                topics.applicationId(IngestTopology.APP), stateDir.toString(), topics.deadLetters.name());
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        try (KafkaStreams streams = new KafkaStreams(IngestTopology.build(topics, registry, settings,
                IngestStreams.readers(settings)), props)) {
            streams.start();
            List<ConsumerRecord<String, byte[]>> enriched = KafkaRecords.readAtLeast(kafka.bootstrapServers(),
                    topics.enrichedTurns.name(), new StringDeserializer(), new ByteArrayDeserializer(), TURNS,
                    Duration.ofSeconds(300));
            assertThat(enriched).as("enriched turns").hasSize(TURNS);

            // a turn on every partition, an hour after the last one, moves event time past every inactivity gap
            publishClockTurns(kafka, topics, last.plus(Duration.ofHours(1)));
            List<ConsumerRecord<String, ConversationSummary>> summaries = KafkaRecords.readUntil(
                    kafka.bootstrapServers(), topics.conversationSummaries.name(), new StringDeserializer(),
                    topics.conversationSummaries.valueSerde().deserializer(), Duration.ofSeconds(120),
                    read -> read.stream().filter(r -> r.key().startsWith("sgd-")).count() >= CONVERSATIONS);

            Map<Outcome, Long> outcomes = summaries.stream().map(ConsumerRecord::value)
                    .filter(s -> s.getConversationId().startsWith("sgd-"))
                    .collect(Collectors.groupingBy(ConversationSummary::getOutcome, Collectors.counting()));
            assertThat(outcomes.values().stream().mapToLong(Long::longValue).sum()).as("summaries")
                    .isEqualTo(CONVERSATIONS);
            assertThat(outcomes.getOrDefault(Outcome.COMPLETED, 0L)).as("completed, of %s", outcomes)
                    .isBetween((long) (CONVERSATIONS * 0.6), (long) (CONVERSATIONS * 0.95));
        }
    }

    private static Instant publish(EmbeddedKafka kafka, TopicCatalog topics, Path file, Instant start)
            throws Exception {
        JsonTurnDecoder decoder = new JsonTurnDecoder();
        Map<String, Instant> starts = new HashMap<>();
        Instant last = start;
        try (KafkaProducer<String, TurnEvent> producer = producer(kafka, topics);
             BufferedReader reader = new BufferedReader(new InputStreamReader(
                     new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                ObjectNode node = (ObjectNode) JSON.readTree(line);
                String conversation = node.get("conversation_id").asText();
                Instant conversationStart = starts.computeIfAbsent(conversation,
                        c -> start.plusSeconds(30L * starts.size()));
                Instant eventTime = conversationStart.plusSeconds(15L * node.get("turn_index").asInt());
                node.put("event_time", eventTime.toEpochMilli());
                TurnEvent turn = decoder.decode(node.toString().getBytes(StandardCharsets.UTF_8)).turns().get(0);
                producer.send(new ProducerRecord<>(topics.turns.name(), conversation, turn));
                last = eventTime.isAfter(last) ? eventTime : last;
            }
        }
        return last;
    }

    private static void publishClockTurns(EmbeddedKafka kafka, TopicCatalog topics, Instant at) {
        try (KafkaProducer<String, TurnEvent> producer = producer(kafka, topics)) {
            for (int p = 0; p < topics.turns.partitions(); p++) {
                TurnEvent clock = TurnEvent.newBuilder().setEventId("clock-" + p).setConversationId("clock-" + p)
                        .setTurnIndex(0).setEventTime(at).setRole(Role.SYSTEM).setText("").build();
                producer.send(new ProducerRecord<>(topics.turns.name(), p, clock.getConversationId(), clock));
            }
        }
    }

    private static KafkaProducer<String, TurnEvent> producer(EmbeddedKafka kafka, TopicCatalog topics) {
        return InputProducers.create(kafka.bootstrapServers(), topics.turns.keySerde().serializer(),
                topics.turns.valueSerde().serializer());
    }
}
