package dev.turnloop.metrics.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictEngineTest {

    private static final VerdictPolicy POLICY = VerdictPolicy.of(0.05, 100, 5_000);

    private static IntentComparison intent(String id, String metric, Direction direction, SegmentCounts... segments) {
        return new IntentComparison(id, metric, direction, "prompt-v1", "prompt-v2", List.of(segments));
    }

    private static SegmentCounts segment(String name, long nControl, long sControl, long nTreatment, long sTreatment) {
        return new SegmentCounts(name, ArmCounts.of(nControl, sControl), ArmCounts.of(nTreatment, sTreatment));
    }

    private static IntentComparison completion(long nControl, long sControl, long nTreatment, long sTreatment) {
        return intent("setup-sso", "completion_rate", Direction.UP,
                segment("plan=trial,user=new", nControl, sControl, nTreatment, sTreatment));
    }

    @Test
    void clearLiftAtLargeVolumeIsKeptWithItsNumbers() {
        // Given completion going from 0.60 to 0.70 on 3000 conversations per arm, before the planned volume
        var target = completion(3_000, 1_800, 3_000, 2_100);

        // When
        var result = VerdictEngine.evaluate(target, List.of(), POLICY);

        // Then
        assertThat(result.verdict()).isEqualTo(Verdict.KEEP);
        assertThat(result.effect()).isCloseTo(0.10, within(1e-9));
        assertThat(result.effectCiLow()).isPositive().isLessThan(0.10);
        assertThat(result.effectCiHigh()).isGreaterThan(0.10);
        assertThat(result.eValue()).isGreaterThanOrEqualTo(result.eValueThreshold());
        assertThat(result.eValueThreshold()).isEqualTo(20.0);
        assertThat(result.confidenceLevel()).isCloseTo(0.90, within(1e-12));
        assertThat(result.regressions()).isEmpty();
        assertThat(result.control()).satisfies(arm -> {
            assertThat(arm.version()).isEqualTo("prompt-v1");
            assertThat(arm.conversations()).isEqualTo(3_000);
            assertThat(arm.successes()).isEqualTo(1_800);
            assertThat(arm.rate()).isEqualTo(0.60);
            assertThat(arm.ciLow()).isLessThan(0.60);
            assertThat(arm.ciHigh()).isGreaterThan(0.60);
        });
        assertThat(result.treatment().version()).isEqualTo("prompt-v2");
        assertThat(result.reason()).contains("completion_rate moved up significantly");
    }

    @Test
    void clearDropIsRevertedAsARegressionOfTheTarget() {
        // Given completion going from 0.60 to 0.50
        var target = completion(3_000, 1_800, 3_000, 1_500);

        // When
        var result = VerdictEngine.evaluate(target, List.of(), POLICY);

        // Then
        assertThat(result.verdict()).isEqualTo(Verdict.REVERT);
        assertThat(result.effect()).isCloseTo(-0.10, within(1e-9));
        assertThat(result.effectCiHigh()).isNegative();
        assertThat(result.regressions()).singleElement().satisfies(r -> {
            assertThat(r.intentId()).isEqualTo("setup-sso");
            assertThat(r.effect()).isCloseTo(-0.10, within(1e-9));
            assertThat(r.eValue()).isGreaterThanOrEqualTo(r.adjustedThreshold());
        });
        assertThat(result.reason()).startsWith("regressed: intent setup-sso");
    }

    @Test
    void tinyVolumeNeedsMoreDataEvenWithAnExtremeDifference() {
        // Given 10 conversations per arm, none completed on the old version and all on the new one
        var target = completion(10, 0, 10, 10);

        // When
        var result = VerdictEngine.evaluate(target, List.of(), POLICY);

        // Then
        assertThat(result.verdict()).isEqualTo(Verdict.NEED_MORE_DATA);
        assertThat(result.reason()).contains("need 100 matched conversations per arm");
        assertThat(result.control().conversations()).isEqualTo(10);
    }

    @Test
    void noMovementBeforeThePlannedVolumeNeedsMoreData() {
        // Given identical rates on 1000 conversations per arm, below the planned 5000
        var target = completion(1_000, 600, 1_000, 600);

        // When
        var result = VerdictEngine.evaluate(target, List.of(), POLICY);

        // Then
        assertThat(result.verdict()).isEqualTo(Verdict.NEED_MORE_DATA);
        assertThat(result.effectCiLow()).isNegative();
        assertThat(result.effectCiHigh()).isPositive();
        assertThat(result.eValue()).isLessThan(1.0);
    }

    @Test
    void noMovementAtThePlannedVolumeIsReverted() {
        // Given identical rates once both arms reached the planned 500 conversations
        var policy = VerdictPolicy.of(0.05, 100, 500);
        var target = completion(500, 300, 510, 306);

        // When
        var result = VerdictEngine.evaluate(target, List.of(), policy);

        // Then
        assertThat(result.verdict()).isEqualTo(Verdict.REVERT);
        assertThat(result.regressions()).isEmpty();
        assertThat(result.reason()).contains("planned volume of 500 per arm reached")
                .contains("did not move up significantly");
    }

    @Test
    void anotherIntentRegressingRevertsAndIsNamed() {
        // Given a target that clearly improved and an abandonment rate elsewhere going from 0.20 to 0.35
        var target = completion(3_000, 1_800, 3_000, 2_100);
        var billing = intent("billing-question", "abandonment_rate", Direction.DOWN,
                segment("plan=trial,user=new", 2_000, 400, 2_000, 700));
        var export = intent("export-data", "completion_rate", Direction.UP,
                segment("plan=trial,user=new", 2_000, 1_400, 2_000, 1_400));

        // When
        var result = VerdictEngine.evaluate(target, List.of(billing, export), POLICY);

        // Then
        assertThat(result.verdict()).isEqualTo(Verdict.REVERT);
        assertThat(result.otherIntentsCheckedForRegression()).isEqualTo(2);
        assertThat(result.regressions()).extracting(Regression::intentId).containsExactly("billing-question");
        assertThat(result.regressions().get(0).effect()).isCloseTo(0.15, within(1e-9));
        assertThat(result.reason()).contains("billing-question").contains("abandonment_rate");
        assertThat(result.eValue()).isGreaterThanOrEqualTo(result.eValueThreshold());
    }

    @Test
    void anotherIntentBelowTheMinimumVolumeIsNotJudged() {
        // Given a clear lift and another intent with only 50 conversations per arm that looks bad
        var target = completion(3_000, 1_800, 3_000, 2_100);
        var rare = intent("rare-intent", "completion_rate", Direction.UP,
                segment("plan=trial,user=new", 50, 40, 50, 10));

        // When
        var result = VerdictEngine.evaluate(target, List.of(rare), POLICY);

        // Then
        assertThat(result.verdict()).isEqualTo(Verdict.KEEP);
        assertThat(result.otherIntentsCheckedForRegression()).isZero();
    }

    @Test
    void abandonmentGoingDownIsAnImprovement() {
        // Given abandonment, which should go DOWN, falling from 0.30 to 0.20
        var target = intent("cancel-plan", "abandonment_rate", Direction.DOWN,
                segment("plan=pro,user=returning", 3_000, 900, 3_000, 600));

        // When
        var result = VerdictEngine.evaluate(target, List.of(), POLICY);

        // Then
        assertThat(result.verdict()).isEqualTo(Verdict.KEEP);
        assertThat(result.effect()).isCloseTo(-0.10, within(1e-9));
        assertThat(result.effectCiHigh()).isNegative();
        assertThat(result.reason()).contains("moved down significantly");
    }

    @Test
    void segmentMatchedComparisonWinsOverAPooledOneThatPointsTheOtherWay() {
        // Given Simpson's paradox: +0.10 within each segment, but the new version mostly sees new trial users,
        // whose completion is far lower, while the old one mostly sees returning pro users
        var target = intent("setup-sso", "completion_rate", Direction.UP,
                segment("plan=trial,user=new", 100, 30, 900, 360),
                segment("plan=pro,user=returning", 900, 720, 100, 90));
        double pooledDifference = target.treatmentTotal().rate() - target.controlTotal().rate();

        // When
        var result = VerdictEngine.evaluate(target, List.of(), VerdictPolicy.of(0.05, 100, 500));

        // Then the pooled comparison says a large drop but the verdict follows the segments
        assertThat(pooledDifference).isCloseTo(-0.30, within(1e-9));
        assertThat(result.verdict()).isEqualTo(Verdict.KEEP);
        assertThat(result.effect()).isCloseTo(0.10, within(1e-9));
        assertThat(result.effectCiLow()).isPositive();
        assertThat(result.regressions()).isEmpty();
    }

    @Test
    void segmentSeenInOnlyOneArmDoesNotEnterTheEffect() {
        // Given a matched segment with +0.10 and a segment present only in the treatment arm
        var target = intent("setup-sso", "completion_rate", Direction.UP,
                segment("plan=trial,user=new", 1_000, 500, 1_000, 600),
                segment("plan=enterprise,user=new", 0, 0, 400, 0));

        // When
        var result = VerdictEngine.evaluate(target, List.of(), POLICY);

        // Then the effect is the matched one, while the arm totals still show every conversation
        assertThat(result.effect()).isCloseTo(0.10, within(1e-9));
        assertThat(result.treatment().conversations()).isEqualTo(1_400);
    }

    @Test
    void noSegmentInBothArmsNeedsMoreDataWithNeutralNumbers() {
        // Given trial users only on the old version and pro users only on the new one
        var target = intent("setup-sso", "completion_rate", Direction.UP,
                segment("plan=trial,user=new", 800, 300, 0, 0),
                segment("plan=pro,user=returning", 0, 0, 800, 700));

        // When
        var result = VerdictEngine.evaluate(target, List.of(), POLICY);

        // Then nothing can be compared: no decision, the widest possible interval and no evidence
        assertThat(result.verdict()).isEqualTo(Verdict.NEED_MORE_DATA);
        assertThat(result.reason()).contains("have control 0, treatment 0");
        assertThat(result.effectCiLow()).isEqualTo(-1.0);
        assertThat(result.effectCiHigh()).isEqualTo(1.0);
        assertThat(result.eValue()).isLessThanOrEqualTo(1.0);
    }

    @Test
    void repeatedLooksAtTheSameCountsGiveTheSameVerdict() {
        // Given the same counts looked at twice
        var target = completion(800, 480, 800, 520);

        // When
        var first = VerdictEngine.evaluate(target, List.of(), POLICY);
        var second = VerdictEngine.evaluate(target, List.of(), POLICY);

        // Then
        assertThat(second).isEqualTo(first);
    }
}
