package dev.turnloop.metrics.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class VerdictPolicyTest {

    @Test
    void mixingVarianceFollowsTheConfseqRuleForThePlannedVolume() {
        // Given alpha 0.05, of which 0.025 is spent by the one-sided interim e-process, and 500 per arm planned
        // When
        var policy = VerdictPolicy.of(0.05, 100, 500);

        // Then tau^2 = V * (2 log(1/0.05) + log(1 + 2 log(1/0.05))) with V = 1/4 * 2 / 500 (confseq best_rho)
        double l = 2 * Math.log(20);
        assertThat(policy.mixingVariance()).isCloseTo(0.001 * (l + Math.log(1 + l)), within(1e-12));
    }

    @Test
    void rejectsParametersThatCannotDescribeAPolicy() {
        assertThatThrownBy(() -> VerdictPolicy.of(0.0, 100, 500)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VerdictPolicy.of(0.05, 600, 500)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VerdictPolicy(0.05, 100, 500, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void countsRejectMoreSuccessesThanConversations() {
        assertThatThrownBy(() -> ArmCounts.of(10, 11)).isInstanceOf(IllegalArgumentException.class);
    }
}
