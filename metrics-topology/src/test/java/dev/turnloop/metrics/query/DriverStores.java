package dev.turnloop.metrics.query;

import dev.turnloop.metrics.window.OutcomeTally;
import dev.turnloop.metrics.window.WindowedMetricsGraph;
import dev.turnloop.schemas.IntentMetrics;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;

/** The metrics stores of a TopologyTestDriver, as the query layer reads them from a running app. */
final class DriverStores implements MetricStores {

    private final TopologyTestDriver driver;

    DriverStores(TopologyTestDriver driver) {
        this.driver = driver;
    }

    @Override
    public ReadOnlyWindowStore<String, OutcomeTally> outcomes(String window) {
        return driver.getWindowStore(WindowedMetricsGraph.outcomesStore(window));
    }

    @Override
    public ReadOnlyKeyValueStore<String, IntentMetrics> latestTotals() {
        return driver.getKeyValueStore(WindowedMetricsGraph.LATEST_TOTALS_STORE);
    }
}
