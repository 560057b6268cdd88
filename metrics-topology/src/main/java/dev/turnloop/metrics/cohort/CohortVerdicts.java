package dev.turnloop.metrics.cohort;

import dev.turnloop.metrics.verdict.ArmSummary;
import dev.turnloop.metrics.verdict.VerdictResult;
import dev.turnloop.schemas.Arm;
import dev.turnloop.schemas.ChangeEvent;
import dev.turnloop.schemas.CohortVerdict;
import dev.turnloop.schemas.Regression;
import dev.turnloop.schemas.Verdict;
import java.time.Instant;

/** Maps a {@link VerdictResult} onto the published Avro {@link CohortVerdict}. */
final class CohortVerdicts {

    private CohortVerdicts() {
    }

    static CohortVerdict of(ChangeEvent change, VerdictResult result, long decidedAt) {
        return CohortVerdict.newBuilder()
                .setChangeId(change.getChangeId())
                .setItemId(change.getItemId())
                .setVerdict(Verdict.valueOf(result.verdict().name()))
                .setReason(result.reason())
                .setTargetIntentId(result.targetIntentId())
                .setTargetMetric(result.metric())
                .setControl(arm(result.control()))
                .setTreatment(arm(result.treatment()))
                .setEffect(result.effect())
                .setEffectCiLow(result.effectCiLow())
                .setEffectCiHigh(result.effectCiHigh())
                .setEValue(result.eValue())
                .setRegressions(result.regressions().stream().map(r -> Regression.newBuilder()
                        .setIntentId(r.intentId())
                        .setMetric(r.metric())
                        .setEffect(r.effect())
                        .setEValue(r.eValue())
                        .setAdjustedThreshold(r.adjustedThreshold())
                        .build()).toList())
                .setDecidedAt(Instant.ofEpochMilli(decidedAt))
                .build();
    }

    private static Arm arm(ArmSummary summary) {
        return Arm.newBuilder()
                .setVersion(summary.version())
                .setConversations(summary.conversations())
                .setSuccesses(summary.successes())
                .setRate(summary.rate())
                .setCiLow(summary.ciLow())
                .setCiHigh(summary.ciHigh())
                .build();
    }
}
