package dev.turnloop.metrics.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class VerdictSimulationTest {

    @Test
    void continuousLooksMeetTheProductGoals() {
        // Given 300 simulated cohorts per scenario, looked at after every batch
        // When
        var report = VerdictSimulation.run(300, 7L);

        // Then
        assertThat(report.falseKeepRate()).isLessThanOrEqualTo(0.05);
        assertThat(report.power()).isGreaterThanOrEqualTo(0.80);
        assertThat(report.harmDetection()).isGreaterThanOrEqualTo(0.80);
        assertThat(report.scenarios()).extracting(SimulationReport.Scenario::name)
                .containsExactly("no_effect", "lift", "drop");
        assertThat(report.scenarios()).allSatisfy(s -> {
            assertThat(s.keepRate() + s.revertRate() + s.needMoreDataRate()).isCloseTo(1.0, within(1e-9));
            assertThat(s.averageLooks()).isBetween(1.0, 20.0);
            assertThat(s.averageConversationsPerArm()).isBetween(100.0, 500.0);
        });
    }

    @Test
    void sameSeedGivesTheSameReport() {
        // Given / When
        var first = VerdictSimulation.run(20, 42L);
        var second = VerdictSimulation.run(20, 42L);

        // Then
        assertThat(second).isEqualTo(first);
    }

    @Test
    void jsonUsesTheKeysTheCommandLinePrints() throws Exception {
        // Given
        var report = VerdictSimulation.run(5, 1L);

        // When
        var json = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(report));

        // Then
        assertThat(json.has("false_keep_rate")).isTrue();
        assertThat(json.has("power")).isTrue();
        assertThat(json.has("harm_detection")).isTrue();
        assertThat(json.has("average_looks")).isTrue();
        assertThat(json.has("average_conversations_per_arm")).isTrue();
        assertThat(json.get("scenarios").get(0).has("regression_revert_rate")).isTrue();
        assertThat(json.get("simulations").asInt()).isEqualTo(5);
    }
}
