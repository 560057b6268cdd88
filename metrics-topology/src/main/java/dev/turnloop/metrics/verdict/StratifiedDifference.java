package dev.turnloop.metrics.verdict;

/**
 * The Mantel-Haenszel risk difference: treatment - control rate differences computed within each segment and
 * averaged with weights n_c * n_t / (n_c + n_t). Comparing within segments keeps a different user mix in the two
 * arms (more new trial users on the new version, say) from posing as an effect of the change.
 *
 * @param effect    weighted treatment - control difference; 0 when no segment is in both arms
 * @param variance  its estimated variance; infinite when no segment is in both arms
 * @param control   control conversations in segments seen in both arms
 * @param treatment treatment conversations in segments seen in both arms
 */
record StratifiedDifference(double effect, double variance, long control, long treatment) {

    static StratifiedDifference of(IntentComparison comparison) {
        double weightSum = 0;
        double weightedDifference = 0;
        double weightedVariance = 0;
        long control = 0;
        long treatment = 0;
        for (SegmentCounts segment : comparison.segments()) {
            if (!segment.matched()) {
                continue;
            }
            ArmCounts c = segment.control();
            ArmCounts t = segment.treatment();
            double weight = (double) c.conversations() * t.conversations() / (c.conversations() + t.conversations());
            weightSum += weight;
            weightedDifference += weight * (t.rate() - c.rate());
            weightedVariance += weight * weight * (binomialVariance(t) + binomialVariance(c));
            control += c.conversations();
            treatment += t.conversations();
        }
        if (weightSum == 0) {
            return new StratifiedDifference(0, Double.POSITIVE_INFINITY, 0, 0);
        }
        return new StratifiedDifference(
                weightedDifference / weightSum, weightedVariance / (weightSum * weightSum), control, treatment);
    }

    /** True when both arms have at least {@code volume} matched conversations. */
    boolean hasPerArm(long volume) {
        return control >= volume && treatment >= volume;
    }

    /**
     * Variance of a rate estimate, with the rate shrunk to the Jeffreys posterior mean (s + 1/2) / (n + 1) so that
     * an arm with no or only successes does not claim zero variance.
     */
    private static double binomialVariance(ArmCounts arm) {
        double shrunk = (arm.successes() + 0.5) / (arm.conversations() + 1.0);
        return shrunk * (1 - shrunk) / arm.conversations();
    }
}
