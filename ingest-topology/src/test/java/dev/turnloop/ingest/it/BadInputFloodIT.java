package dev.turnloop.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.turnloop.ingest.IngestSettings;
import dev.turnloop.ingest.IngestStreams;
import dev.turnloop.ingest.IngestTopology;
import dev.turnloop.ingest.decode.DeadLetterReason;
import dev.turnloop.schemas.EnrichedTurn;
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
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ten thousand bad records of every kind (see {@link BadRecords}) mixed into good conversations on all three input
 * topics, against a real broker with the production Streams properties (exactly_once_v2, dead-letter handlers).
 * Checks that the app keeps running with all its threads, that every bad record is dead-lettered exactly once with
 * a reason and its original key and value bytes, and that every good turn is enriched exactly once: nothing lost,
 * nothing doubled, nothing extra. The flood is seeded; the seed is logged, and a failure names the record kinds.
 */
class BadInputFloodIT {

    private static final Logger log = LoggerFactory.getLogger(BadInputFloodIT.class);
    private static final long SEED = 20_261_126L;
    private static final int BAD_RECORDS = 10_500;
    private static final String FLOOD_ID = "flood.id";
    private static final Duration PROCESSING_TIMEOUT = Duration.ofSeconds(240);
    /** Bounded, so that a wedged stream thread fails the test instead of hanging the build. */
    /** Generous: on a loaded 2-core machine an exactly-once close can take long, and a test that moves on while the
     * app still runs deletes its state directory under it. */
    private static final Duration CLOSE_TIMEOUT = Duration.ofMinutes(2);

    @TempDir
    Path stateDir;

    @Test
    void everyBadRecordIsDeadLetteredOnceWithItsBytesAndEveryGoodTurnEnrichedOnceWhileTheAppKeepsRunning()
            throws Exception {
        log.info("bad-input flood: seed {} (java.util.Random), {} bad records", SEED, BAD_RECORDS);
        EmbeddedKafka kafka = EmbeddedKafka.shared();
        InMemorySchemaRegistry registry = InMemorySchemaRegistry.named("flood-" + UUID.randomUUID());
        TopicCatalog topics = createTopics(kafka, registry, "flood", 3);
        List<FloodRecord> flood = FloodInputs.generate(topics, registry, new Random(SEED), BAD_RECORDS);
        Map<String, FloodRecord> expectedDeadLetters = new HashMap<>();
        Map<String, FloodRecord> expectedTurns = new HashMap<>();
        for (int i = 0; i < flood.size(); i++) {
            FloodRecord record = flood.get(i);
            if (record.isDeadLetter()) {
                expectedDeadLetters.put(Integer.toString(i), record);
            }
            record.eventIds().forEach(id -> expectedTurns.put(id, record));
        }
        log.info("flood of {} records: {} to dead-letter, {} good turns", flood.size(), expectedDeadLetters.size(),
                expectedTurns.size());
        assertThat(expectedDeadLetters).hasSizeGreaterThanOrEqualTo(10_000);

        // Given the ingest app running with the production Streams properties
        AppWatch watch = new AppWatch();
        KafkaStreams streams = start(kafka, topics, registry, watch);
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> streams.state() == KafkaStreams.State.RUNNING);
            Set<String> threads = threadNames(streams);

            // When the flood arrives on the three input topics
            long started = System.nanoTime();
            publish(kafka, flood);
            List<ConsumerRecord<String, EnrichedTurn>> enriched = KafkaRecords.readAtLeast(kafka.bootstrapServers(),
                    topics.enrichedTurns.name(), new StringDeserializer(),
                    topics.enrichedTurns.valueSerde().deserializer(), expectedTurns.size(), PROCESSING_TIMEOUT);
            List<ConsumerRecord<byte[], byte[]>> deadLetters = KafkaRecords.readAtLeast(kafka.bootstrapServers(),
                    topics.deadLetters.name(), new ByteArrayDeserializer(), new ByteArrayDeserializer(),
                    expectedDeadLetters.size(), PROCESSING_TIMEOUT);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            // a little longer, so that anything written twice or extra has time to show up
            Thread.sleep(3_000);
            enriched = KafkaRecords.readAtLeast(kafka.bootstrapServers(), topics.enrichedTurns.name(),
                    new StringDeserializer(), topics.enrichedTurns.valueSerde().deserializer(), Integer.MAX_VALUE,
                    Duration.ofSeconds(5));
            deadLetters = KafkaRecords.readAtLeast(kafka.bootstrapServers(), topics.deadLetters.name(),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer(), Integer.MAX_VALUE, Duration.ofSeconds(5));
            logCounts(flood.size(), enriched.size(), deadLetters, took);

            // Then the app kept running on the threads it started with
            assertThat(watch.uncaught).as("exceptions that killed a stream thread").isEmpty();
            assertThat(watch.states).as("states after RUNNING").doesNotContain(KafkaStreams.State.ERROR,
                    KafkaStreams.State.PENDING_ERROR, KafkaStreams.State.PENDING_SHUTDOWN, KafkaStreams.State.NOT_RUNNING);
            assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
            assertThat(threadNames(streams)).as("stream threads (a replaced thread has a new name)").isEqualTo(threads);
            // and every good turn was enriched exactly once, and nothing else
            Map<String, Long> timesEnriched = enriched.stream()
                    .collect(Collectors.groupingBy(r -> r.value().getTurn().getEventId(), Collectors.counting()));
            assertThat(missing(expectedTurns, timesEnriched.keySet())).as("good turns never enriched, by kind").isEmpty();
            assertThat(timesEnriched.keySet()).as("enriched event ids").isEqualTo(expectedTurns.keySet());
            assertThat(timesEnriched.entrySet()).as("event ids enriched more than once")
                    .filteredOn(e -> e.getValue() != 1).isEmpty();
            // and every bad record was dead-lettered exactly once, with a reason and its original bytes
            Map<String, List<ConsumerRecord<byte[], byte[]>>> byFloodId = deadLetters.stream()
                    .collect(Collectors.groupingBy(r -> String.valueOf(DeadLetterHeaders.get(r.headers(), FLOOD_ID))));
            assertThat(missing(expectedDeadLetters, byFloodId.keySet())).as("bad records never dead-lettered, by kind")
                    .isEmpty();
            assertThat(byFloodId.keySet()).as("flood ids of the dead letters").isEqualTo(expectedDeadLetters.keySet());
            assertThat(byFloodId.entrySet()).as("records dead-lettered more than once")
                    .filteredOn(e -> e.getValue().size() != 1).isEmpty();
            List<String> wrong = new ArrayList<>();
            byFloodId.forEach((id, letters) -> describeMismatch(expectedDeadLetters.get(id), letters.get(0), wrong));
            assertThat(wrong).as("dead letters whose reason, topic, key or value is not what was sent").isEmpty();
        } finally {
            close(streams);
        }
    }

    @Test
    void aRecordThatFitsItsInputTopicButNotWithTheDeadLetterHeadersIsStillDeadLetteredWithoutKillingTheApp()
            throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.shared();
        InMemorySchemaRegistry registry = InMemorySchemaRegistry.named("flood-edge-" + UUID.randomUUID());
        TopicCatalog topics = createTopics(kafka, registry, "floodedge", 1);
        // Given random bytes on the OTLP topic as large as the producer's default max.request.size lets through
        // (1 MiB less the batch and record overhead), which the dead-letter headers would push over it,
        // followed by a good turn
        Random random = new Random(SEED);
        byte[] atTheLimit = new byte[1_048_576 - 200];
        random.nextBytes(atTheLimit);
        FloodRecord edge = FloodRecord.bad("otlp-random-bytes-at-the-size-limit", topics.otlpSpans.name(), null,
                atTheLimit, Set.of(DeadLetterReason.MALFORMED_BYTES));
        TurnEvent next = GoodTurns.turn("edge-c0", 0, Instant.now(), random);
        FloodRecord good = FloodRecord.good("json-turn", topics.turnsJson.name(), GoodTurns.utf8("edge-c0"),
                GoodTurns.json(next, false), List.of(next.getEventId()));
        AppWatch watch = new AppWatch();
        KafkaStreams streams = start(kafka, topics, registry, watch);
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> streams.state() == KafkaStreams.State.RUNNING);

            // When they arrive
            publish(kafka, List.of(edge, good));
            List<ConsumerRecord<String, EnrichedTurn>> enriched = KafkaRecords.readAtLeast(kafka.bootstrapServers(),
                    topics.enrichedTurns.name(), new StringDeserializer(),
                    topics.enrichedTurns.valueSerde().deserializer(), 1, Duration.ofSeconds(60));
            List<ConsumerRecord<byte[], byte[]>> deadLetters = KafkaRecords.readAtLeast(kafka.bootstrapServers(),
                    topics.deadLetters.name(), new ByteArrayDeserializer(), new ByteArrayDeserializer(), 1,
                    Duration.ofSeconds(10));

            // Then the big one is dead-lettered once with its bytes, and the app keeps running and processing
            assertThat(watch.uncaught).as("exceptions that killed a stream thread").isEmpty();
            assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
            assertThat(enriched).as("the good turn after it").hasSize(1);
            assertThat(deadLetters).hasSize(1);
            List<String> wrong = new ArrayList<>();
            describeMismatch(edge, deadLetters.get(0), wrong);
            assertThat(wrong).isEmpty();
        } finally {
            close(streams);
        }
    }

    private static void close(KafkaStreams streams) {
        if (!streams.close(CLOSE_TIMEOUT)) {
            throw new IllegalStateException("the ingest app did not close within " + CLOSE_TIMEOUT);
        }
    }

    /** Records every state the app passes through once it ran, and every exception that reached a thread's top. */
    private static final class AppWatch {
        final List<KafkaStreams.State> states = new CopyOnWriteArrayList<>();
        final List<Throwable> uncaught = new CopyOnWriteArrayList<>();
        private volatile boolean running;

        void onChange(KafkaStreams.State newState, KafkaStreams.State oldState) {
            if (running) {
                states.add(newState);
            }
            running |= newState == KafkaStreams.State.RUNNING;
        }

        StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse onUncaught(Throwable exception) {
            log.error("stream thread died", exception);
            uncaught.add(exception);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        }
    }

    private KafkaStreams start(EmbeddedKafka kafka, TopicCatalog topics, InMemorySchemaRegistry registry,
            AppWatch watch) {
        IngestSettings settings = IngestSettings.defaults();
        Properties props = IngestStreams.properties(
                Map.of(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                topics.applicationId(IngestTopology.APP), stateDir.toString(), topics.deadLetters.name());
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2);
        KafkaStreams streams = new KafkaStreams(IngestTopology.build(topics, registry, settings,
                IngestStreams.readers(settings)), props);
        streams.setStateListener(watch::onChange);
        streams.setUncaughtExceptionHandler(watch::onUncaught);
        streams.start();
        return streams;
    }

    private static TopicCatalog createTopics(EmbeddedKafka kafka, InMemorySchemaRegistry registry, String name,
            int partitions) throws Exception {
        TopicCatalog topics = TopicCatalog.create(TestTopics.uniquePrefix(name), new AvroSerdes(registry, true),
                partitions);
        try (Admin admin = kafka.admin()) {
            Topics.createAndAwaitLeaders(admin, topics.all().stream().map(t -> t.newTopic((short) 1)).toList(),
                    Duration.ofSeconds(60));
        }
        return topics;
    }

    private static void publish(EmbeddedKafka kafka, List<FloodRecord> flood) {
        try (KafkaProducer<byte[], byte[]> producer = InputProducers.create(kafka.bootstrapServers(),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < flood.size(); i++) {
                FloodRecord record = flood.get(i);
                RecordHeaders headers = new RecordHeaders();
                headers.add(FLOOD_ID, Integer.toString(i).getBytes(StandardCharsets.UTF_8));
                producer.send(new ProducerRecord<>(record.topic(), null, record.key(), record.value(), headers));
            }
        }
    }

    private static Set<String> threadNames(KafkaStreams streams) {
        return streams.metadataForLocalThreads().stream().map(ThreadMetadata::threadName).collect(Collectors.toSet());
    }

    /** How many expected items of each kind are absent from what was seen. */
    private static Map<String, Long> missing(Map<String, FloodRecord> expected, Set<String> seen) {
        return expected.entrySet().stream().filter(e -> !seen.contains(e.getKey()))
                .collect(Collectors.groupingBy(e -> e.getValue().kind(), TreeMap::new, Collectors.counting()));
    }

    private static void describeMismatch(FloodRecord sent, ConsumerRecord<byte[], byte[]> letter, List<String> wrong) {
        String reason = DeadLetterHeaders.get(letter.headers(), DeadLetterHeaders.REASON);
        if (reason == null || sent.reasons().stream().noneMatch(r -> r.name().equals(reason))) {
            wrong.add(sent.kind() + ": reason " + reason + ", expected one of " + sent.reasons() + " ("
                    + DeadLetterHeaders.get(letter.headers(), DeadLetterHeaders.MESSAGE) + ")");
        }
        if (!sent.topic().equals(DeadLetterHeaders.get(letter.headers(), DeadLetterHeaders.TOPIC))) {
            wrong.add(sent.kind() + ": source topic header " + DeadLetterHeaders.get(letter.headers(), DeadLetterHeaders.TOPIC));
        }
        if (!Arrays.equals(sent.key(), letter.key())) {
            wrong.add(sent.kind() + ": key bytes differ");
        }
        if (!Arrays.equals(sent.value(), letter.value())) {
            wrong.add(sent.kind() + ": value bytes differ (" + length(sent.value()) + " sent, " + length(letter.value())
                    + " dead-lettered)");
        }
    }

    private static String length(byte[] bytes) {
        return bytes == null ? "null" : Integer.toString(bytes.length);
    }

    private static void logCounts(int records, int enriched, List<ConsumerRecord<byte[], byte[]>> deadLetters,
            Duration took) {
        Map<String, Long> byReason = deadLetters.stream().collect(Collectors.groupingBy(
                r -> String.valueOf(DeadLetterHeaders.get(r.headers(), DeadLetterHeaders.REASON)), TreeMap::new,
                Collectors.counting()));
        log.info("flood of {} records processed in {} s: {} enriched turns, {} dead letters by reason {}", records,
                took.toSeconds(), enriched, deadLetters.size(), Collections.unmodifiableMap(byReason));
    }
}
