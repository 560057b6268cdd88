package dev.turnloop.metrics.verdict;

/**
 * An intent whose metric moved the wrong way significantly: its segment-matched effect (treatment - control),
 * its e-value against "no harm", and the e-BH threshold that e-value cleared.
 */
public record Regression(String intentId, String metric, double effect, double eValue, double adjustedThreshold) {
}
