package dev.turnloop.metrics.breach;

import dev.turnloop.metrics.verdict.Direction;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * One-sided z-tests on rates, in the direction that means "worse".
 *
 * @param statistic z, signed so that positive means worse
 * @param pValue    one-sided p-value of "not worse"
 */
public record ProportionTest(double statistic, double pValue) {

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);
    static final ProportionTest NONE = new ProportionTest(0, 1);

    /**
     * Two-proportion z-test with the pooled variance: is {@code events / n} worse than {@code baselineEvents /
     * baselineN}, where {@code better} is the direction of improvement.
     */
    public static ProportionTest worseThanBaseline(long events, long n, long baselineEvents, long baselineN,
            Direction better) {
        if (n == 0 || baselineN == 0) {
            return NONE;
        }
        double pooled = (double) (events + baselineEvents) / (n + baselineN);
        double standardError = Math.sqrt(pooled * (1 - pooled) * (1.0 / n + 1.0 / baselineN));
        if (standardError == 0) {
            return NONE; // both all-events or both no-events: identical rates
        }
        double difference = (double) events / n - (double) baselineEvents / baselineN;
        return of(-better.sign() * difference / standardError);
    }

    /**
     * One-sample z-test of a rate against a threshold it is compared with, positive on the firing side
     * ({@code firesAbove}); the variance is the threshold's, as under the null "the true rate is the threshold".
     */
    public static ProportionTest beyondThreshold(double rate, long n, double threshold, boolean firesAbove) {
        double variance = threshold * (1 - threshold) / n;
        if (n == 0 || variance <= 0) {
            return NONE;
        }
        return of((firesAbove ? 1 : -1) * (rate - threshold) / Math.sqrt(variance));
    }

    private static ProportionTest of(double z) {
        return new ProportionTest(z, 1 - STANDARD_NORMAL.cumulativeProbability(z));
    }
}
