package dev.turnloop.pr.backlog;

import static dev.turnloop.pr.TestBreaches.breach;
import static dev.turnloop.pr.TestBreaches.evidence;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.turnloop.pr.mechanism.Diagnosis;
import dev.turnloop.pr.mechanism.Mechanism;
import dev.turnloop.schemas.BacklogItem;
import dev.turnloop.schemas.Breach;
import dev.turnloop.schemas.FixCost;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BacklogScorerTest {
    private static final Diagnosis DEAD_END = new Diagnosis(Mechanism.DEAD_END, null, "dead ends", FixCost.PROMPT,
            List.of());

    /** 15 of 25 conversations abandoned: rare, and as bad as it gets. */
    private static Breach rareSevere() {
        return breach("intent-refund", "abandonment_rate", 0.6, 25, List.of(
                evidence("c1", "refund?", "abandoned", "dead_end@1"))).build();
    }

    /** 300 of 1000 conversations needed a repair but went on: common, and mild. */
    private static Breach commonMild() {
        return breach("intent-hours", "repair_rate", 0.3, 1000, List.of(
                evidence("c2", "opening hours?", "resolved:agent_answer", "repair:rephrased_request@2"))).build();
    }

    private static BacklogItem itemOf(Breach breach, ScoringSettings settings) {
        return new BacklogItems(settings, 10).withBreach(null, breach, DEAD_END,
                List.of(Contribution.of(breach, settings)), Instant.EPOCH);
    }

    @Test
    void aRareButSevereFailureOutranksACommonMildOneWithTheDefaultWeights() {
        // Given the default weights and two breaches of the same fix cost
        ScoringSettings settings = ScoringSettings.defaults();

        // When both become items
        BacklogItem rare = itemOf(rareSevere(), settings);
        BacklogItem common = itemOf(commonMild(), settings);

        // Then the 15 abandoned conversations outrank the 300 mildly repaired ones
        assertThat(rare.getFrequency()).isEqualTo(15);
        assertThat(common.getFrequency()).isEqualTo(300);
        assertThat(rare.getSeverity()).isEqualTo(1.0);
        assertThat(common.getSeverity()).isEqualTo(0.3);
        assertThat(rare.getScore()).as("ln(16) * 1.0 / 1").isCloseTo(2.7726, within(1e-4));
        assertThat(common.getScore()).as("ln(301) * 0.3 / 1").isCloseTo(1.7121, within(1e-4));
        assertThat(rare.getScore()).isGreaterThan(common.getScore());
    }

    @Test
    void aHeavierFrequencyWeightLetsTheCommonFailureWin() {
        // Given frequency weighted three times as much
        ScoringSettings settings = ScoringSettings.defaults().withWeights(3.0, 1.0, 0.5);

        // When both become items
        BacklogItem rare = itemOf(rareSevere(), settings);
        BacklogItem common = itemOf(commonMild(), settings);

        // Then frequency decides: ln(16)^3 = 21.3 < ln(301)^3 * 0.3 = 55.8
        assertThat(rare.getScore()).isCloseTo(21.31, within(0.01));
        assertThat(common.getScore()).isCloseTo(55.77, within(0.01));
    }

    @Test
    void fixCostDividesWithItsWeightAndWeightZeroIgnoresIt() {
        BacklogScorer defaults = new BacklogScorer(ScoringSettings.defaults());
        BacklogScorer costBlind = new BacklogScorer(ScoringSettings.defaults().withWeights(1.0, 1.0, 0.0));

        // Then a harness change (4 units, weight 0.5) halves the score of a prompt edit, a capability (8) divides by 2.83
        double prompt = defaults.score(100, 1.0, FixCost.PROMPT);
        assertThat(prompt).isCloseTo(Math.log(101), within(1e-9));
        assertThat(defaults.score(100, 1.0, FixCost.HARNESS)).isCloseTo(prompt / 2, within(1e-9));
        assertThat(defaults.score(100, 1.0, FixCost.CAPABILITY)).isCloseTo(prompt / Math.sqrt(8), within(1e-9));
        assertThat(costBlind.score(100, 1.0, FixCost.CAPABILITY)).isCloseTo(prompt, within(1e-9));
    }

    @Test
    void noConversationsScoresZero() {
        assertThat(new BacklogScorer(ScoringSettings.defaults()).score(0, 1.0, FixCost.PROMPT)).isZero();
    }

    @Test
    void settingsRejectOutOfRangeWeightsAndCosts() {
        ScoringSettings d = ScoringSettings.defaults();
        assertThatThrownBy(() -> d.withWeights(-1, 1, 1)).hasMessageContaining("weights must be between 0 and 10");
        Map<FixCost, Double> costs = new EnumMap<>(d.fixCosts());
        costs.put(FixCost.PROMPT, 0.5);
        assertThatThrownBy(() -> new ScoringSettings(1, 1, 1, costs, d.severities(), d.metricSeverity(),
                d.higherIsBetter())).hasMessageContaining("fix cost PROMPT needs a cost between 1 and 1000");
    }
}
