package dev.turnloop.scale;

import dev.turnloop.ingest.IngestSettings;
import dev.turnloop.ingest.IngestStreams;
import dev.turnloop.ingest.IngestTopology;
import dev.turnloop.metrics.MetricsSettings;
import dev.turnloop.metrics.MetricsStreams;
import dev.turnloop.metrics.MetricsTopology;
import dev.turnloop.metrics.breach.BreachRules;
import dev.turnloop.metrics.window.LiveMetricsListener;
import dev.turnloop.schemas.Breach;
import dev.turnloop.schemas.ConversationSummary;
import dev.turnloop.schemas.EnrichedTurn;
import dev.turnloop.schemas.IntentAssignment;
import dev.turnloop.schemas.IntentMetrics;
import dev.turnloop.schemas.SignalEvent;
import dev.turnloop.schemas.TurnEvent;
import dev.turnloop.schemas.catalog.TopicCatalog;
import dev.turnloop.schemas.registry.InMemorySchemaRegistry;
import dev.turnloop.schemas.serde.AvroSerdes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The expected outputs, computed offline: the same ingest and metrics topology builders with the settings
 * {@code turnloop run} uses, each in Kafka's TopologyTestDriver (one task, no broker, no concurrency), fed the same
 * turns in event-time order, with the same stand-in intent assignment in between. The metrics stores are in memory
 * here (a TopologyTestDriver flushes RocksDB after every record); the logic that decides what is counted is the same.
 *
 * <p>Wall-clock time only moves when a phase's clock conversations are in, by one inactivity-scan interval: the
 * online apps scan every minute, but before the clock no conversation is idle long enough to close.
 */
final class OfflineReference implements AutoCloseable {

    private final IngestSettings ingestSettings = IngestSettings.defaults();
    private final FixedIntents intents;
    private final Path stateDir;
    private final TopologyTestDriver ingest;
    private final TopologyTestDriver metrics;
    private final TestInputTopic<String, TurnEvent> turns;
    private final TestOutputTopic<String, EnrichedTurn> enrichedTurns;
    private final TestOutputTopic<String, SignalEvent> signals;
    private final TestOutputTopic<String, ConversationSummary> summaries;
    private final TestOutputTopic<byte[], byte[]> ingestDeadLetters;
    private final TestInputTopic<String, IntentAssignment> assignments;
    private final TestOutputTopic<String, IntentMetrics> live;
    private final TestOutputTopic<String, IntentMetrics> finals;
    private final TestOutputTopic<String, Breach> breaches;
    private final TestOutputTopic<byte[], byte[]> metricsDeadLetters;
    private final OutputSnapshot.Builder expected;

    OfflineReference(FixedIntents intents, MetricsSettings metricsSettings, BreachRules breachRules,
            Set<String> tumblingWindows) {
        this.intents = intents;
        this.expected = new OutputSnapshot.Builder(tumblingWindows);
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        TopicCatalog topics = TopicCatalog.create("reference", new AvroSerdes(registry, true), 1);
        try {
            stateDir = Files.createTempDirectory("scale-reference-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Instant wallClock = Instant.now();
        Properties ingestProps = IngestStreams.properties(Map.of(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "offline:9092"),
                topics.applicationId(IngestTopology.APP), stateDir.resolve("ingest").toString(),
                topics.deadLetters.name());
        ingest = new TopologyTestDriver(IngestTopology.build(topics, registry, ingestSettings,
                IngestStreams.readers(ingestSettings)), ingestProps, wallClock);
        Properties metricsProps = MetricsStreams.properties(Map.of(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG,
                        "offline:9092"), topics.applicationId(MetricsTopology.APP),
                stateDir.resolve("metrics").toString(), topics.deadLetters.name(), new HostInfo("127.0.0.1", 1));
        metrics = new TopologyTestDriver(MetricsTopology.build(topics,
                metricsSettings.withStateStores(Materialized.StoreType.IN_MEMORY), breachRules,
                LiveMetricsListener.NONE), metricsProps, wallClock);

        turns = ingest.createInputTopic(topics.turns.name(), new StringSerializer(),
                topics.turns.valueSerde().serializer());
        enrichedTurns = ingest.createOutputTopic(topics.enrichedTurns.name(), new StringDeserializer(),
                topics.enrichedTurns.valueSerde().deserializer());
        signals = ingest.createOutputTopic(topics.signals.name(), new StringDeserializer(),
                topics.signals.valueSerde().deserializer());
        summaries = ingest.createOutputTopic(topics.conversationSummaries.name(), new StringDeserializer(),
                topics.conversationSummaries.valueSerde().deserializer());
        ingestDeadLetters = ingest.createOutputTopic(topics.deadLetters.name(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        assignments = metrics.createInputTopic(topics.intentAssignments.name(), new StringSerializer(),
                topics.intentAssignments.valueSerde().serializer());
        live = metrics.createOutputTopic(topics.intentMetricsLive.name(), new StringDeserializer(),
                topics.intentMetricsLive.valueSerde().deserializer());
        finals = metrics.createOutputTopic(topics.intentMetricsFinal.name(), new StringDeserializer(),
                topics.intentMetricsFinal.valueSerde().deserializer());
        breaches = metrics.createOutputTopic(topics.breaches.name(), new StringDeserializer(),
                topics.breaches.valueSerde().deserializer());
        metricsDeadLetters = metrics.createOutputTopic(topics.deadLetters.name(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    /** What every output holds once a phase's traffic (without its clock) is processed. */
    OutputSnapshot afterTraffic(List<TurnEvent> traffic) {
        pipe(traffic);
        return expected.snapshot();
    }

    /** What every output holds once the phase's clock conversations are processed and the idle ones closed. */
    OutputSnapshot afterClocks(List<TurnEvent> clocks) {
        pipe(clocks);
        ingest.advanceWallClockTime(ingestSettings.scanInterval());
        drain();
        return expected.snapshot();
    }

    private void pipe(List<TurnEvent> events) {
        for (TurnEvent turn : events) {
            turns.pipeInput(turn.getConversationId(), turn, turn.getEventTime());
        }
        drain();
    }

    /** Moves ingest's summaries through the stand-in assignment into metrics, and collects every output. */
    private void drain() {
        enrichedTurns.readKeyValuesToList().forEach(record -> expected.enrichedTurn(record.key, record.value));
        signals.readKeyValuesToList().forEach(record -> expected.signal(record.key, record.value));
        for (KeyValue<String, ConversationSummary> summary : summaries.readKeyValuesToList()) {
            expected.summary(summary.key, summary.value);
            IntentAssignment assignment = intents.assign(summary.value);
            expected.assignment(summary.key, assignment);
            assignments.pipeInput(summary.key, assignment);
        }
        live.readKeyValuesToList().forEach(record -> expected.liveMetrics(record.key, record.value));
        finals.readKeyValuesToList().forEach(record -> expected.finalMetrics(record.key, record.value));
        breaches.readKeyValuesToList().forEach(record -> expected.breach(record.key, record.value));
        expected.deadLetters(ingestDeadLetters.readRecordsToList().size()
                + metricsDeadLetters.readRecordsToList().size());
    }

    @Override
    public void close() {
        ingest.close();
        metrics.close();
        deleteRecursively(stateDir);
    }

    private static void deleteRecursively(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory: best effort
        }
    }
}
