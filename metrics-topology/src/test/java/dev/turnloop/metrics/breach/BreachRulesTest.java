package dev.turnloop.metrics.breach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnloop.metrics.window.RateMetric;
import dev.turnloop.schemas.IntentEventKind;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BreachRulesTest {

    @Test
    void theShippedDefaultsHoldEveryKindOfRule() {
        // When
        BreachRules rules = BreachRules.defaults();

        // Then
        assertThat(rules.thresholds()).extracting(ThresholdRule::id).contains("abandonment-high");
        ThresholdRule abandonment = rules.thresholds().stream().filter(r -> r.id().equals("abandonment-high"))
                .findFirst().orElseThrow();
        assertThat(abandonment).isEqualTo(new ThresholdRule("abandonment-high", BreachMetric.ABANDONMENT_RATE,
                ComparisonOp.GREATER, 0.30, 0.05, 50, "1d", RuleScope.INTENT));
        assertThat(rules.baselineDrops()).extracting(BaselineDropRule::metric).contains(RateMetric.COMPLETION);
        assertThat(rules.baselineDrops()).extracting(BaselineDropRule::scope)
                .contains(RuleScope.INTENT, RuleScope.SEGMENT);
        assertThat(rules.intentEvents()).containsExactly(
                new IntentEventRule("new-intent", IntentEventKind.NEW, Optional.empty()),
                new IntentEventRule("spiking-intent", IntentEventKind.SPIKING, Optional.of(Duration.ofDays(1))));
    }

    @Test
    void omittedSettingsTakeTheirDocumentedDefaults() {
        // Given
        String yaml = """
                rules:
                  - {id: drop, kind: baseline_drop, metric: completion_rate, window: 1d}
                  - {id: high, kind: threshold, metric: turn_depth_p90, op: ">=", value: 12, window: 1h}
                """;

        // When
        BreachRules rules = BreachRules.parse(yaml);

        // Then
        assertThat(rules.baselineDrops()).containsExactly(new BaselineDropRule("drop", RateMetric.COMPLETION, "1d", 7,
                0.01, 0.0, 0.02, 50, RuleScope.INTENT));
        assertThat(rules.thresholds()).containsExactly(new ThresholdRule("high", BreachMetric.TURN_DEPTH_P90,
                ComparisonOp.GREATER_OR_EQUAL, 12, 0.05, 50, "1h", RuleScope.INTENT));
    }

    @Test
    void mistakesAreReportedWithTheRuleAndTheKey() {
        assertThatThrownBy(() -> BreachRules.parse("rules:\n  - {id: a, kind: threshold, metric: abandonment_rate, "
                + "op: '>', value: 0.3, window: 1d, min_volum: 5}\n"))
                .hasMessageContaining("rule a").hasMessageContaining("unknown key 'min_volum'");
        assertThatThrownBy(() -> BreachRules.parse("rules:\n  - {id: b, kind: threshold, metric: happiness, "
                + "op: '>', value: 0.3, window: 1d}\n"))
                .hasMessageContaining("rule b").hasMessageContaining("unknown metric 'happiness'");
        assertThatThrownBy(() -> BreachRules.parse("rules:\n  - {id: c, kind: threshold, metric: abandonment_rate, "
                + "op: '=>', value: 0.3, window: 1d}\n")).hasMessageContaining("op must be one of");
        assertThatThrownBy(() -> BreachRules.parse("rules:\n  - {id: d, kind: baseline_drop, "
                + "metric: turn_depth_mean, window: 1d}\n")).hasMessageContaining("needs a rate metric");
        assertThatThrownBy(() -> BreachRules.parse("rules:\n  - {id: e, kind: spiking_intent, resolve_after: soon}\n"))
                .hasMessageContaining("durations look like");
        assertThatThrownBy(() -> BreachRules.parse("rules:\n  - {id: f, kind: new_intent}\n  - {id: f, kind: "
                + "new_intent}\n")).hasMessageContaining("used twice");
        assertThatThrownBy(() -> BreachRules.parse("thresholds: []")).hasMessageContaining("'rules' list");
    }

    @Test
    void aRuleOnAWindowThatIsNotComputedIsRejected() {
        // Given
        BreachRules rules = BreachRules.parse("rules:\n  - {id: w, kind: threshold, metric: abandonment_rate, "
                + "op: '>', value: 0.3, window: 30d}\n");

        // Then
        assertThatThrownBy(() -> rules.requireWindows(List.of("1h", "1d", "7d")))
                .hasMessageContaining("rule w watches window '30d'");
    }
}
