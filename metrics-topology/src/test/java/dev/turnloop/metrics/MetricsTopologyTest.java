package dev.turnloop.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnloop.metrics.breach.BreachGraph;
import dev.turnloop.metrics.breach.BreachRules;
import dev.turnloop.metrics.cohort.VerdictGraph;
import dev.turnloop.metrics.window.LiveMetricsListener;
import dev.turnloop.metrics.window.WindowSpec;
import dev.turnloop.metrics.window.WindowedMetricsGraph;
import dev.turnloop.schemas.catalog.TopicCatalog;
import dev.turnloop.schemas.registry.InMemorySchemaRegistry;
import dev.turnloop.schemas.serde.AvroSerdes;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

class MetricsTopologyTest {

    private final TopicCatalog topics = TopicCatalog.create("t", new AvroSerdes(new InMemorySchemaRegistry(), true), 3);

    @Test
    void everyProcessorStoreAndInternalTopicHasAName() {
        // When
        TopologyDescription description = MetricsTopology.build(topics, MetricsSettings.defaults()).describe();

        // Then nothing is left to generated names, which would shift when the topology changes
        assertThat(description.toString()).doesNotContain("KSTREAM-").doesNotContain("KTABLE-");
        assertThat(description.toString()).contains(WindowedMetricsGraph.outcomesStore("1h"),
                WindowedMetricsGraph.outcomesStore("1d"), WindowedMetricsGraph.outcomesStore("7d"),
                WindowedMetricsGraph.LATEST_TOTALS_STORE, BreachGraph.OPEN_BREACHES_STORE,
                BreachGraph.BASELINE_HISTORY_STORE, BreachGraph.RECENT_PROBLEMS_STORE,
                VerdictGraph.TRACKED_CHANGES_STORE, VerdictGraph.ARM_OUTCOMES_STORE,
                VerdictGraph.VERSION_HISTORY_STORE, WindowedMetricsGraph.SERIES_REPARTITION + "-repartition",
                VerdictGraph.CONVERSATIONS_REPARTITION + "-repartition");
        assertThat(description.subtopologies()).as("fan-out, per-intent metrics and rules, verdicts, change intake")
                .hasSize(4);
    }

    @Test
    void theWindowListDecidesWhichWindowStoresExist() {
        // Given a quarter-hour window only, and no rules
        MetricsSettings settings = MetricsSettings.defaults().withWindows(List.of(
                WindowSpec.tumbling("15m", Duration.ofMinutes(15), Duration.ofMinutes(5), Duration.ofDays(1))));

        // When
        String description = MetricsTopology.build(topics, settings, BreachRules.parse("rules: []"),
                LiveMetricsListener.NONE).describe().toString();

        // Then
        assertThat(description).contains(WindowedMetricsGraph.outcomesStore("15m"))
                .doesNotContain(WindowedMetricsGraph.outcomesStore("1d"));
    }

    @Test
    void aRuleOnAWindowThatIsNotComputedFailsTheBuild() {
        // Given
        BreachRules rules = BreachRules.parse("rules:\n  - {id: monthly, kind: threshold, metric: abandonment_rate, "
                + "op: '>', value: 0.3, window: 30d}\n");

        // Then
        assertThatThrownBy(() -> MetricsTopology.build(topics, MetricsSettings.defaults(), rules,
                LiveMetricsListener.NONE)).hasMessageContaining("'30d'");
    }
}
