package dev.turnloop.metrics.verdict;

import java.util.List;

/**
 * A verdict with every number that led to it, ready to be mapped onto the Avro {@code CohortVerdict}.
 *
 * @param effect            segment-matched difference treatment - control of the target metric
 * @param confidenceLevel   simultaneous coverage of the arm and effect intervals over all looks (1 - 2 alpha)
 * @param eValue            evidence that the target moved the expected way; significant when &gt;= eValueThreshold
 * @param eValueThreshold   1 / alpha
 * @param otherIntentsCheckedForRegression other intents that had the minimum volume and so were checked
 */
public record VerdictResult(
        Verdict verdict,
        String reason,
        String targetIntentId,
        String metric,
        Direction direction,
        ArmSummary control,
        ArmSummary treatment,
        double effect,
        double effectCiLow,
        double effectCiHigh,
        double confidenceLevel,
        double eValue,
        double eValueThreshold,
        List<Regression> regressions,
        int otherIntentsCheckedForRegression) {

    public VerdictResult {
        regressions = List.copyOf(regressions);
    }
}
