package dev.turnloop.metrics.verdict;

import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Evidence about a rate difference that stays valid however often it is looked at, up to and at the planned volume.
 *
 * <p>Alpha is split in two halves (a Haybittle-Peto-style design, with the interim part made anytime-valid):
 * <ul>
 *   <li>interim, at any look: a one-sided normal-mixture e-process (Robbins' mixture with a half-normal mixing
 *       distribution; Howard, Ramdas, McAuliffe and Sekhon, "Time-uniform, nonparametric, nonasymptotic confidence
 *       sequences", Ann. Statist. 2021), used with a plug-in variance as an asymptotic confidence sequence
 *       (Waudby-Smith, Arbour, Sinha, Kennedy and Ramdas, "Time-uniform central limit theory and asymptotic
 *       confidence sequences", Ann. Statist. 2024). By Ville's inequality it crosses 1 / (alpha/2) under "no
 *       improvement" with probability at most alpha/2, whatever the looks. This is Johari et al.'s mSPRT
 *       ("Always valid inference", Oper. Res. 2022) made one-sided.</li>
 *   <li>once, at the planned volume: a fixed-horizon one-sided z-test at level alpha/2.</li>
 * </ul>
 * The union bound keeps each one-sided claim at alpha. The reported e-value is the alpha-weighted sum
 * (1/2) * mixture + (1/2) * (1/(alpha/2)) * 1{z-test passes}, itself an e-process, and it reaches 1/alpha exactly
 * when one of the two parts rejects. Inverting the two one-sided tests gives an interval with simultaneous
 * coverage 1 - 2 alpha. The fixed-horizon part assumes one analysis at the planned volume: once a verdict is final
 * the caller stops looking.
 */
final class SequentialEvidence {

    /** Share of alpha spent on continuous monitoring; the rest goes to the single analysis at the planned volume. */
    private static final double INTERIM_SHARE = 0.5;
    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);
    private static final double ROOT_ACCURACY = 1e-10;
    private static final int ROOT_MAX_EVALUATIONS = 200;

    private final double alpha;
    private final double interimAlpha;
    private final double mixingVariance;
    private final double finalCriticalZ;
    private final double armMixingVarianceScale;

    SequentialEvidence(VerdictPolicy policy) {
        this.alpha = policy.alpha();
        this.interimAlpha = interimAlpha(alpha);
        this.mixingVariance = policy.mixingVariance();
        this.finalCriticalZ = STANDARD_NORMAL.inverseCumulativeProbability(1 - (alpha - interimAlpha));
        // A Bernoulli rate has variance at most 1/4 per conversation: tune the arm intervals for the planned volume.
        this.armMixingVarianceScale = optimalMixingVariance(0.25 / policy.plannedVolumePerArm(), 2 * alpha);
    }

    static double interimAlpha(double alpha) {
        return INTERIM_SHARE * alpha;
    }

    /**
     * Mixing variance that makes a normal-mixture boundary at level {@code level} tightest when the estimate's variance
     * is {@code varianceAtOptimum} (confseq {@code TwoSidedNormalMixture::best_rho}, in rate-difference units).
     */
    static double optimalMixingVariance(double varianceAtOptimum, double level) {
        double logInverse = 2 * Math.log(1 / level);
        return varianceAtOptimum * (logInverse + Math.log(1 + logInverse));
    }

    /** The e-value that counts as significant. */
    double threshold() {
        return 1 / alpha;
    }

    /** Simultaneous coverage of {@link #interval} and {@link #rateInterval}. */
    double confidenceLevel() {
        return 1 - 2 * alpha;
    }

    /**
     * E-value against "the effect is not positive", for an estimate {@code effect} with variance {@code variance}
     * (flip the sign to test the other direction).
     *
     * @param finalAnalysis true at the look where the planned volume is reached
     */
    double eValue(double effect, double variance, boolean finalAnalysis) {
        if (Double.isInfinite(variance)) {
            return interimAlpha / alpha; // no matched data yet: the mixture is still at its starting value 1
        }
        double interim = (interimAlpha / alpha) * Math.exp(logOneSidedMixture(effect, variance));
        double fixedHorizon = finalAnalysis && effect >= finalCriticalZ * Math.sqrt(variance) ? 1 / alpha : 0;
        // Finite even for overwhelming evidence, so JSON and Avro consumers never see Infinity.
        return Math.min(interim + fixedHorizon, Double.MAX_VALUE);
    }

    /** Anytime-valid interval for the true difference, dual to {@link #eValue} in both directions. */
    Interval interval(double effect, double variance, boolean finalAnalysis) {
        if (Double.isInfinite(variance)) {
            return new Interval(-1, 1);
        }
        double margin = interimMargin(variance);
        if (finalAnalysis) {
            margin = Math.min(margin, finalCriticalZ * Math.sqrt(variance));
        }
        return new Interval(Math.max(-1, effect - margin), Math.min(1, effect + margin));
    }

    /**
     * Anytime-valid interval for one arm's rate: the two-sided normal mixture with the sub-Gaussian variance bound
     * 1/(4n) of a Bernoulli mean, which needs no asymptotics.
     */
    Interval rateInterval(ArmCounts arm) {
        if (arm.conversations() == 0) {
            return new Interval(0, 1);
        }
        double variance = 0.25 / arm.conversations();
        double sum = variance + armMixingVarianceScale;
        double halfWidth = Math.sqrt(variance * sum / armMixingVarianceScale
                * (2 * Math.log(1 / (2 * alpha)) + Math.log(sum / variance)));
        return new Interval(Math.max(0, arm.rate() - halfWidth), Math.min(1, arm.rate() + halfWidth));
    }

    /**
     * Log of the one-sided normal mixture: the Gaussian likelihood ratio of effect theta against 0, averaged over a
     * half-normal prior on theta > 0 with variance {@link #mixingVariance}.
     */
    private double logOneSidedMixture(double effect, double variance) {
        double sum = variance + mixingVariance;
        double standardised = effect * Math.sqrt(mixingVariance / (variance * sum));
        return Math.log(2) + 0.5 * Math.log(variance / sum)
                + effect * effect * mixingVariance / (2 * variance * sum)
                + Math.log(STANDARD_NORMAL.cumulativeProbability(standardised));
    }

    /** Smallest distance from the estimate at which the interim e-process rejects. */
    private double interimMargin(double variance) {
        double logThreshold = Math.log(1 / interimAlpha);
        double upper = Math.sqrt(variance);
        while (logOneSidedMixture(upper, variance) < logThreshold) {
            upper *= 2;
        }
        return new BrentSolver(ROOT_ACCURACY).solve(ROOT_MAX_EVALUATIONS,
                x -> logOneSidedMixture(x, variance) - logThreshold, 0, upper);
    }

    /** A closed interval. */
    record Interval(double low, double high) {
    }
}
