package dev.turnloop.intent.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HungarianAlgorithmTest {

    @Test
    void findsTheCheapestAssignmentOfASquareMatrix() {
        // Given a matrix whose row minima (column 1, 1, 1) collide, so that greedy choice fails
        double[][] cost = {
                {4, 1, 3},
                {2, 0, 5},
                {3, 2, 2}};

        // When assigned
        int[] assignment = HungarianAlgorithm.minimumCostAssignment(cost);

        // Then the optimum 1 + 2 + 2 = 5 is found: row 0 -> column 1, row 1 -> column 0, row 2 -> column 2
        assertThat(assignment).containsExactly(1, 0, 2);
    }

    @Test
    void agreesWithBruteForceOnAFourByFourMatrix() {
        // Given a 4x4 matrix where taking each row's minimum in turn (69, 37, 5, 8) is not a valid assignment
        double[][] cost = {
                {82, 83, 69, 92},
                {77, 37, 49, 92},
                {11, 69, 5, 86},
                {8, 9, 98, 23}};

        // When assigned
        int[] assignment = HungarianAlgorithm.minimumCostAssignment(cost);

        // Then the total is the brute-force optimum 140 (69 + 37 + 11 + 23)
        assertThat(assignment).containsExactly(2, 1, 0, 3);
        assertThat(total(cost, assignment)).isEqualTo(bruteForceMinimum(cost));
    }

    @Test
    void leavesOutTheWorstRowWhenThereAreMoreRowsThanColumns() {
        // Given three rows competing for two columns
        double[][] cost = {
                {1, 9},
                {9, 1},
                {5, 5}};

        // When assigned, then the third row is left out (-1) and the other two take their cheap column
        assertThat(HungarianAlgorithm.minimumCostAssignment(cost)).containsExactly(0, 1, -1);
    }

    @Test
    void usesTheCheapestColumnsWhenThereAreMoreColumnsThanRows() {
        // Given two rows and three columns
        double[][] cost = {
                {7, 2, 3},
                {1, 2, 8}};

        // When assigned, then each row takes a distinct column, for a total of 2 + 1
        assertThat(HungarianAlgorithm.minimumCostAssignment(cost)).containsExactly(1, 0);
    }

    @Test
    void agreesWithBruteForceOnRandomMatricesOfEveryShape() {
        // Given random integer matrices, square, wide and tall
        Random random = new Random(11);
        for (int[] shape : new int[][] {{6, 6}, {4, 6}, {6, 4}, {1, 5}, {5, 1}}) {
            for (int trial = 0; trial < 20; trial++) {
                double[][] cost = new double[shape[0]][shape[1]];
                for (double[] row : cost) {
                    for (int j = 0; j < row.length; j++) {
                        row[j] = random.nextInt(20);
                    }
                }

                // When assigned
                int[] assignment = HungarianAlgorithm.minimumCostAssignment(cost);

                // Then columns are distinct, min(rows, columns) rows are assigned, and the total is the optimum
                assertThat(Arrays.stream(assignment).filter(c -> c >= 0).distinct().count())
                        .isEqualTo(Math.min(shape[0], shape[1]));
                assertThat(total(cost, assignment)).as("shape %sx%s trial %s", shape[0], shape[1], trial)
                        .isEqualTo(bruteForceMinimum(cost));
            }
        }
    }

    private static double total(double[][] cost, int[] assignment) {
        double sum = 0;
        for (int row = 0; row < assignment.length; row++) {
            if (assignment[row] >= 0) {
                sum += cost[row][assignment[row]];
            }
        }
        return sum;
    }

    /** The cheapest way to match min(rows, columns) pairs, trying every choice. */
    private static double bruteForceMinimum(double[][] cost) {
        int rows = cost.length;
        int columns = cost[0].length;
        return search(cost, 0, new boolean[columns], Math.min(rows, columns), rows - Math.min(rows, columns));
    }

    private static double search(double[][] cost, int row, boolean[] used, int toMatch, int mayLeaveOut) {
        if (toMatch == 0) {
            return 0;
        }
        if (row == cost.length) {
            return Double.POSITIVE_INFINITY;
        }
        double best = mayLeaveOut > 0 ? search(cost, row + 1, used, toMatch, mayLeaveOut - 1) : Double.POSITIVE_INFINITY;
        for (int column = 0; column < used.length; column++) {
            if (!used[column]) {
                used[column] = true;
                best = Math.min(best, cost[row][column] + search(cost, row + 1, used, toMatch - 1, mayLeaveOut));
                used[column] = false;
            }
        }
        return best;
    }
}
