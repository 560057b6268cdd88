package dev.turnloop.metrics.cohort;

import dev.turnloop.metrics.verdict.ArmCounts;
import dev.turnloop.metrics.verdict.Direction;
import dev.turnloop.metrics.verdict.IntentComparison;
import dev.turnloop.metrics.verdict.SegmentCounts;
import dev.turnloop.metrics.verdict.Verdict;
import dev.turnloop.metrics.verdict.VerdictEngine;
import dev.turnloop.metrics.verdict.VerdictPolicy;
import dev.turnloop.metrics.verdict.VerdictResult;
import dev.turnloop.metrics.window.BinaryCodec;
import dev.turnloop.metrics.window.KeyParts;
import dev.turnloop.metrics.window.OutcomeCounts;
import dev.turnloop.metrics.window.RateMetric;
import dev.turnloop.schemas.ChangeEvent;
import dev.turnloop.schemas.Cohort;
import dev.turnloop.schemas.CohortVerdict;
import dev.turnloop.schemas.Component;
import dev.turnloop.schemas.ConversationSummary;
import dev.turnloop.schemas.IntentAssignment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.LongPredicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Judges every tracked change from the conversations it served, in one task (all inputs on one partition).
 *
 * <p>A change event starts tracking: its control arm is seeded from the per-version history of the lookback before
 * the deployment, its treatment arm from any history of the new version. Then each closed conversation served by
 * the old version counts as control, by the new one as treatment, per intent and segment. After each counted
 * conversation the verdict engine looks at the target intent (and at every other intent for regressions); a
 * verdict is published when it changes, every {@code emitEvery} conversations, and when it becomes final. After
 * KEEP or REVERT the change is not looked at again (the planned-volume test assumes a single final analysis) and its
 * counters are dropped.
 */
final class VerdictProcessor implements Processor<String, SpecificRecord, String, CohortVerdict> {

    private static final StringSerializer KEYS = new StringSerializer();
    private static final String OPEN = "open";
    private static final String DECIDED = "decided";

    private final VerdictSettings settings;
    private ProcessorContext<String, CohortVerdict> context;
    private KeyValueStore<String, byte[]> trackedChanges;
    private KeyValueStore<String, byte[]> armOutcomes;
    private KeyValueStore<String, byte[]> versionHistory;

    VerdictProcessor(VerdictSettings settings) {
        this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<String, CohortVerdict> context) {
        this.context = context;
        this.trackedChanges = context.getStateStore(VerdictGraph.TRACKED_CHANGES_STORE);
        this.armOutcomes = context.getStateStore(VerdictGraph.ARM_OUTCOMES_STORE);
        this.versionHistory = context.getStateStore(VerdictGraph.VERSION_HISTORY_STORE);
        context.schedule(settings.historyBucket(), PunctuationType.STREAM_TIME, this::forgetOldHistory);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        if (record.value() instanceof ChangeEvent change) {
            track(change, record.timestamp());
        } else if (record.value() instanceof IntentAssignment assignment) {
            count(assignment, record.timestamp());
        } else if (record.value() != null) {
            throw new IllegalArgumentException("unexpected input " + record.value().getClass());
        }
    }

    private void track(ChangeEvent change, long at) {
        String id = change.getChangeId();
        if (trackedChanges.get(openKey(id)) != null || trackedChanges.get(decidedKey(id)) != null) {
            return; // already judged or being judged: a replayed change event changes nothing
        }
        long deployedAt = change.getDeployedAt().toEpochMilli();
        long lookbackStart = deployedAt - settings.controlLookback().toMillis();
        LongPredicate inLookback = bucket -> bucket + bucketMillis() > lookbackStart;
        seed(change, ChangeArm.CONTROL, change.getOldVersion(), inLookback.and(bucket -> bucket < deployedAt));
        seed(change, ChangeArm.TREATMENT, change.getNewVersion(), inLookback);
        judge(TrackedChange.started(change), at, true);
    }

    /** Adds the history of one version, in the buckets {@code inRange} accepts, to one arm of a new change. */
    private void seed(ChangeEvent change, ChangeArm arm, String version, LongPredicate inRange) {
        Map<String, OutcomeCounts> seeded = new TreeMap<>();
        try (KeyValueIterator<String, byte[]> history = versionHistory.prefixScan(
                KeyParts.prefix(change.getComponent().name(), version), KEYS)) {
            while (history.hasNext()) {
                KeyValue<String, byte[]> entry = history.next();
                List<String> parts = KeyParts.split(entry.key);
                if (inRange.test(Long.parseLong(parts.get(2)))) {
                    seeded.merge(KeyParts.join(change.getChangeId(), parts.get(3), parts.get(4)),
                            VersionHistory.decode(entry.value), OutcomeCounts::plus);
                }
            }
        }
        seeded.forEach((key, counts) -> armOutcomes.put(key, stored(key).plus(arm, counts).encode()));
    }

    private void count(IntentAssignment assignment, long at) {
        ConversationSummary summary = assignment.getSummary();
        Cohort cohort = summary.getCohort();
        OutcomeCounts conversation = OutcomeCounts.of(summary);
        String intent = assignment.getIntentId();
        String segment = cohort.getSegment();
        remember(cohort, intent, segment, conversation, at);

        List<TrackedChange> open = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = trackedChanges.prefixScan(KeyParts.prefix(OPEN), KEYS)) {
            all.forEachRemaining(entry -> open.add(TrackedChange.decode(entry.value)));
        }
        for (TrackedChange tracked : open) {
            Optional<ChangeArm> arm = ChangeArm.of(tracked.change(), cohort);
            if (arm.isPresent()) {
                String key = KeyParts.join(tracked.change().getChangeId(), intent, segment);
                armOutcomes.put(key, stored(key).plus(arm.get(), conversation).encode());
                judge(tracked.counted(), at, false);
            }
        }
    }

    /** Adds the conversation to the history of each component version that served it. */
    private void remember(Cohort cohort, String intent, String segment, OutcomeCounts conversation, long at) {
        long bucket = at - Math.floorMod(at, bucketMillis());
        for (Component component : Component.values()) {
            String key = KeyParts.join(component.name(), ChangeArm.versionOf(component, cohort), Long.toString(bucket),
                    intent, segment);
            byte[] stored = versionHistory.get(key);
            OutcomeCounts counts = stored == null ? conversation : VersionHistory.decode(stored).plus(conversation);
            versionHistory.put(key, VersionHistory.encode(counts));
        }
    }

    private void judge(TrackedChange tracked, long at, boolean publishAnyway) {
        ChangeEvent change = tracked.change();
        VerdictResult result = evaluate(change);
        boolean publish = publishAnyway || result.verdict() != tracked.lastVerdict()
                || result.verdict() != Verdict.NEED_MORE_DATA
                || tracked.sinceLastVerdict() >= settings.emitEvery();
        TrackedChange next = tracked;
        if (publish) {
            context.forward(new Record<>(change.getChangeId(), CohortVerdicts.of(change, result, at), at));
            next = tracked.published(result.verdict());
        }
        if (next.decided()) {
            forgetArms(change.getChangeId());
            trackedChanges.delete(openKey(change.getChangeId()));
            trackedChanges.put(decidedKey(change.getChangeId()), next.encode());
        } else {
            trackedChanges.put(openKey(change.getChangeId()), next.encode());
        }
    }

    /** Changes being judged are kept under {@code open|id}, judged ones under {@code decided|id}. */
    private static String openKey(String changeId) {
        return KeyParts.join(OPEN, changeId);
    }

    private static String decidedKey(String changeId) {
        return KeyParts.join(DECIDED, changeId);
    }

    private VerdictResult evaluate(ChangeEvent change) {
        RateMetric metric = RateMetric.byName(change.getTargetMetric()).orElseThrow();
        Map<String, List<SegmentCounts>> byIntent = new TreeMap<>();
        forEachArm(change.getChangeId(), (parts, arms) -> byIntent
                .computeIfAbsent(parts.get(1), intent -> new ArrayList<>())
                .add(new SegmentCounts(parts.get(2), armCounts(metric, arms.control()),
                        armCounts(metric, arms.treatment()))));
        IntentComparison target = comparison(change, change.getTargetIntentId(), metric,
                Direction.valueOf(change.getExpectedDirection().name()),
                byIntent.getOrDefault(change.getTargetIntentId(), List.of()));
        List<IntentComparison> others = new ArrayList<>();
        byIntent.forEach((intent, segments) -> {
            if (!intent.equals(change.getTargetIntentId())) {
                others.add(comparison(change, intent, metric, metric.better(), segments));
            }
        });
        long planned = change.getPlannedVolumePerArm();
        VerdictPolicy policy = VerdictPolicy.of(settings.alpha(), Math.min(settings.minVolumePerArm(), planned),
                planned);
        return VerdictEngine.evaluate(target, others, policy);
    }

    private static IntentComparison comparison(ChangeEvent change, String intent, RateMetric metric,
            Direction direction, List<SegmentCounts> segments) {
        return new IntentComparison(intent, metric.metricName(), direction, change.getOldVersion(),
                change.getNewVersion(), segments);
    }

    private static ArmCounts armCounts(RateMetric metric, OutcomeCounts counts) {
        return ArmCounts.of(counts.conversations(), metric.events(counts));
    }

    private void forEachArm(String changeId, BiConsumer<List<String>, ArmOutcomes> action) {
        try (KeyValueIterator<String, byte[]> arms = armOutcomes.prefixScan(KeyParts.prefix(changeId), KEYS)) {
            arms.forEachRemaining(entry -> action.accept(KeyParts.split(entry.key), ArmOutcomes.decode(entry.value)));
        }
    }

    private void forgetArms(String changeId) {
        List<String> keys = new ArrayList<>();
        forEachArm(changeId, (parts, arms) -> keys.add(KeyParts.join(parts.toArray(String[]::new))));
        keys.forEach(armOutcomes::delete);
    }

    private ArmOutcomes stored(String key) {
        byte[] bytes = armOutcomes.get(key);
        return bytes == null ? ArmOutcomes.EMPTY : ArmOutcomes.decode(bytes);
    }

    /** Drops history buckets that no new change could still seed from. */
    private void forgetOldHistory(long streamTime) {
        long oldestUseful = streamTime - settings.controlLookback().toMillis() - 2 * bucketMillis();
        List<String> old = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = versionHistory.all()) {
            all.forEachRemaining(entry -> {
                if (Long.parseLong(KeyParts.split(entry.key).get(2)) < oldestUseful) {
                    old.add(entry.key);
                }
            });
        }
        old.forEach(versionHistory::delete);
    }

    private long bucketMillis() {
        return settings.historyBucket().toMillis();
    }

    /** The outcome counts of one version-history bucket. */
    private static final class VersionHistory {
        private static final int LAYOUT = 1;

        static byte[] encode(OutcomeCounts counts) {
            return BinaryCodec.encode(LAYOUT, counts::writeTo);
        }

        static OutcomeCounts decode(byte[] bytes) {
            return BinaryCodec.decode(bytes, LAYOUT, "version history",
                    OutcomeCounts::readFrom);
        }
    }
}
