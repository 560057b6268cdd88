package dev.turnloop.intent.eval;

import java.util.Arrays;

/**
 * Minimum-cost assignment of rows to columns (Kuhn-Munkres with row and column potentials, O(n^2 m)), used to match
 * clusters to gold classes one-to-one for clustering accuracy.
 */
public final class HungarianAlgorithm {

    private HungarianAlgorithm() {
    }

    /**
     * Assigns each row of a rectangular cost matrix to a distinct column (or each column to a distinct row, when there
     * are more rows than columns) so that the total cost is minimal.
     *
     * @return for each row, its column, or -1 for a row left out because there are fewer columns than rows
     */
    public static int[] minimumCostAssignment(double[][] cost) {
        int rows = cost.length;
        int columns = rows == 0 ? 0 : cost[0].length;
        if (rows == 0 || columns == 0) {
            int[] none = new int[rows];
            Arrays.fill(none, -1);
            return none;
        }
        if (rows <= columns) {
            return solve(cost, rows, columns, false);
        }
        int[] columnToRow = solve(cost, columns, rows, true);
        int[] rowToColumn = new int[rows];
        Arrays.fill(rowToColumn, -1);
        for (int column = 0; column < columns; column++) {
            rowToColumn[columnToRow[column]] = column;
        }
        return rowToColumn;
    }

    /** Shortest augmenting paths with potentials u (rows) and v (columns); n <= m. Index 0 is a sentinel. */
    private static int[] solve(double[][] cost, int n, int m, boolean transposed) {
        double[] u = new double[n + 1];
        double[] v = new double[m + 1];
        int[] rowOfColumn = new int[m + 1];
        int[] way = new int[m + 1];
        for (int row = 1; row <= n; row++) {
            rowOfColumn[0] = row;
            int column = 0;
            double[] minimum = new double[m + 1];
            Arrays.fill(minimum, Double.POSITIVE_INFINITY);
            boolean[] used = new boolean[m + 1];
            do {
                used[column] = true;
                int currentRow = rowOfColumn[column];
                double delta = Double.POSITIVE_INFINITY;
                int next = 0;
                for (int j = 1; j <= m; j++) {
                    if (!used[j]) {
                        double c = (transposed ? cost[j - 1][currentRow - 1] : cost[currentRow - 1][j - 1])
                                - u[currentRow] - v[j];
                        if (c < minimum[j]) {
                            minimum[j] = c;
                            way[j] = column;
                        }
                        if (minimum[j] < delta) {
                            delta = minimum[j];
                            next = j;
                        }
                    }
                }
                for (int j = 0; j <= m; j++) {
                    if (used[j]) {
                        u[rowOfColumn[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minimum[j] -= delta;
                    }
                }
                column = next;
            } while (rowOfColumn[column] != 0);
            do {
                int previous = way[column];
                rowOfColumn[column] = rowOfColumn[previous];
                column = previous;
            } while (column != 0);
        }
        int[] assignment = new int[n];
        for (int j = 1; j <= m; j++) {
            if (rowOfColumn[j] != 0) {
                assignment[rowOfColumn[j] - 1] = j - 1;
            }
        }
        return assignment;
    }
}
