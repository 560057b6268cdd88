package dev.turnloop.metrics.verdict;

/**
 * The numbers a verdict shows for one arm over all its segments: raw volume, raw rate and an anytime-valid
 * confidence interval for that rate (its level is {@link VerdictResult#confidenceLevel()}).
 */
public record ArmSummary(String version, long conversations, long successes, double rate, double ciLow, double ciHigh) {
}
