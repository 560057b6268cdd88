package dev.turnloop.pr.worker;

import dev.turnloop.pr.backlog.BacklogItems;
import dev.turnloop.pr.backlog.ScoringSettings;
import dev.turnloop.pr.forge.Forge;
import dev.turnloop.pr.mechanism.MechanismDiagnoser;
import dev.turnloop.pr.mechanism.MechanismSettings;
import dev.turnloop.pr.mechanism.RemedyPlanner;
import dev.turnloop.pr.repo.GitWorkspace;
import dev.turnloop.schemas.BacklogItem;
import dev.turnloop.schemas.Breach;
import dev.turnloop.schemas.ChangeEvent;
import dev.turnloop.schemas.CohortVerdict;
import dev.turnloop.schemas.catalog.TopicCatalog;
import dev.turnloop.schemas.serde.SingleObjectSerde;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The worker graph: breaches, re-keyed by intent into one partition ({@value #BREACHES_REPARTITION}), and cohort
 * verdicts (a single-partition topic) feed one processor, {@value #WORKER}, which keeps the whole backlog in one task
 * so it can rank all items, and owns the git work dir. It writes backlog items and ChangeEvents. The worker acts on
 * one repository at a time and its volume is a few records a minute, so one task is the design, not a limit.
 */
public final class PrWorkerGraph {
    /** Backlog items by item id, as last published. */
    public static final String BACKLOG_ITEMS_STORE = "backlog-items";
    /** Per item: breach contributions, its pull requests, merge commit, change id, last problem. */
    public static final String PULL_REQUEST_WORK_STORE = "pull-request-work";
    /** REVERT verdicts whose revert pull request is not open yet, by item id. */
    public static final String PENDING_REVERTS_STORE = "pending-revert-verdicts";
    public static final String BREACHES_SOURCE = "breaches-source";
    public static final String VERDICTS_SOURCE = "cohort-verdicts-source";
    public static final String BREACHES_REPARTITION = "breaches-for-worker";
    public static final String WORKER = "backlog-and-pull-requests";

    private PrWorkerGraph() {
    }

    public static void addTo(StreamsBuilder builder, TopicCatalog topics, ScoringSettings scoring,
            MechanismSettings mechanisms, WorkerSettings worker, GitWorkspace workspace, Forge forge,
            MergeNotifications notifications) {
        MechanismDiagnoser diagnoser = new MechanismDiagnoser(mechanisms);
        RemedyPlanner planner = new RemedyPlanner(workspace.config(), diagnoser);
        BacklogItems backlog = new BacklogItems(scoring, worker.maxEvidence());
        PullRequestActions actions = new PullRequestActions(workspace, forge, planner);

        KStream<String, WorkerInput> breaches = builder
                .stream(topics.breaches.name(), topics.breaches.consumed().withName(BREACHES_SOURCE))
                .filter((key, breach) -> breach != null, Named.as("breaches-present"))
                .selectKey((key, breach) -> breach.getIntentId(), Named.as("breaches-by-intent"))
                .repartition(Repartitioned.with(Serdes.String(), new SingleObjectSerde<>(Breach.class))
                        .withNumberOfPartitions(1).withName(BREACHES_REPARTITION))
                .mapValues(breach -> (WorkerInput) new WorkerInput.BreachArrived(breach), Named.as("as-breach-input"));
        KStream<String, WorkerInput> verdicts = builder
                .stream(topics.cohortVerdicts.name(), topics.cohortVerdicts.consumed().withName(VERDICTS_SOURCE))
                .filter((key, verdict) -> verdict != null, Named.as("verdicts-present"))
                .mapValues(verdict -> (WorkerInput) new WorkerInput.VerdictArrived(verdict), Named.as("as-verdict-input"));

        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(BACKLOG_ITEMS_STORE),
                Serdes.String(), new SingleObjectSerde<>(BacklogItem.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PULL_REQUEST_WORK_STORE),
                Serdes.String(), new JsonStateSerde<>(ItemWork.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PENDING_REVERTS_STORE),
                Serdes.String(), new SingleObjectSerde<>(CohortVerdict.class)));
        KStream<String, Object> outputs = breaches.merge(verdicts, Named.as("worker-inputs"))
                .process(() -> new BacklogProcessor(diagnoser, planner, backlog, scoring, worker, actions, notifications),
                        Named.as(WORKER), BACKLOG_ITEMS_STORE, PULL_REQUEST_WORK_STORE, PENDING_REVERTS_STORE);

        Map<String, KStream<String, Object>> byType = outputs.split(Named.as("output-"))
                .branch((key, value) -> value instanceof BacklogItem, Branched.as("backlog"))
                .branch((key, value) -> value instanceof ChangeEvent, Branched.as("changes"))
                .noDefaultBranch();
        byType.get("output-backlog").mapValues(value -> (BacklogItem) value, Named.as("as-backlog-item"))
                .to(topics.backlog.name(), topics.backlog.produced().withName("backlog-sink"));
        byType.get("output-changes").mapValues(value -> (ChangeEvent) value, Named.as("as-change-event"))
                .to(topics.changeEvents.name(), topics.changeEvents.produced().withName("change-events-sink"));
    }
}
