package dev.turnloop.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnloop.metrics.window.CohortKey;
import dev.turnloop.metrics.window.IntentRateGauges;
import dev.turnloop.schemas.IntentMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard is well formed and its per-intent panels query the gauges {@link IntentRateGauges} exports;
 * OpsEndpointDashboardIT checks every other metric against a running app's /metrics.
 */
class GrafanaDashboardTest {

    /** What the Prometheus endpoint exports for IntentRateGauges once it has seen one intent's metrics. */
    static String intentGaugesExposition() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        IntentRateGauges gauges = new IntentRateGauges("1d", 20);
        gauges.bindTo(registry);
        gauges.onLiveMetrics(oneIntentsDay());
        gauges.refresh();
        return registry.scrape();
    }

    static IntentMetrics oneIntentsDay() {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        return IntentMetrics.newBuilder().setIntentId("intent-1").setCohort(CohortKey.ALL_COHORTS.toCohort())
                .setWindow("1d").setWindowStart(start).setWindowEnd(start.plusSeconds(86_400)).setConversations(10)
                .setCompleted(7).setAbandoned(2).setEscalated(1).setWithRepair(0).setWithNegative(0)
                .setCompletionRate(0.7).setAbandonmentRate(0.2).setEscalationRate(0.1).setRepairRate(0)
                .setNegativeRate(0).setTurnDepthMean(4).setTurnDepthP50(4).setTurnDepthP90(6).build();
    }

    @Test
    void everyDataPanelQueriesAtLeastOneMetricThroughTheDatasourceVariable() {
        // Given the dashboard
        JsonNode dashboard = GrafanaDashboard.read();
        List<JsonNode> panels = GrafanaDashboard.dataPanels(dashboard);

        // Then it has panels, each with a title and PromQL targets that name metrics, and unique ids
        assertThat(panels).as("data panels").hasSizeGreaterThanOrEqualTo(6);
        assertThat(panels).allSatisfy(panel -> {
            String title = panel.path("title").asText();
            assertThat(title).as("panel title").isNotBlank();
            assertThat(panel.path("datasource").path("uid").asText()).as(title + " datasource")
                    .isEqualTo("${datasource}");
            assertThat(panel.path("targets")).as(title + " targets").isNotEmpty().allSatisfy(target ->
                    assertThat(PromQlMetrics.in(target.path("expr").asText())).as(title + " metrics").isNotEmpty());
        });
        Set<Integer> ids = new HashSet<>();
        dashboard.path("panels").forEach(p -> assertThat(ids.add(p.path("id").asInt())).as("unique panel id").isTrue());
        assertThat(dashboard.path("uid").asText()).isNotBlank();
    }

    @Test
    void intentPanelsQueryExactlyTheGaugesThatIntentRateGaugesExports() {
        // Given what the per-intent gauges export, by Prometheus name
        Set<String> exported = PrometheusNames.in(intentGaugesExposition());
        String completion = IntentRateGauges.COMPLETION_RATE.replace('.', '_');
        String abandonment = IntentRateGauges.ABANDONMENT_RATE.replace('.', '_');

        // When the dashboard's turnloop_ metrics are collected
        Set<String> queried = GrafanaDashboard.metrics(GrafanaDashboard.read()).stream()
                .filter(m -> m.startsWith("turnloop_")).collect(Collectors.toSet());

        // Then each is exported, and completion and abandonment per intent are both shown
        assertThat(exported).as("exported gauge names").containsAll(queried);
        assertThat(queried).as("per-intent panels").anyMatch(m -> m.startsWith(completion))
                .anyMatch(m -> m.startsWith(abandonment));
    }

    @Test
    void kafkaStreamsThroughputAndLagAreOnTheDashboard() {
        // Given the metrics the dashboard queries
        Set<String> queried = GrafanaDashboard.metrics(GrafanaDashboard.read());

        // Then Kafka Streams' process rate and the consumers' lag are among them
        assertThat(queried).as("dashboard metrics")
                .contains("kafka_stream_thread_process_rate", "kafka_consumer_fetch_manager_records_lag");
    }
}
