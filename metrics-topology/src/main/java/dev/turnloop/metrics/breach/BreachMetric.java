package dev.turnloop.metrics.breach;

import dev.turnloop.metrics.window.IntentMetricsRecords;
import dev.turnloop.metrics.window.RateMetric;
import dev.turnloop.schemas.IntentMetrics;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * A metric a threshold rule can watch, read from a final {@link IntentMetrics}: its value and the volume it rests on
 * (all conversations for rates, completed ones for turn depth to resolution).
 */
public enum BreachMetric {
    COMPLETION_RATE(RateMetric.COMPLETION),
    ABANDONMENT_RATE(RateMetric.ABANDONMENT),
    ESCALATION_RATE(RateMetric.ESCALATION),
    REPAIR_RATE(RateMetric.REPAIR),
    NEGATIVE_RATE(RateMetric.NEGATIVE),
    TURN_DEPTH_MEAN("turn_depth_mean", IntentMetrics::getTurnDepthMean),
    TURN_DEPTH_P50("turn_depth_p50", IntentMetrics::getTurnDepthP50),
    TURN_DEPTH_P90("turn_depth_p90", IntentMetrics::getTurnDepthP90);

    private final String metricName;
    private final Optional<RateMetric> rate;
    private final ToDoubleFunction<IntentMetrics> value;
    private final ToLongFunction<IntentMetrics> volume;

    BreachMetric(RateMetric rate) {
        this.metricName = rate.metricName();
        this.rate = Optional.of(rate);
        this.value = metrics -> rate.rate(IntentMetricsRecords.countsOf(metrics));
        this.volume = IntentMetrics::getConversations;
    }

    BreachMetric(String metricName, ToDoubleFunction<IntentMetrics> value) {
        this.metricName = metricName;
        this.rate = Optional.empty();
        this.value = value;
        this.volume = IntentMetrics::getCompleted;
    }

    public String metricName() {
        return metricName;
    }

    /** The rate this metric is, if it is one: rates get a test statistic and rate-specific evidence. */
    public Optional<RateMetric> rate() {
        return rate;
    }

    public double valueOf(IntentMetrics metrics) {
        return value.applyAsDouble(metrics);
    }

    public long volumeOf(IntentMetrics metrics) {
        return volume.applyAsLong(metrics);
    }

    public static BreachMetric of(String name) {
        String normalized = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(m -> m.metricName.equals(normalized)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown metric '" + name + "'; known: "
                        + Arrays.stream(values()).map(BreachMetric::metricName).toList()));
    }
}
