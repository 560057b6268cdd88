package dev.turnloop.pr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnloop.pr.backlog.SeverityClass;
import dev.turnloop.pr.repo.InvalidConfigException;
import dev.turnloop.schemas.FixCost;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PrWorkerSettingsTest {

    @Test
    void anEmptyFileMeansTheDefaults() {
        assertThat(PrWorkerSettings.parse("", "empty")).isEqualTo(PrWorkerSettings.defaults());
        assertThat(PrWorkerSettings.parse("scoring: {}\nworker: {}\n", "empty sections"))
                .isEqualTo(PrWorkerSettings.defaults());
    }

    @Test
    void givenKeysOverrideTheDefaultsAndPartialMapsMergeOverThem() {
        PrWorkerSettings settings = PrWorkerSettings.parse("""
                scoring:
                  frequency_weight: 2
                  fix_cost_weight: 0.25
                  fix_costs: {capability: 20}
                  severities: {friction: 0.2}
                  metric_severity: {latency_p95: friction, refund_rate: churn_risk}
                mechanisms:
                  min_support: 3
                  billing_tool: lookup_invoice
                  unknown_fix_cost: capability
                worker:
                  max_open_pull_requests: 3
                  min_score: 1.5
                  cycle_interval_seconds: 30
                  tick_seconds: 0.5
                """, "test");

        assertThat(settings.scoring().frequencyWeight()).isEqualTo(2.0);
        assertThat(settings.scoring().severityWeight()).as("default kept").isEqualTo(1.0);
        assertThat(settings.scoring().fixCostWeight()).isEqualTo(0.25);
        assertThat(settings.scoring().costOf(FixCost.CAPABILITY)).isEqualTo(20.0);
        assertThat(settings.scoring().costOf(FixCost.PROMPT)).isEqualTo(1.0);
        assertThat(settings.scoring().weightOf(SeverityClass.FRICTION)).isEqualTo(0.2);
        assertThat(settings.scoring().classOf("refund_rate")).isEqualTo(SeverityClass.CHURN_RISK);
        assertThat(settings.scoring().classOf("abandonment_rate")).isEqualTo(SeverityClass.ABANDONMENT);
        assertThat(settings.mechanisms().minSupport()).isEqualTo(3);
        assertThat(settings.mechanisms().billingTool()).isEqualTo("lookup_invoice");
        assertThat(settings.mechanisms().unknownFixCost()).isEqualTo(FixCost.CAPABILITY);
        assertThat(settings.worker().maxOpenPullRequests()).isEqualTo(3);
        assertThat(settings.worker().minScore()).isEqualTo(1.5);
        assertThat(settings.worker().cycleInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.worker().tick()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void everyProblemIsReportedAtOnceWithItsKey() {
        assertThatThrownBy(() -> PrWorkerSettings.parse("""
                scoring:
                  frequency_weigth: 2
                  fix_costs: {prompt: cheap}
                mechanisms:
                  billing_tool: "route everything to me"
                worker:
                  max_open_pull_requests: 0
                extra: 1
                """, "pr-worker.yaml"))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems()).anySatisfy(p ->
                        assertThat(p).contains("unknown key 'scoring.frequency_weigth'")).anySatisfy(p ->
                        assertThat(p).contains("'scoring.fix_costs.prompt' must be a number")).anySatisfy(p ->
                        assertThat(p).contains("billing_tool 'route everything to me' must be a tool name")).anySatisfy(p ->
                        assertThat(p).contains("max_open_pull_requests must be at least 1")).anySatisfy(p ->
                        assertThat(p).contains("unknown key 'extra'")))
                .hasMessageContaining("pr-worker.yaml");
    }
}
