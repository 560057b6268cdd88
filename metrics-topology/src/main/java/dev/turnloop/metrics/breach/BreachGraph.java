package dev.turnloop.metrics.breach;

import dev.turnloop.metrics.window.CohortKey;
import dev.turnloop.metrics.window.EventTimeExtractor;
import dev.turnloop.metrics.window.MetricKey;
import dev.turnloop.metrics.window.WindowedMetricsGraph;
import dev.turnloop.schemas.Breach;
import dev.turnloop.schemas.IntentAssignment;
import dev.turnloop.schemas.IntentMetrics;
import dev.turnloop.schemas.catalog.TopicCatalog;
import dev.turnloop.schemas.serde.SingleObjectSerde;
import java.time.Duration;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;

/**
 * The breach graph, in the same tasks as the windowed metrics (everything partitioned by intent id): problem
 * conversations (own-cohort copies) + final metrics of the roll-ups + intent events -> the rule processor with its
 * {@value #OPEN_BREACHES_STORE}, {@value #BASELINE_HISTORY_STORE} and {@value #RECENT_PROBLEMS_STORE} stores ->
 * breaches, key {@code rule_id|intent_id|segment}.
 */
public final class BreachGraph {

    /** Breaches currently OPEN, by breach id: what makes an alert fire once and resolve once. */
    public static final String OPEN_BREACHES_STORE = "open-breaches";
    /** Earlier final windows per baseline rule, intent and segment, by breach id. */
    public static final String BASELINE_HISTORY_STORE = "breach-baseline-windows";
    /** The newest problem conversations per intent, quoted as evidence. */
    public static final String RECENT_PROBLEMS_STORE = "recent-problem-conversations";
    public static final String INTENT_EVENTS_SOURCE = "intent-events-source";
    public static final String APPLY_RULES = "apply-breach-rules";

    private BreachGraph() {
    }

    public static void addTo(StreamsBuilder builder, TopicCatalog topics, BreachRules rules, EvidenceSettings evidence,
            Duration scanInterval, Materialized.StoreType stores,
            KStream<String, IntentAssignment> conversationsBySeries,
            KStream<String, IntentMetrics> finalMetrics) {
        KStream<String, SpecificRecord> conversations = conversationsBySeries
                .filter((key, assignment) -> MetricKey.parse(key).cohort().level() == CohortKey.Level.COHORT,
                        Named.as("one-copy-per-conversation"))
                .mapValues(assignment -> (SpecificRecord) assignment, Named.as("conversations-as-rule-input"));
        KStream<String, SpecificRecord> rollupFinals = finalMetrics
                .filter((key, metrics) -> CohortKey.of(metrics.getCohort()).level() != CohortKey.Level.COHORT,
                        Named.as("final-rollup-metrics"))
                .mapValues(metrics -> (SpecificRecord) metrics, Named.as("final-metrics-as-rule-input"));
        KStream<String, SpecificRecord> intentEvents = builder
                .stream(topics.intentEvents.name(), topics.intentEvents.consumed()
                        .withTimestampExtractor(new EventTimeExtractor()).withName(INTENT_EVENTS_SOURCE))
                .mapValues(event -> (SpecificRecord) event, Named.as("intent-events-as-rule-input"));

        builder.addStateStore(WindowedMetricsGraph.keyValueStore(stores, OPEN_BREACHES_STORE,
                new SingleObjectSerde<>(Breach.class)));
        builder.addStateStore(WindowedMetricsGraph.keyValueStore(stores, BASELINE_HISTORY_STORE, Serdes.ByteArray()));
        builder.addStateStore(WindowedMetricsGraph.keyValueStore(stores, RECENT_PROBLEMS_STORE, Serdes.ByteArray()));

        conversations.merge(rollupFinals, Named.as("conversations-and-final-metrics"))
                .merge(intentEvents, Named.as("rule-inputs"))
                .process(() -> new BreachProcessor(rules, evidence, scanInterval), Named.as(APPLY_RULES),
                        OPEN_BREACHES_STORE, BASELINE_HISTORY_STORE, RECENT_PROBLEMS_STORE)
                .to(topics.breaches.name(), topics.breaches.produced().withName("breaches-sink"));
    }
}
