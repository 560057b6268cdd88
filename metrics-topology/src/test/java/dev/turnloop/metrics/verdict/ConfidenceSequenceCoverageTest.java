package dev.turnloop.metrics.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ConfidenceSequenceCoverageTest {

    private static final double[] BASE = {0.45, 0.75};
    private static final double[] CONTROL_MIX = {0.3, 0.7};
    private static final double[] TREATMENT_MIX = {0.7, 0.3};
    private static final double TRUE_EFFECT = 0.08;
    private static final int PATHS = 400;
    private static final int BATCH = 25;
    private static final int PLANNED = 500;

    @Test
    void intervalsCoverTheTruthAtEveryLookAtTheAdvertisedRate() {
        // Given cohorts with the same +0.08 effect in both segments but different segment mixes, looked at every
        // 25 conversations per arm up to the planned 500
        var policy = VerdictPolicy.of(0.05, 100, PLANNED);
        var random = new SplittableRandom(20240611L);
        double trueControlRate = CONTROL_MIX[0] * BASE[0] + CONTROL_MIX[1] * BASE[1];
        int effectMisses = 0;
        int controlRateMisses = 0;
        double finalWidth = 0;
        double advertisedLevel = 0;

        // When every look's intervals are checked against the truth
        for (int path = 0; path < PATHS; path++) {
            long[][] n = new long[2][2];
            long[][] s = new long[2][2];
            boolean effectMissed = false;
            boolean controlMissed = false;
            VerdictResult result = null;
            for (int perArm = BATCH; perArm <= PLANNED; perArm += BATCH) {
                addBatch(n[0], s[0], CONTROL_MIX, 0, random);
                addBatch(n[1], s[1], TREATMENT_MIX, TRUE_EFFECT, random);
                result = VerdictEngine.evaluate(comparison(n, s), List.of(), policy);
                effectMissed |= TRUE_EFFECT < result.effectCiLow() || TRUE_EFFECT > result.effectCiHigh();
                controlMissed |= trueControlRate < result.control().ciLow() || trueControlRate > result.control().ciHigh();
            }
            effectMisses += effectMissed ? 1 : 0;
            controlRateMisses += controlMissed ? 1 : 0;
            finalWidth += result.effectCiHigh() - result.effectCiLow();
            advertisedLevel = result.confidenceLevel();
        }

        // Then the fraction of paths missed at any look stays within 1 - level, and the intervals are informative
        double allowedMissRate = 1 - advertisedLevel;
        assertThat(effectMisses / (double) PATHS).isLessThanOrEqualTo(allowedMissRate);
        assertThat(controlRateMisses / (double) PATHS).isLessThanOrEqualTo(allowedMissRate);
        assertThat(finalWidth / PATHS).isLessThan(0.2);
    }

    private static void addBatch(long[] n, long[] s, double[] mix, double effect, SplittableRandom random) {
        for (int i = 0; i < BATCH; i++) {
            int segment = random.nextDouble() < mix[0] ? 0 : 1;
            n[segment]++;
            if (random.nextDouble() < BASE[segment] + effect) {
                s[segment]++;
            }
        }
    }

    private static IntentComparison comparison(long[][] n, long[][] s) {
        var segments = new ArrayList<SegmentCounts>();
        for (int segment = 0; segment < 2; segment++) {
            segments.add(new SegmentCounts("segment-" + segment,
                    ArmCounts.of(n[0][segment], s[0][segment]), ArmCounts.of(n[1][segment], s[1][segment])));
        }
        return new IntentComparison("setup-sso", "completion_rate", Direction.UP, "v1", "v2", segments);
    }
}
