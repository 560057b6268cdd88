package dev.turnloop.metrics.window;

import dev.turnloop.schemas.IntentMetrics;

/**
 * Sees every live (not yet final) metrics update as it is published, e.g. to keep Prometheus gauges current. Called
 * on stream threads, possibly several at once, with updates that an exactly-once transaction may still abort: fit for
 * gauges, not for anything that must be exact.
 */
@FunctionalInterface
public interface LiveMetricsListener {

    LiveMetricsListener NONE = metrics -> { };

    void onLiveMetrics(IntentMetrics metrics);
}
