package dev.turnloop.metrics.verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Measures the verdict rule's error rates on simulated cohorts. Conversations arrive in batches of 25 per arm with a
 * look after every batch, up to the planned 500 per arm. Users come from three segments with different base rates,
 * and the new version sees far more new trial users than the old one, so a comparison that ignored segments would
 * be biased by about -0.1. Two other intents, with no effect, are watched for regressions. A run ends at the first
 * KEEP or REVERT.
 */
public final class VerdictSimulation {

    static final String METHOD = "Mantel-Haenszel stratified rate difference; one-sided normal-mixture e-process"
            + " (Howard et al. 2021; asymptotic CS, Waudby-Smith et al. 2024) at alpha/2 for continuous looks plus a"
            + " z-test at alpha/2 at the planned volume; e-BH (Wang & Ramdas 2022) over regressions";

    static final int BATCH_PER_ARM = 25;
    static final long MIN_VOLUME_PER_ARM = 100;
    static final long PLANNED_VOLUME_PER_ARM = 500;
    static final double ALPHA = 0.05;
    static final double EFFECT = 0.10;

    private static final String[] SEGMENTS = {"plan=trial,user=new", "plan=pro,user=returning", "plan=free,user=returning"};
    private static final double[] CONTROL_MIX = {0.2, 0.5, 0.3};
    private static final double[] TREATMENT_MIX = {0.5, 0.2, 0.3};
    /** Target completion rate per segment: its plain average is 0.60, as in "0.60 -> 0.70". */
    private static final double[] TARGET_BASE = {0.40, 0.75, 0.65};

    private static final List<SimulatedIntent> OTHER_INTENTS = List.of(
            new SimulatedIntent("billing-question", "abandonment_rate", Direction.DOWN, new double[] {0.30, 0.12, 0.20}),
            new SimulatedIntent("export-data", "completion_rate", Direction.UP, new double[] {0.55, 0.85, 0.70}));

    private VerdictSimulation() {
    }

    /** Runs {@code simulations} cohorts per scenario (no effect, +10 points, -10 points); same seed, same report. */
    public static SimulationReport run(int simulations, long seed) {
        if (simulations < 1) {
            throw new IllegalArgumentException("simulations must be positive, got " + simulations);
        }
        var policy = VerdictPolicy.of(ALPHA, MIN_VOLUME_PER_ARM, PLANNED_VOLUME_PER_ARM);
        var random = new SplittableRandom(seed);
        var noEffect = scenario("no_effect", 0, simulations, policy, random.split());
        var lift = scenario("lift", EFFECT, simulations, policy, random.split());
        var drop = scenario("drop", -EFFECT, simulations, policy, random.split());
        var all = List.of(noEffect, lift, drop);
        return new SimulationReport(simulations, seed, METHOD,
                noEffect.keepRate(), lift.keepRate(), drop.revertRate(),
                all.stream().mapToDouble(SimulationReport.Scenario::averageLooks).average().orElseThrow(),
                all.stream().mapToDouble(SimulationReport.Scenario::averageConversationsPerArm).average().orElseThrow(),
                all);
    }

    private static SimulationReport.Scenario scenario(
            String name, double effect, int simulations, VerdictPolicy policy, SplittableRandom random) {
        var target = new SimulatedIntent("target", "completion_rate", Direction.UP, TARGET_BASE);
        int keep = 0;
        int revert = 0;
        int regressionRevert = 0;
        long looks = 0;
        long conversations = 0;
        for (int run = 0; run < simulations; run++) {
            var ending = simulateRun(target, effect, policy, random);
            looks += ending.looks();
            conversations += ending.conversationsPerArm();
            switch (ending.result().verdict()) {
                case KEEP -> keep++;
                case REVERT -> {
                    revert++;
                    if (!ending.result().regressions().isEmpty()) {
                        regressionRevert++;
                    }
                }
                case NEED_MORE_DATA -> { }
            }
        }
        double n = simulations;
        return new SimulationReport.Scenario(name, effect, keep / n, revert / n, (simulations - keep - revert) / n,
                regressionRevert / n, looks / n, conversations / n);
    }

    private record Ending(VerdictResult result, int looks, long conversationsPerArm) {
    }

    private static Ending simulateRun(SimulatedIntent target, double effect, VerdictPolicy policy, SplittableRandom random) {
        var targetCounts = new Cohort(target, effect);
        var otherCounts = OTHER_INTENTS.stream().map(intent -> new Cohort(intent, 0)).toList();
        VerdictResult result = null;
        int looks = 0;
        for (long perArm = 0; perArm < PLANNED_VOLUME_PER_ARM; perArm += BATCH_PER_ARM) {
            targetCounts.addBatch(random);
            otherCounts.forEach(cohort -> cohort.addBatch(random));
            looks++;
            result = VerdictEngine.evaluate(targetCounts.comparison(),
                    otherCounts.stream().map(Cohort::comparison).toList(), policy);
            if (result.verdict() != Verdict.NEED_MORE_DATA) {
                return new Ending(result, looks, perArm + BATCH_PER_ARM);
            }
        }
        return new Ending(result, looks, PLANNED_VOLUME_PER_ARM);
    }

    /** An intent's metric with a base rate per segment, identical in both arms before any effect. */
    private record SimulatedIntent(String id, String metric, Direction direction, double[] baseRates) {
    }

    /** Running per-segment counts of one intent in both arms. */
    private static final class Cohort {
        private final SimulatedIntent intent;
        private final double[] treatmentRates;
        private final long[][] conversations = new long[2][SEGMENTS.length];
        private final long[][] successes = new long[2][SEGMENTS.length];

        Cohort(SimulatedIntent intent, double effect) {
            this.intent = intent;
            this.treatmentRates = new double[SEGMENTS.length];
            for (int s = 0; s < SEGMENTS.length; s++) {
                treatmentRates[s] = Math.min(1, Math.max(0, intent.baseRates()[s] + effect));
            }
        }

        void addBatch(SplittableRandom random) {
            addArm(0, CONTROL_MIX, intent.baseRates(), random);
            addArm(1, TREATMENT_MIX, treatmentRates, random);
        }

        private void addArm(int arm, double[] mix, double[] rates, SplittableRandom random) {
            for (int i = 0; i < BATCH_PER_ARM; i++) {
                int segment = drawSegment(mix, random);
                conversations[arm][segment]++;
                if (random.nextDouble() < rates[segment]) {
                    successes[arm][segment]++;
                }
            }
        }

        private static int drawSegment(double[] mix, SplittableRandom random) {
            double u = random.nextDouble();
            for (int s = 0; s < mix.length - 1; s++) {
                u -= mix[s];
                if (u < 0) {
                    return s;
                }
            }
            return mix.length - 1;
        }

        IntentComparison comparison() {
            var segments = new ArrayList<SegmentCounts>();
            for (int s = 0; s < SEGMENTS.length; s++) {
                segments.add(new SegmentCounts(SEGMENTS[s],
                        ArmCounts.of(conversations[0][s], successes[0][s]),
                        ArmCounts.of(conversations[1][s], successes[1][s])));
            }
            return new IntentComparison(intent.id(), intent.metric(), intent.direction(), "v1", "v2", segments);
        }
    }
}
