package dev.turnloop.metrics.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EBenjaminiHochbergTest {

    @Test
    void rejectsTheLargestEValuesUpToTheLastThatClearsItsStep() {
        // Given three e-values at alpha 0.05: steps are 3/(0.05k) = 60, 30, 20
        double[] eValues = {30, 5, 100};

        // When
        var selection = EBenjaminiHochberg.select(eValues, 0.05);

        // Then 100 >= 60 and 30 >= 30, but 5 < 20
        assertThat(selection.rejected()).containsExactly(2, 0);
        assertThat(selection.threshold()).isEqualTo(30.0);
    }

    @Test
    void rejectsNothingWhenNoEValueClearsTheMultiplicityCorrectedThreshold() {
        // Given e-values 30 and 15: the first step needs one of them >= 40, the second needs both >= 20
        double[] eValues = {30, 15};

        // When
        var selection = EBenjaminiHochberg.select(eValues, 0.05);

        // Then
        assertThat(selection.rejected()).isEmpty();
    }

    @Test
    void laterStepCanRescueEValuesThatFailEarlierSteps() {
        // Given two e-values of 25: the first step needs 40, the second only 20
        double[] eValues = {25, 25};

        // When
        var selection = EBenjaminiHochberg.select(eValues, 0.05);

        // Then both are rejected at threshold 20
        assertThat(selection.rejected()).containsExactlyInAnyOrder(0, 1);
        assertThat(selection.threshold()).isEqualTo(20.0);
    }
}
