package dev.turnloop.dashboard.view;

import dev.turnloop.schemas.AssignmentStage;
import dev.turnloop.schemas.BacklogItem;
import dev.turnloop.schemas.BacklogStatus;
import dev.turnloop.schemas.Breach;
import dev.turnloop.schemas.BreachState;
import dev.turnloop.schemas.ChangeEvent;
import dev.turnloop.schemas.CohortVerdict;
import dev.turnloop.schemas.ConversationSummary;
import dev.turnloop.schemas.IntentAssignment;
import dev.turnloop.schemas.IntentCatalogEntry;
import dev.turnloop.schemas.IntentEvent;
import dev.turnloop.textkit.Redactor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The dashboard's read model of the pipeline's output topics: the intent catalog, confirmed intent assignments (with
 * the conversation summaries they carry), intent events, breaches, the backlog, change events and verdicts. One
 * instance is fed by one consumer; readers get copies shaped as {@link Rows}. Memory is bounded by the number of
 * intents, backlog items and changes, never by traffic.
 *
 * <p>Privacy: every text goes through the {@link Redactor} on the way out, and an intent that has not passed the
 * privacy gate ({@code published = false}) shows no name, keyphrases, examples or conversations.
 */
public final class DashboardView {

    /** How the view is bounded and how the volume trend is bucketed. */
    public record Settings(Duration volumeBucket, int volumeBuckets, int recentConversationsPerIntent, int maxEvents,
            Set<String> syntheticAgents) {

        public static Settings defaults() {
            return new Settings(Duration.ofMinutes(1), 60, 20, 200, Set.of());
        }

        public Settings withVolumeBucket(Duration bucket) {
            return new Settings(bucket, volumeBuckets, recentConversationsPerIntent, maxEvents, syntheticAgents);
        }

        /** Agent names whose traffic is synthetic: the dashboard labels them so. */
        public Settings withSyntheticAgents(Set<String> agents) {
            return new Settings(volumeBucket, volumeBuckets, recentConversationsPerIntent, maxEvents, Set.copyOf(agents));
        }
    }

    private static final String GATED_LABEL = "unnamed intent (below the privacy gate)";

    private final Settings settings;
    private final Redactor redactor;
    private final Clock clock;
    private final Map<String, Long> recordsByTopic = new TreeMap<>();
    private final Map<String, Long> outcomes = new TreeMap<>();
    private final Map<String, IntentCatalogEntry> catalog = new HashMap<>();
    private final Map<String, IntentActivity> activity = new HashMap<>();
    private final Map<String, Set<String>> flags = new HashMap<>();
    private final Deque<Rows.EventRow> events = new ArrayDeque<>();
    private final Map<String, Breach> openBreaches = new HashMap<>();
    private final Map<String, BacklogItem> backlog = new HashMap<>();
    private final Map<String, ChangeEvent> changes = new HashMap<>();
    private final Map<String, CohortVerdict> verdicts = new LinkedHashMap<>();
    private final Map<String, Long> verdictCounts = new TreeMap<>();

    public DashboardView(Settings settings, Redactor redactor, Clock clock) {
        this.settings = settings;
        this.redactor = redactor;
        this.clock = clock;
    }

    public static DashboardView standard(Settings settings) {
        return new DashboardView(settings, Redactor.standard(), Clock.systemUTC());
    }

    // ---- updates, one per topic -------------------------------------------------------------------------------

    public synchronized void counted(String topic) {
        recordsByTopic.merge(topic, 1L, Long::sum);
    }

    public synchronized void summary(ConversationSummary summary) {
        outcomes.merge(summary.getOutcome().name(), 1L, Long::sum);
    }

    public synchronized void catalogEntry(IntentCatalogEntry entry) {
        catalog.put(entry.getIntentId(), entry);
    }

    public synchronized void assignment(IntentAssignment assignment) {
        if (assignment.getStage() != AssignmentStage.CONFIRMED) {
            return; // early assignments are provisional; counting them too would count a conversation twice
        }
        activity.computeIfAbsent(assignment.getIntentId(), id -> new IntentActivity(settings.volumeBucket(),
                        settings.volumeBuckets(), settings.recentConversationsPerIntent()))
                .confirmed(assignment.getEventTime(), assignment.getSummary(), assignment.getKinds());
    }

    public synchronized void intentEvent(IntentEvent event) {
        flags.computeIfAbsent(event.getIntentId(), id -> new TreeSet<>()).add(event.getKind().name());
        addEvent(new Rows.EventRow(event.getKind().name(), event.getIntentId(), event.getLabel(), String.format(
                "volume %d against a baseline of %.1f (x%.1f)", event.getVolume(), event.getBaseline(),
                event.getRatio()), event.getAt().toEpochMilli()));
    }

    public synchronized void breach(Breach breach) {
        if (breach.getState() == BreachState.OPEN) {
            openBreaches.put(breach.getBreachId(), breach);
        } else {
            openBreaches.remove(breach.getBreachId());
        }
        addEvent(new Rows.EventRow("BREACH_" + breach.getState().name(), breach.getIntentId(),
                breach.getIntentLabel(), String.format("%s %s = %.3f (threshold %.3f, %d conversations, %s window)",
                        breach.getRuleId(), breach.getMetric(), breach.getValue(), breach.getThreshold(),
                        breach.getVolume(), breach.getWindow()), breach.getAt().toEpochMilli()));
    }

    public synchronized void backlogItem(BacklogItem item) {
        backlog.put(item.getItemId(), item);
    }

    public synchronized void change(ChangeEvent change) {
        changes.put(change.getChangeId(), change);
    }

    public synchronized void verdict(CohortVerdict verdict) {
        verdicts.put(verdict.getChangeId(), verdict);
        verdictCounts.merge(verdict.getVerdict().name(), 1L, Long::sum);
    }

    private void addEvent(Rows.EventRow row) {
        events.addFirst(row);
        while (events.size() > settings.maxEvents()) {
            events.removeLast();
        }
    }

    // ---- reads ------------------------------------------------------------------------------------------------

    public synchronized Rows.Overview overview() {
        return new Rows.Overview(Map.copyOf(recordsByTopic), Map.copyOf(outcomes),
                outcomes.values().stream().mapToLong(Long::longValue).sum(), catalog.size(),
                (int) catalog.values().stream().filter(IntentCatalogEntry::getPublished).count(), openBreaches.size(),
                (int) backlog.values().stream().filter(i -> i.getStatus() == BacklogStatus.OPEN).count(),
                countBacklog(item -> item.getPrUrl() != null), countBacklog(item -> item.getMergedAt() != null),
                countBacklog(item -> item.getRevertedAt() != null),
                Map.copyOf(verdictCounts), List.copyOf(new TreeSet<>(settings.syntheticAgents())),
                clock.millis());
    }

    /** Active intents, busiest first. */
    public synchronized List<Rows.IntentRow> intents() {
        return catalog.values().stream()
                .filter(entry -> entry.getStatus() == dev.turnloop.schemas.IntentStatus.ACTIVE)
                .map(this::row)
                .sorted(Comparator.comparingLong(Rows.IntentRow::conversations).reversed()
                        .thenComparing(Rows.IntentRow::intentId))
                .toList();
    }

    public synchronized Optional<Rows.IntentDetail> intent(String intentId) {
        IntentCatalogEntry entry = catalog.get(intentId);
        if (entry == null) {
            return Optional.empty();
        }
        IntentActivity act = activity.get(intentId);
        boolean published = entry.getPublished();
        List<String> lineage = entry.getLineage().stream()
                .map(l -> l.getKind().name() + (l.getOtherIntentIds().isEmpty() ? "" : " " + l.getOtherIntentIds())
                        + " at model v" + l.getModelVersion())
                .toList();
        List<Rows.ConversationRow> conversations = !published || act == null ? List.of()
                : act.recent().stream().map(this::conversation).toList();
        List<Rows.EventRow> intentEvents = events.stream().filter(e -> intentId.equals(e.intentId()))
                .map(this::redacted).toList();
        return Optional.of(new Rows.IntentDetail(row(entry),
                published ? entry.getExamples().stream().map(redactor::redact).toList() : List.of(), lineage,
                act == null ? Map.of() : act.agents(), conversations, intentEvents));
    }

    /** The backlog, highest score first, ranked from 1. */
    public synchronized List<Rows.BacklogRow> backlog() {
        List<BacklogItem> ranked = backlog.values().stream()
                .sorted(Comparator.comparingDouble(BacklogItem::getScore).reversed()
                        .thenComparing(BacklogItem::getItemId))
                .toList();
        List<Rows.BacklogRow> rows = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            BacklogItem item = ranked.get(i);
            rows.add(new Rows.BacklogRow(item.getItemId(), i + 1, item.getIntentId(), text(item.getIntentLabel()),
                    item.getMechanismId(), text(item.getMechanism()), item.getMechanismKnown(),
                    item.getTargetMetric(), item.getExpectedDirection().name(), item.getFrequency(),
                    item.getSeverity(), item.getFixCost().name(), item.getScore(), item.getStatus().name(),
                    item.getEvidence().stream().map(e -> new Rows.EvidenceRow(e.getConversationId(),
                            text(e.getExcerpt()), List.copyOf(e.getSignals()), e.getOutcome())).toList(),
                    item.getPrUrl(), item.getBranch(), item.getUpdatedAt().toEpochMilli()));
        }
        return rows;
    }

    /** The head branch of a backlog item's pull request, if it has one. */
    public synchronized Optional<String> pullRequestBranch(String itemId) {
        BacklogItem item = backlog.get(itemId);
        return item == null || item.getPrUrl() == null ? Optional.empty() : Optional.ofNullable(item.getBranch());
    }

    /** The latest verdict of every change, newest first. */
    public synchronized List<Rows.VerdictRow> verdicts() {
        return verdicts.values().stream()
                .sorted(Comparator.comparing(CohortVerdict::getDecidedAt).reversed())
                .map(this::verdictRow)
                .toList();
    }

    public synchronized List<Rows.EventRow> events() {
        return events.stream().map(this::redacted).toList();
    }

    /** The active intent holding most confirmed conversations of {@code agentName}, if any. */
    public synchronized Optional<String> busiestIntentOf(String agentName) {
        return activity.entrySet().stream()
                .filter(e -> e.getValue().conversationsOf(agentName) > 0)
                .max(Comparator.comparingLong(e -> e.getValue().conversationsOf(agentName)))
                .map(Map.Entry::getKey);
    }

    /** Records seen on {@code topic}, for progress lines. */
    public synchronized long records(String topic) {
        return recordsByTopic.getOrDefault(topic, 0L);
    }

    /** The backlog items as the PR worker published them (unredacted: for in-process use, never for the API). */
    public synchronized Map<String, BacklogItem> backlogItems() {
        return Map.copyOf(backlog);
    }

    /** The latest verdict of every change (for in-process use, never for the API). */
    public synchronized Map<String, CohortVerdict> latestVerdicts() {
        return Map.copyOf(verdicts);
    }

    /** Pull requests opened, merged and reverted are counted by the items' fields, which a closed item keeps. */
    private long countBacklog(java.util.function.Predicate<BacklogItem> counted) {
        return backlog.values().stream().filter(counted).count();
    }

    private Rows.IntentRow row(IntentCatalogEntry entry) {
        IntentActivity act = activity.get(entry.getIntentId());
        boolean published = entry.getPublished();
        return new Rows.IntentRow(entry.getIntentId(), published ? text(entry.getLabel()) : GATED_LABEL,
                entry.getThemeId(), published ? text(entry.getThemeLabel()) : "",
                published ? entry.getKeyphrases().stream().map(this::text).toList() : List.of(),
                Math.max(entry.getConversations(), act == null ? 0 : act.conversations()), entry.getDistinctUsers(),
                published, entry.getStatus().name(), act == null ? List.of() : act.volumeUntil(Instant.now(clock)),
                act == null ? Map.of() : act.outcomes(), act == null ? Map.of() : act.kinds(),
                List.copyOf(flags.getOrDefault(entry.getIntentId(), Set.of())));
    }

    private Rows.ConversationRow conversation(ConversationSummary s) {
        var cohort = s.getCohort();
        return new Rows.ConversationRow(s.getConversationId(), s.getOutcome().name(), text(s.getOutcomeReason()),
                s.getTurns(), s.getTurnDepth(), s.getRepairTurns(), s.getNegativeTurns(), s.getEscalationTurns(),
                text(s.getFirstUserText()), List.copyOf(s.getSignalTrail()), cohort.getAgentName(),
                cohort.getPromptVersion(), cohort.getHarnessVersion(), cohort.getConfigVersion(),
                s.getClosedAt().toEpochMilli());
    }

    private Rows.VerdictRow verdictRow(CohortVerdict v) {
        ChangeEvent change = changes.get(v.getChangeId());
        IntentCatalogEntry target = catalog.get(v.getTargetIntentId());
        String targetLabel = target != null && target.getPublished() ? text(target.getLabel()) : GATED_LABEL;
        return new Rows.VerdictRow(v.getChangeId(), v.getItemId(), v.getVerdict().name(), text(v.getReason()),
                v.getTargetIntentId(), targetLabel, v.getTargetMetric(), arm(v.getControl()), arm(v.getTreatment()),
                v.getEffect(), v.getEffectCiLow(), v.getEffectCiHigh(), v.getEValue(),
                v.getRegressions().stream().map(r -> String.format("%s %s %+.3f (e=%.1f)", r.getIntentId(),
                        r.getMetric(), r.getEffect(), r.getEValue())).toList(),
                change == null ? null : change.getComponent().name(), change != null && change.getIsRevert(),
                change == null ? null : change.getPrUrl(), v.getDecidedAt().toEpochMilli());
    }

    private static Rows.ArmRow arm(dev.turnloop.schemas.Arm arm) {
        return new Rows.ArmRow(arm.getVersion(), arm.getConversations(), arm.getSuccesses(), arm.getRate(),
                arm.getCiLow(), arm.getCiHigh());
    }

    private Rows.EventRow redacted(Rows.EventRow row) {
        IntentCatalogEntry entry = catalog.get(row.intentId());
        String label = entry != null && entry.getPublished() ? text(entry.getLabel()) : GATED_LABEL;
        return new Rows.EventRow(row.kind(), row.intentId(), label, text(row.detail()), row.at());
    }

    private String text(String value) {
        return value == null ? "" : redactor.redact(value);
    }
}
