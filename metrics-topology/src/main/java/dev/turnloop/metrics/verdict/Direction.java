package dev.turnloop.metrics.verdict;

/** Which way a metric should move for a change to count as an improvement (completion UP, abandonment DOWN). */
public enum Direction {
    UP(1),
    DOWN(-1);

    private final int sign;

    Direction(int sign) {
        this.sign = sign;
    }

    /** +1 or -1: multiplying a treatment-minus-control difference by it gives the improvement. */
    public int sign() {
        return sign;
    }
}
