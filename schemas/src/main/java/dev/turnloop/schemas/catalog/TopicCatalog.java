package dev.turnloop.schemas.catalog;

import dev.turnloop.schemas.BacklogItem;
import dev.turnloop.schemas.Breach;
import dev.turnloop.schemas.ChangeEvent;
import dev.turnloop.schemas.CohortVerdict;
import dev.turnloop.schemas.ConversationSummary;
import dev.turnloop.schemas.EnrichedTurn;
import dev.turnloop.schemas.IntentAssignment;
import dev.turnloop.schemas.IntentCatalogEntry;
import dev.turnloop.schemas.IntentEvent;
import dev.turnloop.schemas.IntentMetrics;
import dev.turnloop.schemas.SignalEvent;
import dev.turnloop.schemas.TurnEvent;
import dev.turnloop.schemas.serde.AvroSerdes;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every topic of the pipeline in one immutable, typed place: names (configurable by prefix), key and value serdes,
 * partitions, cleanup policy and retention. Code and tests use it; {@code turnloop topics create} creates it.
 *
 * <p>Keys are conversation ids on the per-conversation topics (so one conversation lives on one partition), intent
 * ids on the intent tables, and documented composite keys on the aggregate topics.
 */
public final class TopicCatalog {

    /**
     * Room for any input record the broker accepts (1 MiB by default) plus its reason headers: a dead letter must fit
     * where its original did. The Streams producer's {@code max.request.size} matches it (StreamsDefaults).
     */
    public static final int DEAD_LETTER_MAX_MESSAGE_BYTES = 2 * 1024 * 1024;

    public static final String DEFAULT_PREFIX = "turnloop";
    private static final Duration WEEK = Duration.ofDays(7);
    private static final Duration MONTH = Duration.ofDays(30);

    private final String prefix;

    /** Agent runtimes publish TurnEvents here (Avro, Confluent wire format). Key: conversation id. */
    public final TopicSpec<String, TurnEvent> turns;
    /** The same TurnEvent fields as JSON, for runtimes without Avro tooling. Key: conversation id. */
    public final TopicSpec<String, String> turnsJson;
    /** OpenTelemetry GenAI spans as the Collector's Kafka exporter writes them (otlp_json). */
    public final TopicSpec<byte[], byte[]> otlpSpans;
    /** Input records that could not be used: original bytes, reason in headers. */
    public final TopicSpec<byte[], byte[]> deadLetters;
    /** Validated, deduplicated, ordered turns with their signals. Key: conversation id. */
    public final TopicSpec<String, EnrichedTurn> enrichedTurns;
    /** Live per-turn signals for ops. Key: conversation id. */
    public final TopicSpec<String, SignalEvent> signals;
    /** One record per closed conversation. Key: conversation id. */
    public final TopicSpec<String, ConversationSummary> conversationSummaries;
    /** Which intent a conversation belongs to (early and confirmed). Key: conversation id. */
    public final TopicSpec<String, IntentAssignment> intentAssignments;
    /** Micro-cluster summaries from every intent task, merged by one single-partition step. */
    public final TopicSpec<String, byte[]> intentMicroClusters;
    /** The global intent model (centroids with stable ids) that every instance reads as a global table. */
    public final TopicSpec<String, byte[]> intentModel;
    /** Intents as people see them: labels, keyphrases, redacted examples, lineage. Key: intent id. */
    public final TopicSpec<String, IntentCatalogEntry> intentCatalog;
    /** New and spiking intents. Key: intent id. */
    public final TopicSpec<String, IntentEvent> intentEvents;
    /** Windowed metrics as they update. Key: window|intent|cohort. */
    public final TopicSpec<String, IntentMetrics> intentMetricsLive;
    /** Final windowed metrics, one per closed window. Key: window|intent|cohort. */
    public final TopicSpec<String, IntentMetrics> intentMetricsFinal;
    /** Threshold, baseline, new-intent and spiking-intent breaches. Key: breach id. */
    public final TopicSpec<String, Breach> breaches;
    /** The scored backlog. Key: item id. */
    public final TopicSpec<String, BacklogItem> backlog;
    /** Shipped changes (merged PRs deployed as new versions). Key: change id. */
    public final TopicSpec<String, ChangeEvent> changeEvents;
    /** KEEP / REVERT / NEED_MORE_DATA per change, latest per key. Key: change id. */
    public final TopicSpec<String, CohortVerdict> cohortVerdicts;

    private TopicCatalog(String prefix, AvroSerdes avro, int partitions) {
        this.prefix = prefix;
        var string = Serdes.String();
        var bytes = Serdes.ByteArray();
        turns = new TopicSpec<>(name("turns"), string, avro.of(TurnEvent.class), partitions,
                CleanupPolicy.DELETE, Optional.of(WEEK), "TurnEvents from agent runtimes (Avro)");
        turnsJson = new TopicSpec<>(name("turns-json"), string, Serdes.String(), partitions,
                CleanupPolicy.DELETE, Optional.of(WEEK), "TurnEvents from agent runtimes (JSON)");
        otlpSpans = new TopicSpec<>(name("otlp-spans"), bytes, bytes, partitions,
                CleanupPolicy.DELETE, Optional.of(WEEK), "OpenTelemetry GenAI spans (OTLP JSON)");
        deadLetters = new TopicSpec<>(name("dead-letters"), bytes, bytes, partitions,
                CleanupPolicy.DELETE, Optional.of(MONTH), "unusable input: original bytes, reason headers")
                .withMaxMessageBytes(DEAD_LETTER_MAX_MESSAGE_BYTES);
        enrichedTurns = new TopicSpec<>(name("turns-enriched"), string, avro.of(EnrichedTurn.class), partitions,
                CleanupPolicy.DELETE, Optional.of(WEEK), "turns with signals");
        signals = new TopicSpec<>(name("signals"), string, avro.of(SignalEvent.class), partitions,
                CleanupPolicy.DELETE, Optional.of(WEEK), "live per-turn signals");
        conversationSummaries = new TopicSpec<>(name("conversation-summaries"), string,
                avro.of(ConversationSummary.class), partitions, CleanupPolicy.DELETE, Optional.of(MONTH),
                "closed conversations");
        intentAssignments = new TopicSpec<>(name("intent-assignments"), string, avro.of(IntentAssignment.class),
                partitions, CleanupPolicy.DELETE, Optional.of(MONTH), "conversation -> intent");
        intentMicroClusters = new TopicSpec<>(name("intent-microclusters"), string, bytes, 1,
                CleanupPolicy.COMPACT, Optional.empty(), "per-task micro-cluster summaries (single partition)");
        intentModel = new TopicSpec<>(name("intent-model"), string, bytes, 1,
                CleanupPolicy.COMPACT, Optional.empty(), "global intent model (global table)");
        intentCatalog = new TopicSpec<>(name("intent-catalog"), string, avro.of(IntentCatalogEntry.class), 1,
                CleanupPolicy.COMPACT, Optional.empty(), "intents for people, with lineage");
        intentEvents = new TopicSpec<>(name("intent-events"), string, avro.of(IntentEvent.class), partitions,
                CleanupPolicy.DELETE, Optional.of(MONTH), "new and spiking intents");
        intentMetricsLive = new TopicSpec<>(name("intent-metrics-live"), string, avro.of(IntentMetrics.class),
                partitions, CleanupPolicy.COMPACT_DELETE, Optional.of(MONTH), "windowed metrics, updating");
        intentMetricsFinal = new TopicSpec<>(name("intent-metrics-final"), string, avro.of(IntentMetrics.class),
                partitions, CleanupPolicy.DELETE, Optional.of(Duration.ofDays(400)), "windowed metrics, final");
        breaches = new TopicSpec<>(name("breaches"), string, avro.of(Breach.class), partitions,
                CleanupPolicy.DELETE, Optional.of(Duration.ofDays(400)), "rule breaches");
        backlog = new TopicSpec<>(name("backlog"), string, avro.of(BacklogItem.class), 1,
                CleanupPolicy.COMPACT, Optional.empty(), "scored backlog items");
        changeEvents = new TopicSpec<>(name("change-events"), string, avro.of(ChangeEvent.class), 1,
                CleanupPolicy.DELETE, Optional.of(Duration.ofDays(400)), "deployed changes");
        cohortVerdicts = new TopicSpec<>(name("cohort-verdicts"), string, avro.of(CohortVerdict.class), 1,
                CleanupPolicy.COMPACT, Optional.empty(), "cohort verdicts per change");
    }

    /** The catalog with topic names {@code <prefix>.<name>} and {@code partitions} per partitioned topic. */
    public static TopicCatalog create(String prefix, AvroSerdes avro, int partitions) {
        if (prefix == null || !prefix.matches("[a-zA-Z0-9._-]+")) {
            throw new IllegalArgumentException("topic prefix must match [a-zA-Z0-9._-]+ (Kafka topic characters), got: "
                    + prefix);
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
        }
        return new TopicCatalog(prefix, avro, partitions);
    }

    public String prefix() {
        return prefix;
    }

    /** A Kafka Streams application id for one of turnloop's apps, under the same prefix. */
    public String applicationId(String app) {
        return prefix + "-" + app;
    }

    public List<TopicSpec<?, ?>> all() {
        return List.of(turns, turnsJson, otlpSpans, deadLetters, enrichedTurns, signals, conversationSummaries,
                intentAssignments, intentMicroClusters, intentModel, intentCatalog, intentEvents, intentMetricsLive,
                intentMetricsFinal, breaches, backlog, changeEvents, cohortVerdicts);
    }

    private String name(String suffix) {
        return prefix + "." + suffix;
    }
}
