package dev.turnloop.scale;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The largest gap, in event time, between the partitions of a topic as a reader saw them: per partition the latest
 * event time read, and the widest spread between the partitions since the last {@link #restart}. Partitions not read
 * from since the restart do not count, so a phase that starts later in event time does not show as skew.
 */
final class PartitionSkew {

    private final Map<Integer, Long> latest = new HashMap<>();
    private long widest;

    synchronized void observe(int partition, long eventTime) {
        latest.merge(partition, eventTime, Math::max);
    }

    /** Takes the current spread into account. */
    synchronized void measure() {
        if (latest.size() > 1) {
            long max = latest.values().stream().mapToLong(Long::longValue).max().orElseThrow();
            long min = latest.values().stream().mapToLong(Long::longValue).min().orElseThrow();
            widest = Math.max(widest, max - min);
        }
    }

    synchronized void restart() {
        latest.clear();
        widest = 0;
    }

    synchronized Duration widest() {
        return Duration.ofMillis(widest);
    }
}
