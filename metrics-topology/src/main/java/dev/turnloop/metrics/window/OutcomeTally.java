package dev.turnloop.metrics.window;

import com.tdunning.math.stats.MergingDigest;
import dev.turnloop.schemas.ConversationSummary;
import dev.turnloop.schemas.Outcome;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The running aggregate of one intent x cohort in one window: outcome counts plus the turn depth to resolution of the
 * completed conversations as an exact histogram. Turn depths are small integers, so the histogram is a handful of
 * entries, exact, and mergeable by adding counts; mean and percentiles come from it exactly.
 *
 * <p>Why not a t-digest in the store: the aggregate is read and rewritten for every conversation in every window
 * that holds it, and a t-digest costs far more to decode and encode. The t-digest that final results publish for
 * downstream merging is built from the histogram once, when the window closes ({@link #depthDigest()}).
 *
 * <p>Mutable on purpose: a Streams aggregator receives a freshly deserialized aggregate per record and returns it.
 */
public final class OutcomeTally {

    /** t-digest compression: about 1% relative error on mid quantiles at ~100 centroids, i.e. a few hundred bytes. */
    public static final double DIGEST_COMPRESSION = 100;
    private static final int LAYOUT = 1;

    private OutcomeCounts counts;
    private long depthSum;
    private final TreeMap<Integer, Long> depths;

    private OutcomeTally(OutcomeCounts counts, long depthSum, TreeMap<Integer, Long> depths) {
        this.counts = counts;
        this.depthSum = depthSum;
        this.depths = depths;
    }

    public static OutcomeTally empty() {
        return new OutcomeTally(OutcomeCounts.ZERO, 0, new TreeMap<>());
    }

    /** Adds one closed conversation. */
    public OutcomeTally add(ConversationSummary summary) {
        counts = counts.plus(OutcomeCounts.of(summary));
        if (summary.getOutcome() == Outcome.COMPLETED) {
            depthSum += summary.getTurnDepth();
            depths.merge(summary.getTurnDepth(), 1L, Long::sum);
        }
        return this;
    }

    public OutcomeCounts counts() {
        return counts;
    }

    /** Mean turn depth to resolution over completed conversations; 0 when none completed. */
    public double depthMean() {
        return counts.completed() == 0 ? 0.0 : (double) depthSum / counts.completed();
    }

    /**
     * A percentile of the turn depth to resolution, interpolated linearly between the order statistics at rank
     * {@code q * (n - 1)} (the common "type 7" definition); 0 when none completed.
     */
    public double depthQuantile(double q) {
        long n = counts.completed();
        if (n == 0) {
            return 0.0;
        }
        double rank = q * (n - 1);
        long lower = (long) Math.floor(rank);
        double low = depthAtRank(lower);
        double high = depthAtRank(Math.min(n - 1, lower + 1));
        return low + (rank - lower) * (high - low);
    }

    /** The depth of the conversation at 0-based rank {@code rank} when sorted by depth. */
    private double depthAtRank(long rank) {
        long seen = 0;
        for (Map.Entry<Integer, Long> entry : depths.entrySet()) {
            seen += entry.getValue();
            if (rank < seen) {
                return entry.getKey();
            }
        }
        return depths.lastKey();
    }

    /**
     * The turn depths as a t-digest, built from the histogram one observation at a time (t-digest 3.3 requires the
     * extreme centroids to hold single observations, which weighted adds break); empty when none completed.
     */
    public Optional<MergingDigest> depthDigest() {
        if (depths.isEmpty()) {
            return Optional.empty();
        }
        MergingDigest digest = new MergingDigest(DIGEST_COMPRESSION);
        depths.forEach((depth, count) -> {
            for (long i = 0; i < count; i++) {
                digest.add(depth);
            }
        });
        digest.compress();
        return Optional.of(digest);
    }

    /** A digest in t-digest's small encoding, as published. */
    public static byte[] smallBytes(MergingDigest digest) {
        ByteBuffer buffer = ByteBuffer.allocate(digest.smallByteSize());
        digest.asSmallBytes(buffer);
        return buffer.array();
    }

    public byte[] encode() {
        return BinaryCodec.encode(LAYOUT, out -> {
            counts.writeTo(out);
            out.writeLong(depthSum);
            out.writeInt(depths.size());
            for (Map.Entry<Integer, Long> entry : depths.entrySet()) {
                out.writeInt(entry.getKey());
                out.writeLong(entry.getValue());
            }
        });
    }

    public static OutcomeTally decode(byte[] bytes) {
        return BinaryCodec.decode(bytes, LAYOUT, "outcome tally", in -> {
            OutcomeCounts counts = OutcomeCounts.readFrom(in);
            long depthSum = in.readLong();
            int distinct = in.readInt();
            TreeMap<Integer, Long> depths = new TreeMap<>();
            for (int i = 0; i < distinct; i++) {
                depths.put(in.readInt(), in.readLong());
            }
            return new OutcomeTally(counts, depthSum, depths);
        });
    }

    public static Serde<OutcomeTally> serde() {
        return Serdes.serdeFrom((topic, tally) -> tally == null ? null : tally.encode(),
                (topic, bytes) -> bytes == null ? null : decode(bytes));
    }
}
