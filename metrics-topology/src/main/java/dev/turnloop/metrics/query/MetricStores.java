package dev.turnloop.metrics.query;

import dev.turnloop.metrics.window.OutcomeTally;
import dev.turnloop.metrics.window.WindowedMetricsGraph;
import dev.turnloop.schemas.IntentMetrics;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;

/**
 * The metrics stores of this instance, read-only. Production reads them from a running {@link KafkaStreams}; tests
 * hand in a TopologyTestDriver's stores, so the query layer runs without a broker.
 */
public interface MetricStores {

    /** Outcome tallies per intent x cohort of one window spec. */
    ReadOnlyWindowStore<String, OutcomeTally> outcomes(String window);

    /** The latest all-cohorts metrics per intent and window, keyed {@code intent|window}. */
    ReadOnlyKeyValueStore<String, IntentMetrics> latestTotals();

    /** The stores of the local instance of a running app (active tasks only). */
    static MetricStores of(KafkaStreams streams) {
        return new MetricStores() {
            @Override
            public ReadOnlyWindowStore<String, OutcomeTally> outcomes(String window) {
                return streams.store(StoreQueryParameters.fromNameAndType(WindowedMetricsGraph.outcomesStore(window),
                        QueryableStoreTypes.windowStore()));
            }

            @Override
            public ReadOnlyKeyValueStore<String, IntentMetrics> latestTotals() {
                return streams.store(StoreQueryParameters.fromNameAndType(WindowedMetricsGraph.LATEST_TOTALS_STORE,
                        QueryableStoreTypes.keyValueStore()));
            }
        };
    }
}
