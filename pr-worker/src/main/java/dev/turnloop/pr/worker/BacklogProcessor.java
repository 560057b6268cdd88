package dev.turnloop.pr.worker;

import dev.turnloop.pr.backlog.BacklogItems;
import dev.turnloop.pr.backlog.BacklogLifecycle;
import dev.turnloop.pr.backlog.Contribution;
import dev.turnloop.pr.backlog.LifecycleEvent;
import dev.turnloop.pr.backlog.ScoringSettings;
import dev.turnloop.pr.forge.PullRequestRef;
import dev.turnloop.pr.forge.PullRequestState;
import dev.turnloop.pr.mechanism.Diagnosis;
import dev.turnloop.pr.mechanism.MechanismDiagnoser;
import dev.turnloop.pr.mechanism.RemedyPlanner;
import dev.turnloop.schemas.BacklogItem;
import dev.turnloop.schemas.BacklogStatus;
import dev.turnloop.schemas.Breach;
import dev.turnloop.schemas.BreachState;
import dev.turnloop.schemas.CohortVerdict;
import dev.turnloop.schemas.Verdict;
import dev.turnloop.schemas.serde.TrustedContract;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker: breaches update backlog items; verdicts keep or revert shipped changes; a wall-clock cycle polls open
 * pull requests for merges (emitting ChangeEvents) and opens pull requests for the best eligible items.
 *
 * <p>Idempotency: git pushes and forge calls are not part of the Streams transaction. Each is made before the state
 * that records it is committed, and each is idempotent by itself (branches named for the item and recognised by
 * commit trailer; pull requests found by head branch before one is created; change ids derived from the merge
 * commit). A crash between a side effect and the commit therefore replays into the same branch, the same pull
 * request and the same change id; and once the state is committed, statuses only move forward
 * ({@link BacklogLifecycle}), so replayed breaches and verdicts change nothing.
 */
final class BacklogProcessor implements Processor<String, WorkerInput, String, Object> {
    private static final Logger LOG = LoggerFactory.getLogger(BacklogProcessor.class);

    private final MechanismDiagnoser diagnoser;
    private final RemedyPlanner planner;
    private final BacklogItems backlog;
    private final ScoringSettings scoring;
    private final WorkerSettings settings;
    private final PullRequestActions actions;
    private final MergeNotifications notifications;

    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, BacklogItem> items;
    private KeyValueStore<String, ItemWork> works;
    private KeyValueStore<String, CohortVerdict> pendingReverts;
    private long nextCycle;

    BacklogProcessor(MechanismDiagnoser diagnoser, RemedyPlanner planner, BacklogItems backlog, ScoringSettings scoring,
            WorkerSettings settings, PullRequestActions actions, MergeNotifications notifications) {
        TrustedContract.install();
        this.diagnoser = diagnoser;
        this.planner = planner;
        this.backlog = backlog;
        this.scoring = scoring;
        this.settings = settings;
        this.actions = actions;
        this.notifications = notifications;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.items = context.getStateStore(PrWorkerGraph.BACKLOG_ITEMS_STORE);
        this.works = context.getStateStore(PrWorkerGraph.PULL_REQUEST_WORK_STORE);
        this.pendingReverts = context.getStateStore(PrWorkerGraph.PENDING_REVERTS_STORE);
        context.schedule(settings.tick(), PunctuationType.WALL_CLOCK_TIME, this::tick);
    }

    @Override
    public void process(Record<String, WorkerInput> record) {
        if (record.value() instanceof WorkerInput.BreachArrived arrived) {
            Breach breach = arrived.breach();
            if (breach.getState() == BreachState.OPEN) {
                onOpenBreach(breach, record.timestamp());
            } else {
                onResolvedBreach(breach, record.timestamp());
            }
        } else if (record.value() instanceof WorkerInput.VerdictArrived arrived) {
            onVerdict(arrived.verdict(), record.timestamp());
        }
    }

    private void onOpenBreach(Breach breach, long timestamp) {
        Diagnosis diagnosis = diagnoser.diagnose(breach);
        String id = BacklogItems.itemId(breach.getIntentId(), diagnosis.mechanismId());
        BacklogItem existing = items.get(id);
        ItemWork work = workOf(id).withContribution(breach.getBreachId(), Contribution.of(breach, scoring));
        BacklogItem updated = backlog.withBreach(existing, breach, diagnosis, work.contributions().values(),
                breach.getAt());
        updated = transition(updated, LifecycleEvent.BREACH_OPENED, work, breach.getAt());
        works.put(id, work);
        save(existing, updated, timestamp);
    }

    private void onResolvedBreach(Breach breach, long timestamp) {
        List<String> hit = new ArrayList<>();
        try (KeyValueIterator<String, ItemWork> all = works.all()) {
            all.forEachRemaining(kv -> {
                Contribution c = kv.value.contributions().get(breach.getBreachId());
                if (c != null && c.active()) {
                    hit.add(kv.key);
                }
            });
        }
        for (String id : hit) {
            ItemWork work = workOf(id);
            work = work.withContribution(breach.getBreachId(), work.contributions().get(breach.getBreachId()).resolved());
            BacklogItem existing = items.get(id);
            BacklogItem updated = backlog.rescored(existing, work.contributions().values(), breach.getAt());
            if (!work.hasActiveBreach()) {
                updated = transition(updated, LifecycleEvent.BREACHES_RESOLVED, work, breach.getAt());
            }
            works.put(id, work);
            save(existing, updated, timestamp);
        }
    }

    private void onVerdict(CohortVerdict verdict, long timestamp) {
        Optional<String> found = itemFor(verdict);
        if (found.isEmpty()) {
            LOG.debug("verdict for change {} concerns no item of this worker", verdict.getChangeId());
            return;
        }
        String id = found.get();
        BacklogItem item = items.get(id);
        ItemWork work = workOf(id);
        Instant at = Instant.ofEpochMilli(timestamp);
        if (verdict.getVerdict() == Verdict.KEEP) {
            save(item, transition(item, LifecycleEvent.VERDICT_KEEP, work, at), timestamp);
        } else if (verdict.getVerdict() == Verdict.REVERT && work.revertPullRequest() == null
                && BacklogLifecycle.next(item.getStatus(), LifecycleEvent.VERDICT_REVERT, true).isPresent()) {
            pendingReverts.put(id, verdict);
            attemptRevert(id, verdict, context.currentSystemTimeMs());
        }
    }

    /** The item a verdict is about: by its item id, else by change id; only for the change the item shipped. */
    private Optional<String> itemFor(CohortVerdict verdict) {
        String id = verdict.getItemId();
        if (id == null || items.get(id) == null) {
            id = null;
            try (KeyValueIterator<String, ItemWork> all = works.all()) {
                while (all.hasNext()) {
                    KeyValue<String, ItemWork> kv = all.next();
                    if (verdict.getChangeId().equals(kv.value.changeId())) {
                        id = kv.key;
                        break;
                    }
                }
            }
        }
        return Optional.ofNullable(id).filter(i -> verdict.getChangeId().equals(workOf(i).changeId()));
    }

    private void tick(long now) {
        boolean nudged = notifications.takePending();
        boolean due = now >= nextCycle;
        if (!nudged && !due) {
            return;
        }
        checkPullRequests(now);
        retryReverts(now);
        if (due) {
            openPullRequests(now);
            nextCycle = now + settings.cycleInterval().toMillis();
        }
    }

    private void checkPullRequests(long now) {
        for (KeyValue<String, BacklogItem> kv : snapshot()) {
            BacklogItem item = kv.value;
            ItemWork work = workOf(kv.key);
            try {
                if (item.getStatus() == BacklogStatus.PR_OPENED && work.pullRequest() != null) {
                    checkChange(item, work, now);
                } else if (item.getStatus() == BacklogStatus.REVERTED && work.revertPullRequest() != null) {
                    checkRevert(item, work, now);
                }
            } catch (RuntimeException e) {
                LOG.warn("checking the pull request of {} failed; will check again: {}", kv.key, e.getMessage());
            }
        }
    }

    private void checkChange(BacklogItem item, ItemWork work, long now) {
        PullRequestRef pr = actions.pullRequest(work.pullRequest());
        Instant at = Instant.ofEpochMilli(now);
        if (pr.state() == PullRequestState.CLOSED) {
            LOG.info("pull request #{} of {} was closed without merging; closing the item", pr.number(), item.getItemId());
            save(item, transition(item, LifecycleEvent.PULL_REQUEST_CLOSED, work, at), now);
        } else if (pr.state() == PullRequestState.MERGED) {
            String merge = pr.mergeCommit().orElseThrow();
            context.forward(new Record<>(ChangeEvents.changeId(merge), ChangeEvents.merged(item,
                    actions.componentOf(work.targetFile()), actions.baseBefore(merge), merge, pr.url(),
                    settings.plannedVolumePerArm(), at, false), now));
            works.put(item.getItemId(), work.withMerge(merge, ChangeEvents.changeId(merge)));
            LOG.info("pull request #{} of {} was merged as {}", pr.number(), item.getItemId(), merge);
            save(item, BacklogItem.newBuilder(transition(item, LifecycleEvent.PULL_REQUEST_MERGED, work, at))
                    .setMergedAt(at).build(), now);
        }
    }

    private void checkRevert(BacklogItem item, ItemWork work, long now) {
        PullRequestRef pr = actions.pullRequest(work.revertPullRequest());
        Instant at = Instant.ofEpochMilli(now);
        if (pr.state() == PullRequestState.MERGED) {
            String merge = pr.mergeCommit().orElseThrow();
            context.forward(new Record<>(ChangeEvents.changeId(merge), ChangeEvents.merged(item,
                    actions.componentOf(work.targetFile()), actions.baseBefore(merge), merge, pr.url(),
                    settings.plannedVolumePerArm(), at, true), now));
        }
        if (pr.state() != PullRequestState.OPEN) {
            LOG.info("revert pull request #{} of {} is {}; closing the item", pr.number(), item.getItemId(), pr.state());
            save(item, transition(item, LifecycleEvent.REVERT_DECIDED, work, at), now);
        }
    }

    private void retryReverts(long now) {
        List<KeyValue<String, CohortVerdict>> pending = new ArrayList<>();
        try (KeyValueIterator<String, CohortVerdict> all = pendingReverts.all()) {
            all.forEachRemaining(pending::add);
        }
        for (KeyValue<String, CohortVerdict> kv : pending) {
            if (now >= workOf(kv.key).nextAttemptAt()) {
                attemptRevert(kv.key, kv.value, now);
            }
        }
    }

    private void attemptRevert(String id, CohortVerdict verdict, long now) {
        BacklogItem item = items.get(id);
        ItemWork work = workOf(id);
        Instant at = Instant.ofEpochMilli(now);
        ActionResult result = actions.openRevert(item, work.mergeCommit(), work.targetFile(), item.getPrUrl(),
                verdict);
        if (result instanceof ActionResult.Failed failed && !failed.lasting()) {
            works.put(id, work.withProblem(failed.reason(), now + settings.retryBackoff().toMillis()));
            return;
        }
        pendingReverts.delete(id);
        BacklogItem reverted = BacklogItem.newBuilder(transition(item, LifecycleEvent.VERDICT_REVERT, work, at))
                .setRevertedAt(at).build();
        if (result instanceof ActionResult.Opened opened) {
            LOG.info("opened revert pull request #{} for {}", opened.pullRequest().number(), id);
            works.put(id, work.withRevertPullRequest(opened.pullRequest().number()));
            reverted = BacklogItem.newBuilder(reverted).setPrUrl(opened.pullRequest().url()).setBranch(opened.branch())
                    .build();
        } else if (result instanceof ActionResult.NothingToDo nothing) {
            works.put(id, work.withProblem(nothing.reason(), 0));
            reverted = transition(reverted, LifecycleEvent.REVERT_DECIDED, work, at);
        } else if (result instanceof ActionResult.Failed failed) {
            works.put(id, work.withProblem("revert by hand: " + failed.reason(), 0));
        }
        save(item, reverted, now);
    }

    private void openPullRequests(long now) {
        List<BacklogItem> all = snapshot().stream().map(kv -> kv.value).toList();
        long inFlight = all.stream().filter(i -> i.getStatus() == BacklogStatus.PR_OPENED).count();
        List<BacklogItem> eligible = all.stream()
                .filter(i -> i.getStatus() == BacklogStatus.OPEN && i.getMechanismKnown())
                .filter(i -> i.getScore() >= settings.minScore() && planner.canPropose(i.getMechanismId()))
                .filter(i -> {
                    ItemWork work = workOf(i.getItemId());
                    return !work.hadPullRequest() && work.hasActiveBreach() && now >= work.nextAttemptAt();
                })
                .sorted(Comparator.comparingDouble(BacklogItem::getScore).reversed().thenComparing(BacklogItem::getItemId))
                .toList();
        for (BacklogItem item : eligible) {
            if (inFlight >= settings.maxOpenPullRequests()) {
                return;
            }
            ItemWork work = workOf(item.getItemId());
            ActionResult result = actions.openChange(item);
            if (result instanceof ActionResult.Opened opened) {
                LOG.info("opened pull request #{} for {} (score {})", opened.pullRequest().number(), item.getItemId(),
                        item.getScore());
                ItemWork updated = work.withPullRequest(opened.pullRequest().number(), opened.targetFile());
                works.put(item.getItemId(), updated);
                BacklogItem withPr = BacklogItem.newBuilder(transition(item, LifecycleEvent.PULL_REQUEST_OPENED, updated,
                        Instant.ofEpochMilli(now))).setPrUrl(opened.pullRequest().url()).setBranch(opened.branch()).build();
                save(item, withPr, now);
                inFlight++;
            } else if (result instanceof ActionResult.Failed failed) {
                Duration wait = failed.lasting() ? settings.blockedRetry() : settings.retryBackoff();
                works.put(item.getItemId(), work.withProblem(failed.reason(), now + wait.toMillis()));
            } else if (result instanceof ActionResult.NothingToDo nothing) {
                works.put(item.getItemId(), work.withProblem(nothing.reason(), now + settings.blockedRetry().toMillis()));
            }
        }
    }

    /** {@code item} moved by {@code event}, or unchanged when the event does not apply in its status. */
    private static BacklogItem transition(BacklogItem item, LifecycleEvent event, ItemWork work, Instant at) {
        return BacklogLifecycle.next(item.getStatus(), event, work.hadPullRequest())
                .map(status -> BacklogItem.newBuilder(item).setStatus(status).setUpdatedAt(at).build())
                .orElse(item);
    }

    /** Stores and publishes {@code updated} unless it equals {@code existing} but for its update time. */
    private void save(BacklogItem existing, BacklogItem updated, long timestamp) {
        if (existing != null && BacklogItem.newBuilder(updated).setUpdatedAt(existing.getUpdatedAt()).build()
                .equals(existing)) {
            return;
        }
        items.put(updated.getItemId(), updated);
        context.forward(new Record<>(updated.getItemId(), updated, timestamp));
    }

    private ItemWork workOf(String id) {
        return Objects.requireNonNullElseGet(works.get(id), ItemWork::empty);
    }

    private List<KeyValue<String, BacklogItem>> snapshot() {
        List<KeyValue<String, BacklogItem>> all = new ArrayList<>();
        try (KeyValueIterator<String, BacklogItem> it = items.all()) {
            it.forEachRemaining(all::add);
        }
        return all;
    }
}
