package dev.turnloop.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnloop.ingest.IngestSettings;
import dev.turnloop.ingest.IngestStreams;
import dev.turnloop.ingest.IngestTopology;
import dev.turnloop.schemas.EnrichedTurn;
import dev.turnloop.schemas.Role;
import dev.turnloop.schemas.TurnEvent;
import dev.turnloop.schemas.catalog.TopicCatalog;
import dev.turnloop.schemas.registry.InMemorySchemaRegistry;
import dev.turnloop.schemas.serde.AvroSerdes;
import dev.turnloop.schemas.streams.DeadLetterHeaders;
import dev.turnloop.testkit.EmbeddedKafka;
import dev.turnloop.testkit.InputProducers;
import dev.turnloop.testkit.KafkaRecords;
import dev.turnloop.testkit.TestTopics;
import dev.turnloop.testkit.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The no-loss invariant on a real broker with exactly_once_v2: every input record ends up exactly once in either the
 * enriched output or the dead-letter topic, across a restart of the topology mid-stream. Duplicates (retries of the
 * same event) are dropped and appear in neither.
 */
class IngestNoLossIT {

    private static final int CONVERSATIONS = 300;
    private static final int TURNS_PER_CONVERSATION = 12;

    @TempDir
    Path stateDir;

    private record Input(String key, byte[] value, String eventId, boolean valid) {
    }

    @Test
    void everyRecordEndsUpExactlyOnceInEnrichedOrDeadLettersAcrossARestart() throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.shared();
        InMemorySchemaRegistry registry = InMemorySchemaRegistry.named("noloss-" + UUID.randomUUID());
        TopicCatalog topics = TopicCatalog.create(TestTopics.uniquePrefix("noloss"), new AvroSerdes(registry, true), 3);
        try (Admin admin = kafka.admin()) {
            Topics.createAndAwaitLeaders(admin,
                    topics.all().stream().map(t -> t.newTopic((short) 1)).toList(), Duration.ofSeconds(60));
        }
        List<Input> inputs = generate(topics, new Random(42));
        int half = inputs.size() / 2;

        // Given the first half of the input, processed by an instance that is stopped mid-stream
        publish(kafka, topics, inputs.subList(0, half));
        try (KafkaStreams first = start(kafka, topics, registry)) {
            KafkaRecords.readAtLeast(kafka.bootstrapServers(), topics.enrichedTurns.name(), new StringDeserializer(),
                    new ByteArrayDeserializer(), half / 4, Duration.ofSeconds(60));
        }
        // When the rest arrives and a new instance with the same application id and state takes over
        publish(kafka, topics, inputs.subList(half, inputs.size()));
        Set<String> validIds = new HashSet<>();
        long invalid = 0;
        for (Input input : inputs) {
            if (input.valid()) {
                validIds.add(input.eventId());
            } else {
                invalid++;
            }
        }
        long expectedDeadLetters = invalid;
        try (KafkaStreams second = start(kafka, topics, registry)) {
            List<ConsumerRecord<String, EnrichedTurn>> enriched = KafkaRecords.readAtLeast(kafka.bootstrapServers(),
                    topics.enrichedTurns.name(), new StringDeserializer(),
                    topics.enrichedTurns.valueSerde().deserializer(), validIds.size(), Duration.ofSeconds(300));
            List<ConsumerRecord<byte[], byte[]>> deadLetters = KafkaRecords.readAtLeast(kafka.bootstrapServers(),
                    topics.deadLetters.name(), new ByteArrayDeserializer(), new ByteArrayDeserializer(),
                    (int) expectedDeadLetters, Duration.ofSeconds(120));
            // a little longer, so that anything counted twice would have time to show up
            Thread.sleep(2_000);
            enriched = KafkaRecords.readAtLeast(kafka.bootstrapServers(), topics.enrichedTurns.name(),
                    new StringDeserializer(), topics.enrichedTurns.valueSerde().deserializer(), Integer.MAX_VALUE,
                    Duration.ofSeconds(5));
            deadLetters = KafkaRecords.readAtLeast(kafka.bootstrapServers(), topics.deadLetters.name(),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer(), Integer.MAX_VALUE, Duration.ofSeconds(5));

            // Then every valid event is enriched exactly once, and every invalid record is dead-lettered exactly once
            Map<String, Integer> timesEnriched = new HashMap<>();
            enriched.forEach(r -> timesEnriched.merge(r.value().getTurn().getEventId(), 1, Integer::sum));
            Set<String> missing = new HashSet<>(validIds);
            missing.removeAll(timesEnriched.keySet());
            assertThat(missing).as("valid events never enriched (of %d enriched, %d dead letters)",
                    timesEnriched.size(), deadLetters.size()).isEmpty();
            assertThat(timesEnriched.keySet()).as("enriched event ids").isEqualTo(validIds);
            assertThat(timesEnriched.values()).as("each enriched once").allMatch(n -> n == 1);
            assertThat(deadLetters).as("dead letters").hasSize((int) expectedDeadLetters);
            assertThat(deadLetters).allSatisfy(r -> assertThat(r.headers().lastHeader(DeadLetterHeaders.REASON))
                    .as("reason header").isNotNull());
        }
    }

    private KafkaStreams start(EmbeddedKafka kafka, TopicCatalog topics, InMemorySchemaRegistry registry) {
        IngestSettings settings = IngestSettings.defaults().withScanInterval(Duration.ofSeconds(1));
        Properties props = IngestStreams.properties(
                Map.of(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                topics.applicationId(IngestTopology.APP), stateDir.toString(), topics.deadLetters.name());
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2);
        KafkaStreams streams = new KafkaStreams(IngestTopology.build(topics, registry, settings,
                IngestStreams.readers(settings)), props);
        streams.start();
        return streams;
    }

    /** Valid turns of many conversations, with retried duplicates and a tenth of broken records mixed in. */
    private static List<Input> generate(TopicCatalog topics, Random random) {
        List<Input> inputs = new ArrayList<>();
        Instant t0 = Instant.now().minus(Duration.ofHours(3));
        var serializer = topics.turns.valueSerde().serializer();
        for (int c = 0; c < CONVERSATIONS; c++) {
            String conversation = "conv-" + c;
            for (int i = 0; i < TURNS_PER_CONVERSATION; i++) {
                TurnEvent turn = TurnEvent.newBuilder().setEventId(conversation + "#" + i)
                        .setConversationId(conversation).setTurnIndex(i)
                        .setEventTime(t0.plusSeconds(c * 20L + i * 5L))
                        .setRole(i % 2 == 0 ? Role.USER : Role.ASSISTANT)
                        .setText(i % 2 == 0 ? "question " + i + " about my order" : "Here is answer " + i)
                        .build();
                byte[] bytes = serializer.serialize(topics.turns.name(), turn);
                inputs.add(new Input(conversation, bytes, turn.getEventId(), true));
                if (random.nextInt(20) == 0) {
                    inputs.add(new Input(conversation, bytes, turn.getEventId(), true)); // a producer retry
                }
                if (random.nextInt(10) == 0) {
                    inputs.add(broken(conversation, random));
                }
            }
        }
        return inputs;
    }

    private static Input broken(String conversation, Random random) {
        byte[] value = switch (random.nextInt(3)) {
            case 0 -> ("garbage-" + random.nextInt()).getBytes(StandardCharsets.UTF_8);
            case 1 -> new byte[] {0, 0x7f, 0x7f, 0x7f, (byte) random.nextInt(), 1, 2};
            default -> new byte[0];
        };
        return new Input(conversation, value, null, false);
    }

    private static void publish(EmbeddedKafka kafka, TopicCatalog topics, List<Input> inputs) {
        try (KafkaProducer<byte[], byte[]> producer = InputProducers.create(kafka.bootstrapServers(),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (Input input : inputs) {
                producer.send(new ProducerRecord<>(topics.turns.name(), input.key().getBytes(StandardCharsets.UTF_8),
                        input.value()));
            }
        }
    }
}
