package dev.turnloop.metrics.window;

import dev.turnloop.schemas.IntentAssignment;
import dev.turnloop.schemas.IntentMetrics;
import dev.turnloop.schemas.catalog.TopicCatalog;
import dev.turnloop.schemas.serde.SingleObjectSerde;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.DslStoreFormat;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KGroupedStream;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.DslKeyValueParams;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The windowed metrics graph: intent assignments (event time = conversation close) -> countable closed conversations
 * -> one copy per series (cohort, segment roll-up, all cohorts) repartitioned by intent -> per window spec an outcome
 * tally in the {@code intent-outcomes-<window>} store -> live metrics on every update, final metrics once per window
 * after its grace.
 */
public final class WindowedMetricsGraph {

    public static final String ASSIGNMENTS_SOURCE = "intent-assignments-source";
    public static final String CLOSED_CONVERSATIONS = "countable-closed-conversations";
    public static final String FAN_OUT = "conversations-by-series";
    /** Repartition topic: one record per conversation and series, partitioned by intent id. */
    public static final String SERIES_REPARTITION = "conversations-by-intent";
    /** Latest all-cohorts live metrics per intent and window: the intent list of the query API. */
    public static final String LATEST_TOTALS_STORE = "latest-intent-totals";

    private WindowedMetricsGraph() {
    }

    /** Window store of the outcome tallies per intent x cohort of one window spec. */
    public static String outcomesStore(String window) {
        return "intent-outcomes-" + window;
    }

    /** Suppression buffer that holds a window's tallies until the window closes. */
    public static String finalBuffer(String window) {
        return "intent-outcomes-" + window + "-until-closed";
    }

    public static String liveProcessor(String window) {
        return "live-metrics-" + window;
    }

    public static String finalProcessor(String window) {
        return "final-metrics-" + window;
    }

    /** Key of the latest-totals store: intent first, so it partitions like every other per-intent state. */
    public static String latestTotalsKey(String intentId, String window) {
        return KeyParts.join(intentId, window);
    }

    /** Streams the rest of the topology builds on. */
    public record Streams(
            KStream<String, IntentAssignment> closedConversations,
            KStream<String, IntentAssignment> conversationsBySeries,
            KStream<String, IntentMetrics> finalMetrics) {
    }

    public static Streams addTo(StreamsBuilder builder, TopicCatalog topics, List<WindowSpec> windows,
            Materialized.StoreType stores, LiveMetricsListener listener) {
        SingleObjectSerde<IntentAssignment> assignmentSerde = new SingleObjectSerde<>(IntentAssignment.class);

        KStream<String, IntentAssignment> closed = builder
                .stream(topics.intentAssignments.name(), topics.intentAssignments.consumed()
                        .withTimestampExtractor(new EventTimeExtractor()).withName(ASSIGNMENTS_SOURCE))
                .filter((id, assignment) -> ClosedConversations.countable(assignment), Named.as(CLOSED_CONVERSATIONS));

        // partitioned by intent, co-partitioned with the intent-events topic the breach rules also read
        KStream<String, IntentAssignment> bySeries = closed
                .flatMap((id, assignment) -> ClosedConversations.bySeries(assignment), Named.as(FAN_OUT))
                .repartition(Repartitioned.<String, IntentAssignment>as(SERIES_REPARTITION)
                        .withKeySerde(Serdes.String()).withValueSerde(assignmentSerde)
                        .withStreamPartitioner(new IntentPartitioner<>())
                        .withNumberOfPartitions(topics.intentEvents.partitions()));
        KGroupedStream<String, IntentAssignment> grouped =
                bySeries.groupByKey(Grouped.with(Serdes.String(), assignmentSerde));

        builder.addStateStore(keyValueStore(stores, LATEST_TOTALS_STORE, new SingleObjectSerde<>(IntentMetrics.class)));
        KStream<String, IntentMetrics> finals = null;
        for (WindowSpec spec : windows) {
            KStream<String, IntentMetrics> specFinals = addWindow(grouped, topics, spec, stores, listener);
            finals = finals == null ? specFinals
                    : finals.merge(specFinals, Named.as("all-final-metrics-" + spec.name()));
        }
        return new Streams(closed, bySeries, finals);
    }

    private static KStream<String, IntentMetrics> addWindow(KGroupedStream<String, IntentAssignment> grouped,
            TopicCatalog topics, WindowSpec spec, Materialized.StoreType stores, LiveMetricsListener listener) {
        String window = spec.name();
        KTable<Windowed<String>, OutcomeTally> tallies = grouped.windowedBy(spec.timeWindows())
                .aggregate(OutcomeTally::empty, (key, assignment, tally) -> tally.add(assignment.getSummary()),
                        Named.as("tally-" + window),
                        Materialized.<String, OutcomeTally, WindowStore<Bytes, byte[]>>as(outcomesStore(window))
                                .withKeySerde(Serdes.String()).withValueSerde(OutcomeTally.serde())
                                .withRetention(spec.retention()).withStoreType(stores));

        tallies.toStream(Named.as("tally-updates-" + window))
                .process(() -> new LiveMetricsProcessor(spec, LATEST_TOTALS_STORE, listener),
                        Named.as(liveProcessor(window)), LATEST_TOTALS_STORE)
                .to(topics.intentMetricsLive.name(),
                        topics.intentMetricsLive.produced().withName("live-metrics-" + window + "-sink"));

        KStream<String, IntentMetrics> finals = tallies
                .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded())
                        .withName(finalBuffer(window)))
                .toStream(Named.as("closed-tallies-" + window))
                .map((windowed, tally) -> {
                    MetricKey key = MetricKey.parse(windowed.key());
                    return KeyValue.pair(key.topicKey(window), IntentMetricsRecords.of(window, key,
                            windowed.window().start(), windowed.window().end(), tally, true));
                }, Named.as(finalProcessor(window)));
        finals.to(topics.intentMetricsFinal.name(),
                topics.intentMetricsFinal.produced().withName("final-metrics-" + window + "-sink"));
        return finals;
    }

    /** A String-keyed key-value store of the chosen type, for the processors of this module. */
    public static <V> StoreBuilder<KeyValueStore<String, V>> keyValueStore(Materialized.StoreType type, String name,
            Serde<V> values) {
        return Stores.keyValueStoreBuilder(type.keyValueStore(new DslKeyValueParams(name, DslStoreFormat.PLAIN)),
                Serdes.String(), values);
    }
}
