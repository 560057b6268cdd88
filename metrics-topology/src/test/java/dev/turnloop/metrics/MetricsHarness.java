package dev.turnloop.metrics;

import dev.turnloop.metrics.breach.BreachRules;
import dev.turnloop.metrics.window.LiveMetricsListener;
import dev.turnloop.schemas.AssignmentStage;
import dev.turnloop.schemas.Breach;
import dev.turnloop.schemas.ChangeEvent;
import dev.turnloop.schemas.Cohort;
import dev.turnloop.schemas.CohortVerdict;
import dev.turnloop.schemas.Component;
import dev.turnloop.schemas.ConversationSummary;
import dev.turnloop.schemas.Direction;
import dev.turnloop.schemas.IntentAssignment;
import dev.turnloop.schemas.IntentEvent;
import dev.turnloop.schemas.IntentMetrics;
import dev.turnloop.schemas.Outcome;
import dev.turnloop.schemas.catalog.TopicCatalog;
import dev.turnloop.schemas.registry.InMemorySchemaRegistry;
import dev.turnloop.schemas.serde.AvroSerdes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The production metrics topology in a TopologyTestDriver, with typed inputs and outputs. By default it runs the
 * production settings with in-memory stores: a TopologyTestDriver commits, and so flushes every RocksDB store, after
 * each record, which would make the suites slow without testing anything the topology decides.
 */
public final class MetricsHarness implements AutoCloseable {

    /** A Monday, midnight UTC: hourly and daily windows start on it. */
    public static final Instant T0 = Instant.parse("2026-11-02T00:00:00Z");
    /** Conversations of this intent only move stream time forward; tests ignore its outputs. */
    public static final String CLOCK_INTENT = "clock";

    public final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    public final TopicCatalog topics = TopicCatalog.create("t", new AvroSerdes(registry, true), 1);
    public final MetricsSettings settings;
    public final TopologyTestDriver driver;
    public final TestInputTopic<String, IntentAssignment> assignments;
    public final TestInputTopic<String, IntentEvent> intentEvents;
    public final TestInputTopic<String, ChangeEvent> changeEvents;
    public final TestOutputTopic<String, IntentMetrics> live;
    public final TestOutputTopic<String, IntentMetrics> finals;
    public final TestOutputTopic<String, Breach> breaches;
    public final TestOutputTopic<String, CohortVerdict> verdicts;
    public final TestOutputTopic<byte[], byte[]> deadLetters;
    private final Path stateDir;
    private int clockTicks;

    public MetricsHarness() {
        this(inMemory(MetricsSettings.defaults()), BreachRules.defaults(), LiveMetricsListener.NONE);
    }

    public static MetricsSettings inMemory(MetricsSettings settings) {
        return settings.withStateStores(Materialized.StoreType.IN_MEMORY);
    }

    public MetricsHarness(MetricsSettings settings, BreachRules rules, LiveMetricsListener listener) {
        this.settings = settings;
        this.stateDir = createStateDir();
        Properties props = MetricsStreams.properties(Map.of(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092"),
                topics.applicationId(MetricsTopology.APP), stateDir.toString(),
                topics.deadLetters.name(), new HostInfo("localhost", 7070));
        driver = new TopologyTestDriver(MetricsTopology.build(topics, settings, rules, listener), props, T0);
        assignments = driver.createInputTopic(topics.intentAssignments.name(), new StringSerializer(),
                topics.intentAssignments.valueSerde().serializer());
        intentEvents = driver.createInputTopic(topics.intentEvents.name(), new StringSerializer(),
                topics.intentEvents.valueSerde().serializer());
        changeEvents = driver.createInputTopic(topics.changeEvents.name(), new StringSerializer(),
                topics.changeEvents.valueSerde().serializer());
        live = driver.createOutputTopic(topics.intentMetricsLive.name(), new StringDeserializer(),
                topics.intentMetricsLive.valueSerde().deserializer());
        finals = driver.createOutputTopic(topics.intentMetricsFinal.name(), new StringDeserializer(),
                topics.intentMetricsFinal.valueSerde().deserializer());
        breaches = driver.createOutputTopic(topics.breaches.name(), new StringDeserializer(),
                topics.breaches.valueSerde().deserializer());
        verdicts = driver.createOutputTopic(topics.cohortVerdicts.name(), new StringDeserializer(),
                topics.cohortVerdicts.valueSerde().deserializer());
        deadLetters = driver.createOutputTopic(topics.deadLetters.name(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    private static Path createStateDir() {
        try {
            return Files.createTempDirectory("metrics-ttd");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A cohort on prompt p1, harness h1, config c1, in {@code segment}. */
    public static Cohort cohort(String prompt, String segment) {
        return Cohort.newBuilder().setPromptVersion(prompt).setHarnessVersion("h1").setConfigVersion("c1")
                .setSegment(segment).setUserAttributes(Map.of("plan", "trial")).build();
    }

    public static ConversationSummary.Builder summary(String conversation, Outcome outcome, Instant closedAt) {
        return ConversationSummary.newBuilder()
                .setConversationId(conversation)
                .setStartedAt(closedAt.minusSeconds(300))
                .setLastTurnAt(closedAt.minusSeconds(60))
                .setClosedAt(closedAt)
                .setOutcome(outcome)
                .setTurns(6)
                .setTurnDepth(4)
                .setFirstUserText("how do I export my data?")
                .setCohort(cohort("p1", "plan=trial"));
    }

    public static IntentAssignment confirmed(String intent, ConversationSummary summary) {
        return IntentAssignment.newBuilder()
                .setConversationId(summary.getConversationId())
                .setIntentId(intent)
                .setStage(AssignmentStage.CONFIRMED)
                .setEventTime(summary.getClosedAt())
                .setSummary(summary)
                .build();
    }

    public void send(IntentAssignment assignment) {
        // the Kafka timestamp is deliberately not the close: the topology must take event time from the summary
        assignments.pipeInput(assignment.getConversationId(), assignment, T0.minusSeconds(3600));
    }

    /** Sends a closed conversation of {@code intent}. */
    public void close(String intent, String conversation, Outcome outcome, Instant closedAt) {
        send(confirmed(intent, summary(conversation, outcome, closedAt).build()));
    }

    /** Sends {@code count} closed conversations of one outcome, 1 second apart from {@code from}. */
    public void closeMany(String intent, String prefix, int count, Outcome outcome, Instant from) {
        for (int i = 0; i < count; i++) {
            close(intent, prefix + "-" + i, outcome, from.plusSeconds(i));
        }
    }

    /** Moves stream time to {@code at} through a conversation of the clock intent. */
    public void advanceTo(Instant at) {
        close(CLOCK_INTENT, "tick-" + clockTicks++, Outcome.COMPLETED, at);
    }

    public static ChangeEvent.Builder change(String id, String intent, String metric, Direction direction,
            Instant deployedAt) {
        return ChangeEvent.newBuilder()
                .setChangeId(id)
                .setItemId("item-" + id)
                .setComponent(Component.PROMPT)
                .setOldVersion("p1")
                .setNewVersion("p2")
                .setTargetIntentId(intent)
                .setTargetMetric(metric)
                .setExpectedDirection(direction)
                .setPlannedVolumePerArm(500)
                .setDeployedAt(deployedAt);
    }

    public void send(ChangeEvent change) {
        changeEvents.pipeInput(change.getChangeId(), change, T0);
    }

    public void send(IntentEvent event) {
        intentEvents.pipeInput(event.getIntentId(), event, T0);
    }

    /** Outputs of one intent, leaving out the clock. */
    public static <T> List<T> of(List<T> records, Function<T, String> intent, String wanted) {
        return records.stream().filter(r -> intent.apply(r).equals(wanted)).toList();
    }

    @Override
    public void close() {
        driver.close();
        try (Stream<Path> paths = Files.walk(stateDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
