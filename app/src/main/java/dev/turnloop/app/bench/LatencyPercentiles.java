package dev.turnloop.app.bench;

/** How long something took, over {@code samples} measurements, in milliseconds; zeros when nothing was measured. */
public record LatencyPercentiles(long samples, double p50Ms, double p99Ms, double maxMs) {
}
