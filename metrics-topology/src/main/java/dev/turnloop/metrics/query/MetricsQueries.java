package dev.turnloop.metrics.query;

import dev.turnloop.metrics.window.CohortKey;
import dev.turnloop.metrics.window.IntentMetricsRecords;
import dev.turnloop.metrics.window.KeyParts;
import dev.turnloop.metrics.window.MetricKey;
import dev.turnloop.metrics.window.OutcomeTally;
import dev.turnloop.metrics.window.WindowSpec;
import dev.turnloop.metrics.window.WindowedMetricsGraph;
import dev.turnloop.schemas.IntentMetrics;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The questions the query API answers, each either from this instance's stores or, for an intent another instance
 * holds, by asking that instance (with {@code local=true}, so a question is forwarded at most once).
 */
public final class MetricsQueries {

    /** The query parameter that asks an instance for its local results only. */
    public static final String LOCAL = "local";
    private static final Instant EARLIEST = Instant.EPOCH;
    private static final Instant LATEST = Instant.ofEpochMilli(Long.MAX_VALUE);

    private final Map<String, WindowSpec> windows = new LinkedHashMap<>();
    private final MetricStores stores;
    private final InstanceRouter router;
    private final RemoteQueries remote;

    public MetricsQueries(List<WindowSpec> windows, MetricStores stores, InstanceRouter router, RemoteQueries remote) {
        windows.forEach(w -> this.windows.put(w.name(), w));
        this.stores = stores;
        this.router = router;
        this.remote = remote;
    }

    /** {@code 1d} when computed, else the first window. */
    public String defaultWindow() {
        return windows.containsKey("1d") ? "1d" : windows.keySet().iterator().next();
    }

    /** Every known intent with its all-cohorts totals of its latest window, busiest first. */
    public List<MetricsView> intents(String window, boolean localOnly) throws IOException {
        requireWindow(window);
        List<MetricsView> views = new ArrayList<>();
        try (KeyValueIterator<String, IntentMetrics> all = stores.latestTotals().all()) {
            while (all.hasNext()) {
                KeyValue<String, IntentMetrics> entry = all.next();
                if (KeyParts.split(entry.key).get(1).equals(window)) {
                    views.add(MetricsView.of(entry.value));
                }
            }
        }
        if (!localOnly) {
            for (HostInfo host : router.otherInstances()) {
                views.addAll(remote.get(host, "/intents?window=" + encode(window) + "&" + LOCAL + "=true"));
            }
        }
        views.sort(Comparator.comparingLong(MetricsView::conversations).reversed()
                .thenComparing(MetricsView::intentId));
        return views;
    }

    /** The windows of one intent x cohort ({@code *} for all cohorts) that start in [from, to], oldest first. */
    public List<MetricsView> series(String intentId, String window, String cohort, Optional<Instant> from,
            Optional<Instant> to, boolean localOnly) throws IOException {
        WindowSpec spec = requireWindow(window);
        MetricKey key = new MetricKey(intentId, CohortKey.parse(cohort));
        Optional<HostInfo> owner = localOnly ? Optional.empty() : router.remoteOwnerOf(intentId);
        if (owner.isPresent()) {
            return remote.get(owner.get(), "/intents/" + encode(intentId) + "/metrics?window=" + encode(window)
                    + "&cohort=" + encode(cohort) + range(from, to) + "&" + LOCAL + "=true");
        }
        List<MetricsView> views = new ArrayList<>();
        try (WindowStoreIterator<OutcomeTally> windowsOfKey = outcomes(spec).fetch(key.encode(),
                from.orElse(EARLIEST), to.orElse(LATEST))) {
            windowsOfKey.forEachRemaining(entry -> views.add(view(spec, key, entry.key, entry.value)));
        }
        return views;
    }

    /**
     * Every cohort and roll-up of an intent in the windows that start in [from, to], the latest window per cohort;
     * without a range, in the intent's latest window.
     */
    public List<MetricsView> cohorts(String intentId, String window, Optional<Instant> from, Optional<Instant> to,
            boolean localOnly) throws IOException {
        WindowSpec spec = requireWindow(window);
        Optional<HostInfo> owner = localOnly ? Optional.empty() : router.remoteOwnerOf(intentId);
        if (owner.isPresent()) {
            return remote.get(owner.get(), "/cohorts?intent=" + encode(intentId) + "&window=" + encode(window)
                    + range(from, to) + "&" + LOCAL + "=true");
        }
        Instant start = from.orElse(null);
        Instant end = to.orElse(null);
        if (start == null && end == null) {
            IntentMetrics latest = stores.latestTotals().get(WindowedMetricsGraph.latestTotalsKey(intentId, window));
            if (latest == null) {
                return List.of();
            }
            start = latest.getWindowStart();
            end = latest.getWindowStart();
        }
        List<String> range = MetricKey.intentRange(intentId);
        Map<String, MetricsView> latestPerCohort = new LinkedHashMap<>();
        try (KeyValueIterator<Windowed<String>, OutcomeTally> all = outcomes(spec).fetch(range.get(0), range.get(1),
                start == null ? EARLIEST : start, end == null ? LATEST : end)) {
            while (all.hasNext()) {
                KeyValue<Windowed<String>, OutcomeTally> entry = all.next();
                MetricKey key = MetricKey.parse(entry.key.key());
                if (!key.intentId().equals(intentId)) {
                    continue;
                }
                MetricsView view = view(spec, key, entry.key.window().start(), entry.value);
                latestPerCohort.merge(view.cohortKey(), view,
                        (old, update) -> update.windowStart().compareTo(old.windowStart()) >= 0 ? update : old);
            }
        }
        List<MetricsView> views = new ArrayList<>(latestPerCohort.values());
        // all cohorts first, then the segment roll-ups, then the cohorts themselves
        views.sort(Comparator.comparingInt((MetricsView v) -> -CohortKey.Level.valueOf(
                v.cohortLevel().toUpperCase(Locale.ROOT)).ordinal()).thenComparing(MetricsView::cohortKey));
        return views;
    }

    private ReadOnlyWindowStore<String, OutcomeTally> outcomes(WindowSpec spec) {
        return stores.outcomes(spec.name());
    }

    private static MetricsView view(WindowSpec spec, MetricKey key, long windowStart, OutcomeTally tally) {
        return MetricsView.of(IntentMetricsRecords.of(spec.name(), key, windowStart,
                windowStart + spec.size().toMillis(), tally, false));
    }

    private WindowSpec requireWindow(String window) {
        WindowSpec spec = windows.get(window);
        if (spec == null) {
            throw new IllegalArgumentException("unknown window '" + window + "'; windows: " + windows.keySet());
        }
        return spec;
    }

    private static String range(Optional<Instant> from, Optional<Instant> to) {
        return from.map(f -> "&from=" + f).orElse("") + to.map(t -> "&to=" + t).orElse("");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
