package dev.turnloop.metrics.window;

import static dev.turnloop.metrics.MetricsHarness.summary;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.tdunning.math.stats.MergingDigest;
import dev.turnloop.schemas.Outcome;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OutcomeTallyTest {

    private static final Instant AT = Instant.parse("2026-11-02T10:00:00Z");

    @Test
    void countsOutcomesAndTheDepthOfCompletedConversationsOnly() {
        // Given
        OutcomeTally tally = OutcomeTally.empty();

        // When
        tally.add(summary("c1", Outcome.COMPLETED, AT).setTurnDepth(3).setRepairTurns(1).build());
        tally.add(summary("c2", Outcome.COMPLETED, AT).setTurnDepth(5).build());
        tally.add(summary("a1", Outcome.ABANDONED, AT).setTurnDepth(40).setNegativeTurns(2).build());
        tally.add(summary("e1", Outcome.ESCALATED, AT).setTurnDepth(9).build());
        tally.add(summary("u1", Outcome.UNKNOWN, AT).build());

        // Then
        assertThat(tally.counts()).isEqualTo(new OutcomeCounts(5, 2, 1, 1, 1, 1));
        assertThat(tally.depthMean()).isEqualTo(4.0);
        assertThat(tally.depthQuantile(0.0)).isEqualTo(3.0);
        assertThat(tally.depthQuantile(1.0)).isEqualTo(5.0);
        assertThat(tally.depthQuantile(0.5)).isEqualTo(4.0);
    }

    @Test
    void anEmptyTallyHasZeroDepthsAndNoDigest() {
        OutcomeTally tally = OutcomeTally.empty().add(summary("a1", Outcome.ABANDONED, AT).build());

        assertThat(tally.depthMean()).isZero();
        assertThat(tally.depthQuantile(0.9)).isZero();
        assertThat(tally.depthDigest()).isEmpty();
    }

    @Test
    void survivesItsEncodingUnchanged() {
        // Given
        OutcomeTally tally = OutcomeTally.empty();
        for (int i = 0; i < 50; i++) {
            tally.add(summary("c" + i, i % 5 == 0 ? Outcome.ABANDONED : Outcome.COMPLETED, AT).setTurnDepth(i % 7 + 1)
                    .build());
        }

        // When
        OutcomeTally decoded = OutcomeTally.decode(tally.encode());

        // Then
        assertThat(decoded.counts()).isEqualTo(tally.counts());
        assertThat(decoded.depthMean()).isEqualTo(tally.depthMean());
        assertThat(decoded.depthQuantile(0.9)).isEqualTo(tally.depthQuantile(0.9));
    }

    @Test
    void digestsOfTwoWindowsMergeIntoTheDigestOfBoth() {
        // Given depths 1..50 in one tally and 51..100 in another
        OutcomeTally first = OutcomeTally.empty();
        OutcomeTally second = OutcomeTally.empty();
        for (int depth = 1; depth <= 100; depth++) {
            (depth <= 50 ? first : second).add(summary("c" + depth, Outcome.COMPLETED, AT).setTurnDepth(depth).build());
        }

        // When their published digests are decoded and merged, as a dashboard rolling up windows would
        var merged = MergingDigest.fromBytes(
                ByteBuffer.wrap(OutcomeTally.smallBytes(first.depthDigest().orElseThrow())));
        merged.add(MergingDigest.fromBytes(
                ByteBuffer.wrap(OutcomeTally.smallBytes(second.depthDigest().orElseThrow()))));

        // Then
        assertThat(merged.size()).isEqualTo(100);
        assertThat(merged.quantile(0.5)).isCloseTo(50.5, within(1.5));
        assertThat(merged.quantile(0.9)).isCloseTo(90.5, within(1.5));
    }
}
