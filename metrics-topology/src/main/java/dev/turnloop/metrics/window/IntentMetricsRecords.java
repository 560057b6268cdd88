package dev.turnloop.metrics.window;

import com.tdunning.math.stats.MergingDigest;
import dev.turnloop.schemas.IntentMetrics;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Optional;

/**
 * Turns a window's tally into the published {@link IntentMetrics} record: rates as fractions 0..1, exact turn depth
 * mean and percentiles (0 when nothing completed). Final results also carry the turn depths as a mergeable t-digest,
 * for roll-ups downstream; live updates leave it empty, as building it costs a pass over the window's conversations.
 */
public final class IntentMetricsRecords {

    private IntentMetricsRecords() {
    }

    public static IntentMetrics of(String window, MetricKey key, long windowStart, long windowEnd,
            OutcomeTally tally, boolean isFinal) {
        OutcomeCounts counts = tally.counts();
        Optional<MergingDigest> sketch = isFinal ? tally.depthDigest() : Optional.empty();
        return IntentMetrics.newBuilder()
                .setIntentId(key.intentId())
                .setCohort(key.cohort().toCohort())
                .setWindow(window)
                .setWindowStart(Instant.ofEpochMilli(windowStart))
                .setWindowEnd(Instant.ofEpochMilli(windowEnd))
                .setFinal$(isFinal)
                .setConversations(counts.conversations())
                .setCompleted(counts.completed())
                .setAbandoned(counts.abandoned())
                .setEscalated(counts.escalated())
                .setWithRepair(counts.withRepair())
                .setWithNegative(counts.withNegative())
                .setCompletionRate(RateMetric.COMPLETION.rate(counts))
                .setAbandonmentRate(RateMetric.ABANDONMENT.rate(counts))
                .setEscalationRate(RateMetric.ESCALATION.rate(counts))
                .setRepairRate(RateMetric.REPAIR.rate(counts))
                .setNegativeRate(RateMetric.NEGATIVE.rate(counts))
                .setTurnDepthMean(tally.depthMean())
                .setTurnDepthP50(tally.depthQuantile(0.5))
                .setTurnDepthP90(tally.depthQuantile(0.9))
                .setTurnDepthSketch(ByteBuffer.wrap(sketch.map(OutcomeTally::smallBytes).orElse(new byte[0])))
                .build();
    }

    /** The outcome counts a published record carries. */
    public static OutcomeCounts countsOf(IntentMetrics metrics) {
        return new OutcomeCounts(metrics.getConversations(), metrics.getCompleted(), metrics.getAbandoned(),
                metrics.getEscalated(), metrics.getWithRepair(), metrics.getWithNegative());
    }
}
