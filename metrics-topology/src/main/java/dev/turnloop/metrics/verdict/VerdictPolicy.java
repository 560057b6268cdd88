package dev.turnloop.metrics.verdict;

/**
 * The product's decision rule parameters.
 *
 * @param alpha               error budget of each kind of claim: P(KEEP without a real improvement) &lt;= alpha and
 *                            P(REVERT because of a regression that is not real) &lt;= alpha
 * @param minVolumePerArm     no decision before both arms have this many segment-matched conversations
 * @param plannedVolumePerArm matched conversations per arm after which a change that did not help is reverted
 * @param mixingVariance      variance of the normal mixing distribution over effect sizes (rate-difference units);
 *                            sets where the anytime-valid evidence is sharpest
 */
public record VerdictPolicy(double alpha, long minVolumePerArm, long plannedVolumePerArm, double mixingVariance) {

    public VerdictPolicy {
        if (!(alpha > 0 && alpha < 0.5)) {
            throw new IllegalArgumentException("alpha must be in (0, 0.5), got " + alpha);
        }
        if (minVolumePerArm < 1 || plannedVolumePerArm < minVolumePerArm) {
            throw new IllegalArgumentException("need 1 <= minVolumePerArm <= plannedVolumePerArm, got "
                    + minVolumePerArm + " and " + plannedVolumePerArm);
        }
        if (!(mixingVariance > 0 && Double.isFinite(mixingVariance))) {
            throw new IllegalArgumentException("mixingVariance must be positive, got " + mixingVariance);
        }
    }

    /**
     * A policy whose mixing variance makes the evidence sharpest at the planned volume, by the rule of Howard et al.
     * (2021) as coded in confseq's {@code OneSidedNormalMixture::best_rho}. It uses the largest possible variance of a
     * rate difference at that volume (both rates 1/2), so the choice never looks at the data.
     */
    public static VerdictPolicy of(double alpha, long minVolumePerArm, long plannedVolumePerArm) {
        double worstVarianceAtPlannedVolume = 0.5 / plannedVolumePerArm;
        double mixingVariance = SequentialEvidence.optimalMixingVariance(
                worstVarianceAtPlannedVolume, 2 * SequentialEvidence.interimAlpha(alpha));
        return new VerdictPolicy(alpha, minVolumePerArm, plannedVolumePerArm, mixingVariance);
    }
}
