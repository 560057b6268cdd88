package dev.turnloop.metrics.verdict;

/**
 * How many conversations one arm had in one segment, and in how many of them the metric's event happened
 * ("successes": completed for a completion rate, abandoned for an abandonment rate).
 */
public record ArmCounts(long conversations, long successes) {

    public static final ArmCounts EMPTY = new ArmCounts(0, 0);

    public ArmCounts {
        if (conversations < 0 || successes < 0 || successes > conversations) {
            throw new IllegalArgumentException(
                    "need 0 <= successes <= conversations, got " + successes + " of " + conversations);
        }
    }

    public static ArmCounts of(long conversations, long successes) {
        return new ArmCounts(conversations, successes);
    }

    /** Observed rate; 0 when the arm is empty. */
    public double rate() {
        return conversations == 0 ? 0.0 : (double) successes / conversations;
    }

    public ArmCounts plus(ArmCounts other) {
        return new ArmCounts(conversations + other.conversations, successes + other.successes);
    }
}
