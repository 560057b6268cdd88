package dev.turnloop.metrics.window;

import dev.turnloop.schemas.IntentMetrics;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes each update of a window's tally as a live {@link IntentMetrics} under {@code <window>|<intent>|<cohort>},
 * keeps the latest all-cohorts window per intent in the latest-totals store (for the intent list), and tells the
 * listener. Of a hopping view only the current window is published, so the compacted live topic holds "the last
 * 7 days" rather than a window that has barely started.
 */
final class LiveMetricsProcessor implements Processor<Windowed<String>, OutcomeTally, String, IntentMetrics> {

    private static final Logger LOG = LoggerFactory.getLogger(LiveMetricsProcessor.class);

    private final WindowSpec spec;
    private final String latestTotalsStoreName;
    private final LiveMetricsListener listener;
    private ProcessorContext<String, IntentMetrics> context;
    private KeyValueStore<String, IntentMetrics> latestTotals;

    LiveMetricsProcessor(WindowSpec spec, String latestTotalsStoreName, LiveMetricsListener listener) {
        this.spec = spec;
        this.latestTotalsStoreName = latestTotalsStoreName;
        this.listener = listener;
    }

    @Override
    public void init(ProcessorContext<String, IntentMetrics> context) {
        this.context = context;
        this.latestTotals = context.getStateStore(latestTotalsStoreName);
    }

    @Override
    public void process(Record<Windowed<String>, OutcomeTally> record) {
        if (record.value() == null || !spec.isCurrent(record.key().window().end(), record.timestamp())) {
            return;
        }
        MetricKey key = MetricKey.parse(record.key().key());
        IntentMetrics metrics = IntentMetricsRecords.of(spec.name(), key, record.key().window().start(),
                record.key().window().end(), record.value(), false);
        if (key.cohort().level() == CohortKey.Level.ALL) {
            rememberIfLatest(key.intentId(), metrics);
        }
        try {
            listener.onLiveMetrics(metrics);
        } catch (RuntimeException e) {
            // a gauge must never stop the metrics themselves
            LOG.warn("live metrics listener failed on {}: {}", key.encode(), e.toString());
        }
        context.forward(record.withKey(key.topicKey(spec.name())).withValue(metrics));
    }

    private void rememberIfLatest(String intentId, IntentMetrics metrics) {
        String storeKey = WindowedMetricsGraph.latestTotalsKey(intentId, spec.name());
        IntentMetrics stored = latestTotals.get(storeKey);
        if (stored == null || !stored.getWindowStart().isAfter(metrics.getWindowStart())) {
            latestTotals.put(storeKey, metrics);
        }
    }
}
