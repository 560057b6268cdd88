package dev.turnloop.metrics.breach;

import dev.turnloop.metrics.window.CohortKey;
import dev.turnloop.metrics.window.IntentMetricsRecords;
import dev.turnloop.metrics.window.KeyParts;
import dev.turnloop.metrics.window.OutcomeCounts;
import dev.turnloop.metrics.window.RateMetric;
import dev.turnloop.schemas.Breach;
import dev.turnloop.schemas.BreachKind;
import dev.turnloop.schemas.BreachState;
import dev.turnloop.schemas.Evidence;
import dev.turnloop.schemas.IntentAssignment;
import dev.turnloop.schemas.IntentEvent;
import dev.turnloop.schemas.IntentEventKind;
import dev.turnloop.schemas.IntentMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Applies the breach rules to one intent's inputs (all three arrive partitioned by intent id): problem conversations
 * are remembered as evidence, final metrics of the all-cohorts and segment roll-ups are checked against threshold
 * and baseline rules, intent events become new/spiking breaches.
 *
 * <p>Hysteresis: a breach is OPEN while its id ({@code rule|intent|segment}) is in the open-breaches store. It is
 * emitted once when it opens and once when it resolves, never in between, so a metric that stays bad does not
 * repeat the alert every window.
 */
final class BreachProcessor implements Processor<String, SpecificRecord, String, Breach> {

    static final String ALL_SEGMENTS = CohortKey.ALL;

    private final BreachRules rules;
    private final EvidenceSettings evidence;
    private final Duration scanInterval;
    private ProcessorContext<String, Breach> context;
    private KeyValueStore<String, Breach> openBreaches;
    private KeyValueStore<String, byte[]> baselines;
    private RecentProblems problems;

    BreachProcessor(BreachRules rules, EvidenceSettings evidence, Duration scanInterval) {
        this.rules = rules;
        this.evidence = evidence;
        this.scanInterval = scanInterval;
    }

    @Override
    public void init(ProcessorContext<String, Breach> context) {
        this.context = context;
        this.openBreaches = context.getStateStore(BreachGraph.OPEN_BREACHES_STORE);
        this.baselines = context.getStateStore(BreachGraph.BASELINE_HISTORY_STORE);
        this.problems = new RecentProblems(context.getStateStore(BreachGraph.RECENT_PROBLEMS_STORE), evidence);
        if (rules.intentEvents().stream().anyMatch(rule -> rule.resolveAfter().isPresent())) {
            context.schedule(scanInterval, PunctuationType.STREAM_TIME, this::resolveQuietIntents);
        }
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        SpecificRecord value = record.value();
        if (value instanceof IntentAssignment assignment) {
            rememberIfProblem(assignment);
        } else if (value instanceof IntentMetrics metrics) {
            evaluate(metrics, record.timestamp());
        } else if (value instanceof IntentEvent event) {
            onIntentEvent(event, record.timestamp());
        } else if (value != null) {
            throw new IllegalArgumentException("unexpected input " + value.getClass());
        }
    }

    private void rememberIfProblem(IntentAssignment assignment) {
        if (ProblemConversation.isProblem(assignment.getSummary())) {
            problems.remember(assignment.getIntentId(), ProblemConversation.of(assignment.getSummary(), evidence));
        }
    }

    private void evaluate(IntentMetrics metrics, long at) {
        CohortKey cohort = CohortKey.of(metrics.getCohort());
        RuleScope scope = switch (cohort.level()) {
            case ALL -> RuleScope.INTENT;
            case SEGMENT -> RuleScope.SEGMENT;
            case COHORT -> null;
        };
        if (scope == null) {
            return;
        }
        String segment = scope == RuleScope.INTENT ? ALL_SEGMENTS : cohort.segment();
        for (ThresholdRule rule : rules.thresholds()) {
            if (rule.scope() == scope && rule.window().equals(metrics.getWindow())) {
                applyThreshold(rule, metrics, segment, at);
            }
        }
        for (BaselineDropRule rule : rules.baselineDrops()) {
            if (rule.scope() == scope && rule.window().equals(metrics.getWindow())) {
                applyBaseline(rule, metrics, segment, at);
            }
        }
    }

    private void applyThreshold(ThresholdRule rule, IntentMetrics metrics, String segment, long at) {
        long volume = rule.metric().volumeOf(metrics);
        if (volume < rule.minVolume()) {
            return;
        }
        double value = rule.metric().valueOf(metrics);
        String breachId = breachId(rule.id(), metrics.getIntentId(), segment);
        Breach open = openBreaches.get(breachId);
        ProportionTest test = rule.metric().rate()
                .map(rate -> ProportionTest.beyondThreshold(value, volume, rule.value(), rule.op().firesAbove()))
                .orElse(ProportionTest.NONE);
        if (open == null && rule.op().fires(value, rule.value())) {
            Predicate<ProblemConversation> relevant = rule.metric().rate()
                    .map(rate -> (Predicate<ProblemConversation>) c -> rate.failedBy(c.asCounts()))
                    .orElse(c -> true);
            emitOpen(metricBreach(breachId, rule.id(), BreachKind.THRESHOLD, metrics, rule.metric().metricName(),
                    value, rule.value(), 0.0, volume, test, at)
                    .setEvidence(evidenceFor(metrics, segment, relevant)).build());
        } else if (open != null && rule.op().clears(value, rule.value(), rule.clearMargin())) {
            emitResolved(open, metrics, value, volume, test, at);
        }
    }

    private void applyBaseline(BaselineDropRule rule, IntentMetrics metrics, String segment, long at) {
        String breachId = breachId(rule.id(), metrics.getIntentId(), segment);
        byte[] stored = baselines.get(breachId);
        BaselineHistory history = stored == null ? BaselineHistory.EMPTY : BaselineHistory.decode(stored);
        OutcomeCounts counts = IntentMetricsRecords.countsOf(metrics);
        RateMetric metric = rule.metric();
        long volume = counts.conversations();
        double value = metric.rate(counts);
        Breach open = openBreaches.get(breachId);
        boolean openAfter = open != null;
        if (volume >= rule.minVolume() && open == null && history.conversations() >= rule.minVolume()) {
            ProportionTest test = ProportionTest.worseThanBaseline(metric.events(counts), volume, history.events(),
                    history.conversations(), metric.better());
            if (test.pValue() < rule.pValue() && worsening(metric, value, history.rate()) >= rule.minChange()) {
                emitOpen(metricBreach(breachId, rule.id(), BreachKind.BASELINE_DROP, metrics, metric.metricName(),
                        value, rule.pValue(), history.rate(), volume, test, at)
                        .setEvidence(evidenceFor(metrics, segment, c -> metric.failedBy(c.asCounts()))).build());
                openAfter = true;
            }
        } else if (volume >= rule.minVolume() && open != null
                && worsening(metric, value, open.getBaseline()) <= rule.clearMargin()) {
            emitResolved(open, metrics, value, volume, ProportionTest.beyondThreshold(value, volume,
                    open.getBaseline(), metric.better().sign() < 0), at);
            openAfter = false;
        }
        // the baseline learns only from windows outside a breach, so a lasting drop cannot become the new normal
        if (!openAfter) {
            baselines.put(breachId, history.append(new BaselineHistory.WindowCount(
                    metrics.getWindowStart().toEpochMilli(), metrics.getWindowEnd().toEpochMilli(), volume,
                    metric.events(counts)), rule.baselineWindows()).encode());
        }
    }

    /** How much worse {@code value} is than {@code baseline}, positive when worse. */
    private static double worsening(RateMetric metric, double value, double baseline) {
        return -metric.better().sign() * (value - baseline);
    }

    private void onIntentEvent(IntentEvent event, long at) {
        for (IntentEventRule rule : rules.intentEvents()) {
            if (rule.event() != event.getKind()) {
                continue;
            }
            String breachId = breachId(rule.id(), event.getIntentId(), ALL_SEGMENTS);
            Breach open = openBreaches.get(breachId);
            if (open != null) {
                // still happening: keep it open and restart its quiet period, without a new alert
                openBreaches.put(breachId, Breach.newBuilder(open).setAt(Instant.ofEpochMilli(at)).build());
                continue;
            }
            Instant eventAt = event.getAt();
            emitOpen(Breach.newBuilder()
                    .setBreachId(breachId)
                    .setRuleId(rule.id())
                    .setKind(event.getKind() == IntentEventKind.NEW ? BreachKind.NEW_INTENT : BreachKind.SPIKING_INTENT)
                    .setState(BreachState.OPEN)
                    .setIntentId(event.getIntentId())
                    .setIntentLabel(event.getLabel())
                    .setMetric("volume")
                    .setValue(event.getVolume())
                    .setBaseline(event.getBaseline())
                    .setVolume(event.getVolume())
                    .setStatistic(event.getStatistic())
                    .setWindow("")
                    .setWindowStart(eventAt)
                    .setWindowEnd(eventAt)
                    .setCohort(CohortKey.ALL_COHORTS.toCohort())
                    .setEvidence(problems.pick(event.getIntentId(), c -> true, Long.MIN_VALUE, Long.MAX_VALUE))
                    .setAt(Instant.ofEpochMilli(at))
                    .build());
        }
    }

    private void resolveQuietIntents(long streamTime) {
        List<KeyValue<String, Breach>> quiet = new ArrayList<>();
        try (KeyValueIterator<String, Breach> all = openBreaches.all()) {
            all.forEachRemaining(entry -> {
                if (isQuiet(entry.value, streamTime)) {
                    quiet.add(entry);
                }
            });
        }
        for (KeyValue<String, Breach> entry : quiet) {
            Breach resolved = Breach.newBuilder(entry.value).setState(BreachState.RESOLVED).setEvidence(List.of())
                    .setAt(Instant.ofEpochMilli(streamTime)).build();
            openBreaches.delete(entry.key);
            context.forward(new Record<>(entry.key, resolved, streamTime));
        }
    }

    private boolean isQuiet(Breach breach, long streamTime) {
        return rules.intentEvents().stream()
                .filter(rule -> rule.id().equals(breach.getRuleId()))
                .anyMatch(rule -> rule.resolveAfter()
                        .map(after -> streamTime - breach.getAt().toEpochMilli() >= after.toMillis())
                        .orElse(false));
    }

    private List<Evidence> evidenceFor(IntentMetrics metrics, String segment,
            Predicate<ProblemConversation> relevant) {
        Predicate<ProblemConversation> inSegment = ALL_SEGMENTS.equals(segment) ? c -> true
                : c -> c.segment().equals(segment);
        return problems.pick(metrics.getIntentId(), inSegment.and(relevant),
                metrics.getWindowStart().toEpochMilli(), metrics.getWindowEnd().toEpochMilli());
    }

    private static Breach.Builder metricBreach(String breachId, String ruleId, BreachKind kind, IntentMetrics metrics,
            String metric, double value, double threshold, double baseline, long volume, ProportionTest test,
            long at) {
        return Breach.newBuilder()
                .setBreachId(breachId)
                .setRuleId(ruleId)
                .setKind(kind)
                .setState(BreachState.OPEN)
                .setIntentId(metrics.getIntentId())
                .setMetric(metric)
                .setValue(value)
                .setThreshold(threshold)
                .setBaseline(baseline)
                .setVolume(volume)
                .setStatistic(test.statistic())
                .setPValue(test.pValue())
                .setWindow(metrics.getWindow())
                .setWindowStart(metrics.getWindowStart())
                .setWindowEnd(metrics.getWindowEnd())
                .setCohort(metrics.getCohort())
                .setAt(Instant.ofEpochMilli(at));
    }

    private void emitOpen(Breach breach) {
        openBreaches.put(breach.getBreachId(), breach);
        context.forward(new Record<>(breach.getBreachId(), breach, breach.getAt().toEpochMilli()));
    }

    private void emitResolved(Breach open, IntentMetrics metrics, double value, long volume, ProportionTest test,
            long at) {
        Breach resolved = Breach.newBuilder(open)
                .setState(BreachState.RESOLVED)
                .setValue(value)
                .setVolume(volume)
                .setStatistic(test.statistic())
                .setPValue(test.pValue())
                .setWindowStart(metrics.getWindowStart())
                .setWindowEnd(metrics.getWindowEnd())
                .setEvidence(List.of())
                .setAt(Instant.ofEpochMilli(at))
                .build();
        openBreaches.delete(open.getBreachId());
        context.forward(new Record<>(open.getBreachId(), resolved, at));
    }

    static String breachId(String ruleId, String intentId, String segment) {
        return KeyParts.join(ruleId, intentId, segment);
    }
}
