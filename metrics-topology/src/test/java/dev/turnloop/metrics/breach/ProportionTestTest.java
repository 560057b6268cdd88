package dev.turnloop.metrics.breach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.turnloop.metrics.verdict.Direction;
import org.junit.jupiter.api.Test;

class ProportionTestTest {

    @Test
    void aCompletionDropAgainstItsBaselineMatchesTheTextbookTwoProportionTest() {
        // Given 60 of 100 completed now against 560 of 700 before: pooled 0.775,
        // standard error sqrt(0.775 * 0.225 * (1/100 + 1/700)) = 0.044642, z = -0.2 / 0.044642 = -4.480
        // When
        ProportionTest test = ProportionTest.worseThanBaseline(60, 100, 560, 700, Direction.UP);

        // Then a drop in completion is "worse": the statistic is positive and one-sided p = 1 - Phi(4.480)
        assertThat(test.statistic()).isCloseTo(4.480, within(0.001));
        assertThat(test.pValue()).isCloseTo(3.73e-6, within(0.05e-6));
    }

    @Test
    void anAbandonmentRiseIsWorseAndAFallIsNot() {
        ProportionTest rise = ProportionTest.worseThanBaseline(30, 100, 20, 100, Direction.DOWN);
        ProportionTest fall = ProportionTest.worseThanBaseline(20, 100, 30, 100, Direction.DOWN);

        assertThat(rise.statistic()).isPositive();
        assertThat(rise.pValue()).isLessThan(0.5);
        assertThat(fall.statistic()).isNegative();
        assertThat(fall.pValue()).isGreaterThan(0.5);
        assertThat(rise.pValue() + fall.pValue()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void aRateAboveItsThresholdMatchesTheOneSampleTest() {
        // Given 0.40 on 100 conversations against 0.30: z = 0.10 / sqrt(0.21 / 100) = 2.182, p = 0.01455
        ProportionTest test = ProportionTest.beyondThreshold(0.40, 100, 0.30, true);

        assertThat(test.statistic()).isCloseTo(2.182, within(0.001));
        assertThat(test.pValue()).isCloseTo(0.01455, within(0.0001));
    }

    @Test
    void identicalAllOrNothingRatesCarryNoEvidence() {
        assertThat(ProportionTest.worseThanBaseline(0, 50, 0, 300, Direction.UP)).isEqualTo(ProportionTest.NONE);
        assertThat(ProportionTest.worseThanBaseline(5, 0, 0, 300, Direction.UP)).isEqualTo(ProportionTest.NONE);
    }
}
