package dev.turnloop.metrics.breach;

/**
 * Fires when a final window's metric is on the wrong side of a fixed threshold with at least {@code minVolume}
 * conversations behind it; clears once the metric is back by {@code clearMargin}, so a value hovering at the
 * threshold does not flap.
 */
public record ThresholdRule(String id, BreachMetric metric, ComparisonOp op, double value, double clearMargin,
                            long minVolume, String window, RuleScope scope) implements BreachRule {

    public ThresholdRule {
        if (clearMargin < 0 || minVolume < 1) {
            throw new IllegalArgumentException("rule " + id + ": need clear_margin >= 0 and min_volume >= 1");
        }
    }
}
