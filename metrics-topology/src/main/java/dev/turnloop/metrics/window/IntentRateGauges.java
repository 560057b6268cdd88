package dev.turnloop.metrics.window;

import dev.turnloop.schemas.IntentMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/**
 * Per-intent completion rate, abandonment rate and volume as Micrometer gauges, fed by the live all-cohorts metrics
 * of one window. Cardinality stays bounded: only the top N intents by volume get their own {@code intent} tag, every
 * other intent is folded into one {@value #OTHER} series whose rates are computed over their summed counts.
 *
 * <p>Gauges: {@value #COMPLETION_RATE}, {@value #ABANDONMENT_RATE}, {@value #CONVERSATIONS}, tagged {@code intent}
 * and {@code window}. Each shows its intent's latest window. The top N is recomputed at most once per refresh
 * interval, so a busy stream does not sort on every update.
 */
public final class IntentRateGauges implements MeterBinder, LiveMetricsListener {

    public static final String COMPLETION_RATE = "turnloop.intent.completion.rate";
    public static final String ABANDONMENT_RATE = "turnloop.intent.abandonment.rate";
    public static final String CONVERSATIONS = "turnloop.intent.conversations";
    public static final String OTHER = "other";

    private final String window;
    private final int topN;
    private final Duration refreshInterval;
    private final Clock clock;
    private final Map<String, IntentMetrics> latest = new ConcurrentHashMap<>();
    private final List<MultiGauge> gauges = new ArrayList<>();
    private volatile long nextRefreshMillis;

    /** Gauges for the window named {@code window} (e.g. {@code 1d}), the {@code topN} busiest intents tagged. */
    public IntentRateGauges(String window, int topN) {
        this(window, topN, Duration.ofSeconds(10), Clock.systemUTC());
    }

    public IntentRateGauges(String window, int topN, Duration refreshInterval, Clock clock) {
        if (topN < 1) {
            throw new IllegalArgumentException("topN must be >= 1, got " + topN);
        }
        this.window = window;
        this.topN = topN;
        this.refreshInterval = refreshInterval;
        this.clock = clock;
    }

    @Override
    public synchronized void bindTo(MeterRegistry registry) {
        gauges.add(MultiGauge.builder(COMPLETION_RATE).description("completion rate of the intent's latest window")
                .baseUnit("ratio").register(registry));
        gauges.add(MultiGauge.builder(ABANDONMENT_RATE).description("abandonment rate of the intent's latest window")
                .baseUnit("ratio").register(registry));
        gauges.add(MultiGauge.builder(CONVERSATIONS).description("conversations in the intent's latest window")
                .baseUnit("conversations").register(registry));
        refresh();
    }

    @Override
    public void onLiveMetrics(IntentMetrics metrics) {
        if (!window.equals(metrics.getWindow())
                || !CohortKey.ALL.equals(CohortKey.of(metrics.getCohort()).encode())) {
            return;
        }
        latest.merge(metrics.getIntentId(), metrics,
                (old, update) -> update.getWindowStart().isBefore(old.getWindowStart()) ? old : update);
        if (clock.millis() >= nextRefreshMillis) {
            refresh();
        }
    }

    /** Re-ranks the intents and re-registers the tagged series: the top N plus {@value #OTHER}. */
    public synchronized void refresh() {
        nextRefreshMillis = clock.millis() + refreshInterval.toMillis();
        if (gauges.isEmpty()) {
            return;
        }
        Set<String> top = latest.values().stream()
                .sorted(Comparator.comparingLong(IntentMetrics::getConversations).reversed()
                        .thenComparing(IntentMetrics::getIntentId))
                .limit(topN).map(IntentMetrics::getIntentId).collect(Collectors.toUnmodifiableSet());
        gauges.get(0).register(rows(top, IntentMetrics::getCompleted, true), true);
        gauges.get(1).register(rows(top, IntentMetrics::getAbandoned, true), true);
        gauges.get(2).register(rows(top, IntentMetrics::getConversations, false), true);
    }

    private List<MultiGauge.Row<?>> rows(Set<String> top, ToLongFunction<IntentMetrics> count, boolean rate) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (String intent : top) {
            rows.add(MultiGauge.Row.of(tags(intent), this, g -> g.value(Set.of(intent), false, count, rate)));
        }
        if (latest.size() > top.size()) {
            rows.add(MultiGauge.Row.of(tags(OTHER), this, g -> g.value(top, true, count, rate)));
        }
        return rows;
    }

    /** Summed count (or rate over summed conversations) of the given intents, or of all but them. */
    private double value(Set<String> intents, boolean exclude, ToLongFunction<IntentMetrics> count, boolean rate) {
        long events = 0;
        long conversations = 0;
        for (IntentMetrics metrics : latest.values()) {
            if (intents.contains(metrics.getIntentId()) != exclude) {
                events += count.applyAsLong(metrics);
                conversations += metrics.getConversations();
            }
        }
        if (!rate) {
            return events;
        }
        return conversations == 0 ? Double.NaN : (double) events / conversations;
    }

    private Tags tags(String intent) {
        return Tags.of("intent", intent, "window", window);
    }
}
