package dev.turnloop.metrics.breach;

import dev.turnloop.metrics.window.RateMetric;

/**
 * Fires when a rate in the latest final window is significantly worse than over the intent's trailing
 * {@code baselineWindows} earlier windows: a one-sided two-proportion z-test with p below {@code pValue}, a worsening
 * of at least {@code minChange}, and at least {@code minVolume} conversations in both the window and the baseline.
 * "Worse" follows the rate's direction (completion down, abandonment up). While open the baseline is frozen at its
 * value when the breach opened; the breach clears when the rate is back within {@code clearMargin} of it.
 */
public record BaselineDropRule(String id, RateMetric metric, String window, int baselineWindows, double pValue,
                               double minChange, double clearMargin, long minVolume, RuleScope scope)
        implements BreachRule {

    public BaselineDropRule {
        if (baselineWindows < 1 || !(pValue > 0 && pValue < 1) || minChange < 0 || clearMargin < 0 || minVolume < 1) {
            throw new IllegalArgumentException("rule " + id + ": need baseline_windows >= 1, 0 < p_value < 1, "
                    + "min_change >= 0, clear_margin >= 0, min_volume >= 1");
        }
    }
}
