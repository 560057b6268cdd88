package dev.turnloop.metrics.window;

import dev.turnloop.metrics.verdict.Direction;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * The conversation rates turnloop tracks: which conversations count as the rate's event, and which way the rate
 * should move for the agent to be getting better.
 */
public enum RateMetric {
    COMPLETION("completion_rate", Direction.UP, OutcomeCounts::completed),
    ABANDONMENT("abandonment_rate", Direction.DOWN, OutcomeCounts::abandoned),
    ESCALATION("escalation_rate", Direction.DOWN, OutcomeCounts::escalated),
    REPAIR("repair_rate", Direction.DOWN, OutcomeCounts::withRepair),
    NEGATIVE("negative_rate", Direction.DOWN, OutcomeCounts::withNegative);

    private final String metricName;
    private final Direction better;
    private final ToLongFunction<OutcomeCounts> events;

    RateMetric(String metricName, Direction better, ToLongFunction<OutcomeCounts> events) {
        this.metricName = metricName;
        this.better = better;
        this.events = events;
    }

    /** The name used in rules, change events and the Avro records, e.g. {@code completion_rate}. */
    public String metricName() {
        return metricName;
    }

    /** The direction in which the rate improves. */
    public Direction better() {
        return better;
    }

    /** Conversations that count towards the rate ("successes" in the verdict's terms). */
    public long events(OutcomeCounts counts) {
        return events.applyAsLong(counts);
    }

    public double rate(OutcomeCounts counts) {
        return counts.conversations() == 0 ? 0.0 : (double) events(counts) / counts.conversations();
    }

    /** True when a conversation with these counts (one conversation's) works against the rate. */
    public boolean failedBy(OutcomeCounts conversation) {
        boolean event = events(conversation) > 0;
        return better == Direction.UP ? !event : event;
    }

    public static Optional<RateMetric> byName(String name) {
        String normalized = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(m -> m.metricName.equals(normalized)).findFirst();
    }
}
