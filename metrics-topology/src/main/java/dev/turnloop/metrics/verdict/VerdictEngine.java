package dev.turnloop.metrics.verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Judges a shipped change from segment-matched cohort counts: KEEP when the target intent's metric moved the
 * expected way significantly and no intent regressed; REVERT when something regressed significantly, or when the
 * planned volume is reached without a significant improvement; NEED_MORE_DATA otherwise.
 *
 * <p>Stateless and deterministic: the evidence depends only on the current counts, so a processor may call it after
 * every update (see {@link SequentialEvidence} for why that does not inflate errors). Regressions are looked for
 * among the target's wrong-way movement and every other intent with the minimum volume, corrected together by
 * e-BH. The first KEEP or REVERT is final.
 */
public final class VerdictEngine {

    private VerdictEngine() {
    }

    public static VerdictResult evaluate(IntentComparison target, List<IntentComparison> others, VerdictPolicy policy) {
        var evidence = new SequentialEvidence(policy);
        var difference = StratifiedDifference.of(target);
        boolean finalAnalysis = difference.hasPerArm(policy.plannedVolumePerArm());
        int sign = target.direction().sign();
        double improvementE = evidence.eValue(sign * difference.effect(), difference.variance(), finalAnalysis);
        var numbers = new Numbers(target, difference, evidence,
                evidence.interval(difference.effect(), difference.variance(), finalAnalysis), improvementE);

        if (!difference.hasPerArm(policy.minVolumePerArm())) {
            return numbers.result(Verdict.NEED_MORE_DATA, String.format(Locale.ROOT,
                    "need %d matched conversations per arm before judging; have control %d, treatment %d",
                    policy.minVolumePerArm(), difference.control(), difference.treatment()), List.of(), 0);
        }

        var candidates = new ArrayList<Candidate>();
        candidates.add(new Candidate(target, difference));
        for (IntentComparison other : others) {
            var otherDifference = StratifiedDifference.of(other);
            if (otherDifference.hasPerArm(policy.minVolumePerArm())) {
                candidates.add(new Candidate(other, otherDifference));
            }
        }
        List<Regression> regressions = regressions(candidates, evidence, policy.alpha(), finalAnalysis);
        int othersChecked = candidates.size() - 1;

        if (!regressions.isEmpty()) {
            return numbers.result(Verdict.REVERT, "regressed: " + describe(regressions), regressions, othersChecked);
        }
        String movement = numbers.describeMovement();
        if (improvementE >= evidence.threshold()) {
            return numbers.result(Verdict.KEEP, String.format(Locale.ROOT,
                    "%s moved %s significantly: %s; no regression among %d other intent(s) checked",
                    target.metric(), target.direction().name().toLowerCase(Locale.ROOT), movement, othersChecked),
                    regressions, othersChecked);
        }
        if (finalAnalysis) {
            return numbers.result(Verdict.REVERT, String.format(Locale.ROOT,
                    "planned volume of %d per arm reached and %s did not move %s significantly: %s",
                    policy.plannedVolumePerArm(), target.metric(),
                    target.direction().name().toLowerCase(Locale.ROOT), movement), regressions, othersChecked);
        }
        return numbers.result(Verdict.NEED_MORE_DATA, String.format(Locale.ROOT,
                "not significant yet at %d/%d of the planned %d per arm: %s",
                difference.control(), difference.treatment(), policy.plannedVolumePerArm(), movement),
                regressions, othersChecked);
    }

    /** An intent tested for harm, with its segment-matched difference. */
    private record Candidate(IntentComparison comparison, StratifiedDifference difference) {
        double harmEValue(SequentialEvidence evidence, boolean finalAnalysis) {
            double harm = -comparison.direction().sign() * difference.effect();
            return evidence.eValue(harm, difference.variance(), finalAnalysis);
        }
    }

    private static List<Regression> regressions(
            List<Candidate> candidates, SequentialEvidence evidence, double alpha, boolean finalAnalysis) {
        double[] harmE = candidates.stream().mapToDouble(c -> c.harmEValue(evidence, finalAnalysis)).toArray();
        var selection = EBenjaminiHochberg.select(harmE, alpha);
        return selection.rejected().stream().map(i -> {
            Candidate c = candidates.get(i);
            return new Regression(c.comparison().intentId(), c.comparison().metric(), c.difference().effect(),
                    harmE[i], selection.threshold());
        }).toList();
    }

    private static String describe(List<Regression> regressions) {
        var parts = new ArrayList<String>();
        for (Regression r : regressions) {
            parts.add(String.format(Locale.ROOT, "intent %s %s %+.3f (e=%.3g >= %.3g)",
                    r.intentId(), r.metric(), r.effect(), r.eValue(), r.adjustedThreshold()));
        }
        return String.join("; ", parts);
    }

    /** The numbers every verdict carries, whatever it says. */
    private record Numbers(IntentComparison target, StratifiedDifference difference, SequentialEvidence evidence,
                           SequentialEvidence.Interval effectInterval, double eValue) {

        VerdictResult result(Verdict verdict, String reason, List<Regression> regressions, int othersChecked) {
            return new VerdictResult(verdict, reason, target.intentId(), target.metric(), target.direction(),
                    arm(target.controlVersion(), target.controlTotal()),
                    arm(target.treatmentVersion(), target.treatmentTotal()),
                    difference.effect(), effectInterval.low(), effectInterval.high(), evidence.confidenceLevel(),
                    eValue, evidence.threshold(), regressions, othersChecked);
        }

        String describeMovement() {
            return String.format(Locale.ROOT, "matched effect %+.3f [%+.3f, %+.3f] (%.0f%% anytime CI), e=%.3g vs %.3g",
                    difference.effect(), effectInterval.low(), effectInterval.high(),
                    100 * evidence.confidenceLevel(), eValue, evidence.threshold());
        }

        private ArmSummary arm(String version, ArmCounts counts) {
            var interval = evidence.rateInterval(counts);
            return new ArmSummary(version, counts.conversations(), counts.successes(), counts.rate(),
                    interval.low(), interval.high());
        }
    }
}
