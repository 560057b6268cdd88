package dev.turnloop.metrics.cohort;

import dev.turnloop.metrics.window.ClosedConversations;
import dev.turnloop.metrics.window.EventTimeExtractor;
import dev.turnloop.metrics.window.WindowedMetricsGraph;
import dev.turnloop.schemas.ChangeEvent;
import dev.turnloop.schemas.IntentAssignment;
import dev.turnloop.schemas.catalog.TopicCatalog;
import dev.turnloop.schemas.serde.SingleObjectSerde;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * The cohort-verdict graph: closed conversations (without text) and validated change events, both repartitioned onto
 * one partition -> the verdict processor with its {@value #TRACKED_CHANGES_STORE}, {@value #ARM_OUTCOMES_STORE} and
 * {@value #VERSION_HISTORY_STORE} stores -> cohort verdicts, key change id.
 *
 * <p>Why one partition: a change is global (every conversation on its versions, on any partition, counts towards
 * it) and changes are few, so one task sees all of it and needs no cross-task merge. It handles closed
 * conversations, not turns, and does a few small store updates per conversation, which one task sustains at far
 * more conversations per second than an agent fleet closes. A global table of change events would spread the
 * counting but leave per-partition counters to be merged somewhere single anyway.
 */
public final class VerdictGraph {

    /** Changes being judged ({@code open|change id}) and judged ({@code decided|change id}). */
    public static final String TRACKED_CHANGES_STORE = "tracked-changes";
    /** Control and treatment outcome counts per change, intent and segment. */
    public static final String ARM_OUTCOMES_STORE = "change-arm-outcomes";
    /** Outcome counts per component version, day, intent and segment, to seed the control arm of a new change. */
    public static final String VERSION_HISTORY_STORE = "version-outcomes-by-day";
    public static final String CHANGE_EVENTS_SOURCE = "change-events-source";
    public static final String VALIDATE_CHANGES = "validate-change-events";
    /** Repartition topics that put all conversations and all changes on partition 0. */
    public static final String CONVERSATIONS_REPARTITION = "conversations-for-verdicts";
    public static final String CHANGES_REPARTITION = "changes-for-verdicts";
    public static final String JUDGE_CHANGES = "judge-changes";

    private VerdictGraph() {
    }

    public static void addTo(StreamsBuilder builder, TopicCatalog topics, VerdictSettings settings,
            Materialized.StoreType stores, KStream<String, IntentAssignment> closedConversations) {
        KStream<String, SpecificRecord> conversations = closedConversations
                .mapValues(ClosedConversations::withoutText, Named.as("conversations-without-text"))
                .repartition(Repartitioned.<String, IntentAssignment>as(CONVERSATIONS_REPARTITION)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(new SingleObjectSerde<>(IntentAssignment.class))
                        .withNumberOfPartitions(1))
                .mapValues(assignment -> (SpecificRecord) assignment, Named.as("conversations-as-verdict-input"));
        KStream<String, SpecificRecord> changes = builder
                .stream(topics.changeEvents.name(), topics.changeEvents.consumed()
                        .withTimestampExtractor(new EventTimeExtractor()).withName(CHANGE_EVENTS_SOURCE))
                .processValues(ChangeEventValidation::new, Named.as(VALIDATE_CHANGES))
                .repartition(Repartitioned.<String, ChangeEvent>as(CHANGES_REPARTITION)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(new SingleObjectSerde<>(ChangeEvent.class))
                        .withNumberOfPartitions(1))
                .mapValues(change -> (SpecificRecord) change, Named.as("changes-as-verdict-input"));

        builder.addStateStore(WindowedMetricsGraph.keyValueStore(stores, TRACKED_CHANGES_STORE, Serdes.ByteArray()));
        builder.addStateStore(WindowedMetricsGraph.keyValueStore(stores, ARM_OUTCOMES_STORE, Serdes.ByteArray()));
        builder.addStateStore(WindowedMetricsGraph.keyValueStore(stores, VERSION_HISTORY_STORE, Serdes.ByteArray()));

        conversations.merge(changes, Named.as("verdict-inputs"))
                .process(() -> new VerdictProcessor(settings), Named.as(JUDGE_CHANGES),
                        TRACKED_CHANGES_STORE, ARM_OUTCOMES_STORE, VERSION_HISTORY_STORE)
                .to(topics.cohortVerdicts.name(), topics.cohortVerdicts.produced().withName("cohort-verdicts-sink"));
    }
}
