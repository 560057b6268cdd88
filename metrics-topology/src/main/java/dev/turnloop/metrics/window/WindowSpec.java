package dev.turnloop.metrics.window;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.streams.kstream.TimeWindows;

/**
 * One window the metrics are computed in, by event time (the conversation's close).
 *
 * @param name      short name used in topic keys, store names and queries, e.g. {@code 1h}
 * @param size      window length
 * @param advance   how far consecutive windows start apart: equal to {@code size} for tumbling windows, smaller for
 *                  a hopping view (7 days advancing by a day is "the last 7 days", recomputed daily)
 * @param grace     how long after a window's end a late conversation is still counted; the final result waits for it
 * @param retention how long closed windows stay queryable in the store
 */
public record WindowSpec(String name, Duration size, Duration advance, Duration grace, Duration retention) {

    public WindowSpec {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[A-Za-z0-9_-]{1,16}")) {
            throw new IllegalArgumentException("window name must match [A-Za-z0-9_-]{1,16}, got: " + name);
        }
        if (size.isNegative() || size.isZero() || advance.isNegative() || advance.isZero() || grace.isNegative()) {
            throw new IllegalArgumentException("window " + name + ": size and advance must be positive, grace >= 0");
        }
        if (advance.compareTo(size) > 0 || size.toMillis() % advance.toMillis() != 0) {
            throw new IllegalArgumentException("window " + name + ": advance must divide size");
        }
        if (retention.compareTo(size.plus(grace)) < 0) {
            throw new IllegalArgumentException("window " + name + ": retention must cover size + grace");
        }
    }

    public static WindowSpec tumbling(String name, Duration size, Duration grace, Duration retention) {
        return new WindowSpec(name, size, size, grace, retention);
    }

    public static WindowSpec hopping(String name, Duration size, Duration advance, Duration grace,
            Duration retention) {
        return new WindowSpec(name, size, advance, grace, retention);
    }

    /**
     * Hourly and daily tumbling windows and a 7-day view advancing daily. Grace: conversations reach this topology at
     * their close, so lateness comes from skew between partitions and short upstream stalls; 15 minutes covers that
     * for hourly windows, an hour for the daily ones, whose final results may wait that long.
     */
    public static List<WindowSpec> defaults() {
        return List.of(
                tumbling("1h", Duration.ofHours(1), Duration.ofMinutes(15), Duration.ofDays(7)),
                tumbling("1d", Duration.ofDays(1), Duration.ofHours(1), Duration.ofDays(90)),
                hopping("7d", Duration.ofDays(7), Duration.ofDays(1), Duration.ofHours(1), Duration.ofDays(90)));
    }

    public boolean hopping() {
        return !advance.equals(size);
    }

    public TimeWindows timeWindows() {
        return TimeWindows.ofSizeAndGrace(size, grace).advanceBy(advance);
    }

    /**
     * For live updates of a hopping view, the one window that ends soonest after {@code timestamp} among those whose
     * last step holds it: the trailing view "up to now". Every window of a tumbling spec is current.
     */
    public boolean isCurrent(long windowEnd, long timestamp) {
        return !hopping() || (timestamp >= windowEnd - advance.toMillis() && timestamp < windowEnd);
    }
}
