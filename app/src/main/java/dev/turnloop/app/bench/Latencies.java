package dev.turnloop.app.bench;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/** Latencies in milliseconds (up to an hour, 3 significant digits), summarised as percentiles. */
final class Latencies {

    private final Histogram histogram = new Histogram(TimeUnit.HOURS.toMillis(1), 3);

    /** Records one latency; a negative one (clocks of one machine, read a millisecond apart) counts as zero. */
    synchronized void record(long millis) {
        histogram.recordValue(Math.min(Math.max(0, millis), histogram.getHighestTrackableValue()));
    }

    synchronized LatencyPercentiles percentiles() {
        return new LatencyPercentiles(histogram.getTotalCount(), histogram.getValueAtPercentile(50),
                histogram.getValueAtPercentile(99), histogram.getMaxValue());
    }
}
