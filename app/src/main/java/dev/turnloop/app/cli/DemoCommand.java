package dev.turnloop.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.turnloop.app.broker.EmbeddedBroker;
import dev.turnloop.app.config.TurnloopConfig;
import dev.turnloop.app.demo.ConversationLibrary;
import dev.turnloop.app.demo.DemoMonitor;
import dev.turnloop.dashboard.DashboardServer;
import dev.turnloop.dashboard.MetricsQueryClient;
import dev.turnloop.dashboard.PullRequestDiffs;
import dev.turnloop.dashboard.view.DashboardView;
import dev.turnloop.dashboard.view.Rows;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Optional;
import java.util.Set;
import dev.turnloop.app.demo.LiveTraffic;
import dev.turnloop.app.replay.TurnFile;
import dev.turnloop.app.run.FreePort;
import dev.turnloop.app.run.StreamsRunner;
import dev.turnloop.app.run.TurnloopApps;
import dev.turnloop.app.demo.DemoReviewer;
import dev.turnloop.app.demo.RiskyChange;
import dev.turnloop.app.demo.sim.AgentSimulator;
import dev.turnloop.app.demo.sim.AgentVersions;
import dev.turnloop.app.demo.sim.DemoAgentRepo;
import dev.turnloop.app.demo.sim.DemoMetricsSetup;
import dev.turnloop.app.demo.sim.SimulatorSettings;
import dev.turnloop.ingest.IngestSettings;
import dev.turnloop.metrics.cohort.VerdictSettings;
import dev.turnloop.pr.PrWorkerSettings;
import dev.turnloop.pr.worker.WorkerSettings;
import dev.turnloop.pr.forge.LocalForge;
import dev.turnloop.pr.repo.TargetRepoConfig;
import dev.turnloop.pr.worker.MergeNotifications;
import dev.turnloop.schemas.ChangeEvent;
import dev.turnloop.schemas.CohortVerdict;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import dev.turnloop.intent.IntentSettings;
import dev.turnloop.intent.embed.MiniLmEmbedder;
import dev.turnloop.metrics.MetricsSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The embedded demo: a real Kafka broker in this process, an in-memory schema registry, all four apps, real
 * conversations (Schema-Guided Dialogue) played as live traffic beside a labelled-synthetic agent simulator, a
 * reviewer that merges the PR worker's pull requests on a human's behalf, and a deliberately bad change that the
 * verdict engine should send back.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the loop on one machine: an in-process KRaft broker, an in-memory schema registry, the "
                + "pipeline, and real conversations from the Schema-Guided Dialogue dataset played as live traffic.",
                "Prints progress while it runs and a summary at the end."})
public final class DemoCommand implements Callable<Integer> {

    private static final long DEMO_MIN_VOLUME_PER_ARM = 40;
    private static final int DEMO_PLANNED_VOLUME_PER_ARM = 150;

    @Option(names = "--replay", paramLabel = "FILE",
            description = "Turns file to play (default: ../shared/data/sgd/dev-turns.jsonl.gz).")
    Path replayFile;

    @Option(names = "--duration", defaultValue = "8m", converter = HumanDuration.class,
            description = "How long to run (default ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--speed", defaultValue = "1.0", description = "Traffic speed factor (default ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--concurrent", defaultValue = "40",
            description = "Conversations open at once (default ${DEFAULT-VALUE}).")
    int concurrent;

    @Option(names = "--port", defaultValue = "8080",
            description = "Port of the web dashboard on 127.0.0.1; 0 = a free port, -1 = no dashboard "
                    + "(default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--broker-port", defaultValue = "0", description = "Port of the in-process broker (default: a free port).")
    int brokerPort;

    @Option(names = "--summary-json", paramLabel = "F", description = "Write what happened as JSON to F at the end.")
    Path summaryJson;

    @Option(names = "--keep-data", description = "Keep the broker's log directory after the demo ends.")
    boolean keepData;

    @Option(names = "--no-sim", description = "Only real conversations: no synthetic agent simulator, no PR loop.")
    boolean noSim;

    @Override
    public Integer call() throws Exception {
        if (speed <= 0 || concurrent < 1) {
            throw new IllegalArgumentException("--speed must be > 0 and --concurrent >= 1");
        }
        Path file = replayFile != null ? replayFile : DemoData.defaultTurnsFile();
        List<ConversationLibrary.Recorded> library = ConversationLibrary.read(new TurnFile(file));
        Path logDir = Files.createTempDirectory("turnloop-demo-kafka-");
        Path stateDir = Files.createTempDirectory("turnloop-demo-state-");
        say("starting an in-process Kafka broker (KRaft) in " + logDir);
        try (EmbeddedBroker broker = EmbeddedBroker.start(logDir, brokerPort, !keepData)) {
            TurnloopConfig config = TurnloopConfig.load(null, Map.of(), Map.of(
                    TurnloopConfig.BOOTSTRAP_SERVERS, broker.bootstrapServers(),
                    TurnloopConfig.SCHEMA_REGISTRY_URL, "mock://demo-" + UUID.randomUUID(),
                    TurnloopConfig.TOPIC_PARTITIONS, "4",
                    TurnloopConfig.STATE_DIR, stateDir.toString()));
            Pipeline pipeline = Pipeline.from(config);
            say("broker up at " + broker.bootstrapServers() + "; creating topics");
            try (Admin admin = Admin.create(config.kafkaClientProperties())) {
                TopicsCommand.TopicCreator.createMissing(admin, pipeline.topics().all(), (short) 1, false);
            }
            DemoAgentRepo agent = noSim ? null : DemoAgentRepo.create(stateDir.resolve("agent"));
            LocalForge forge = agent == null ? null : LocalForge.nextTo(agent.repository());
            if (agent != null) {
                say("example agent repository (system prompt, harness config, W&B config) at " + agent.repository());
            }
            int queryPort = FreePort.pick();
            List<AutoCloseable> apps = startApps(pipeline, agent, forge, stateDir.resolve("pr-worker-git"), queryPort);
            DashboardView view = DashboardView.standard(DashboardView.Settings.defaults()
                    .withSyntheticAgents(agent == null ? Set.of() : Set.of(AgentSimulator.AGENT_NAME)));
            try (DemoMonitor monitor = new DemoMonitor(config.kafkaClientProperties(), pipeline.topics(), view,
                    AgentSimulator.AGENT_NAME);
                 AutoCloseable dashboard = startDashboard(view, queryPort, forge);
                 ReplayCommand.TurnPublisher publisher = new ReplayCommand.TurnPublisher(pipeline, 0);
                 KafkaProducer<String, ChangeEvent> changeProducer = new KafkaProducer<>(
                         config.kafkaClientProperties(), pipeline.topics().changeEvents.keySerde().serializer(),
                         pipeline.topics().changeEvents.valueSerde().serializer())) {
                Synthetic synthetic = null;
                if (agent != null) {
                    AgentSimulator simulator = new AgentSimulator(new AgentVersions(agent.repository()),
                            agent.initialCommit(), SimulatorSettings.defaults().withConversationsPerSecond(5 * speed));
                    synthetic = new Synthetic(simulator, new DemoReviewer(forge, simulator),
                            new RiskyChange(agent, simulator, forge, TargetRepoConfig.load(agent.targetConfig()),
                                    stateDir.resolve("revert-work")),
                            change -> changeProducer.send(new ProducerRecord<>(pipeline.topics().changeEvents.name(),
                                    change.getChangeId(), change)));
                    say("synthetic agent simulator on (labelled synthetic: agent '" + AgentSimulator.AGENT_NAME
                            + "', conversations 'sim-*')");
                }
                say("playing " + library.size() + " real conversations (SGD) as live traffic for " + duration);
                play(library, publisher, monitor, pipeline, synthetic);
                say("traffic stopped; letting the pipeline drain");
                Thread.sleep(Duration.ofSeconds(15).toMillis());
                Map<String, Object> summary = summary(view, pipeline, library.size());
                if (agent != null) {
                    summary.put("revert_prs_opened", synthetic.risky().reverted() ? 1 : 0);
                    summary.put("agent_repository", agent.repository().toString());
                    summary.put("pull_requests_dir", forge.pullRequestDir().toString());
                }
                printSummary(summary);
                if (summaryJson != null) {
                    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(summaryJson.toFile(),
                            summary);
                    say("summary written to " + summaryJson);
                }
            } finally {
                closeAll(apps);
            }
        }
        return ExitCodes.OK;
    }

    /** Starts the apps and their sidecars (the metrics query API on {@code queryPort}); closes in reverse order. */
    private List<AutoCloseable> startApps(Pipeline pipeline, DemoAgentRepo agent, LocalForge forge, Path workDir,
            int queryPort) throws Exception {
        // short gaps and windows so that conversations close, metrics move and breaches fire within minutes
        IngestSettings ingest = IngestSettings.defaults().withInactivityGap(DemoMetricsSetup.INACTIVITY_GAP)
                .withReorderGrace(Duration.ofSeconds(5)).withScanInterval(Duration.ofSeconds(5));
        List<TurnloopApps.App> apps = new ArrayList<>();
        apps.add(TurnloopApps.ingest(pipeline, ingest, 1, 0));
        // a low privacy gate: demo traffic has few distinct users per intent
        apps.add(TurnloopApps.intents(pipeline, IntentSettings.defaults().withMinDistinctUsers(3),
                new MiniLmEmbedder(), 1, 0));
        // verdicts after tens, not hundreds, of conversations per arm: minutes of demo traffic, not days
        VerdictSettings verdicts = VerdictSettings.defaults();
        verdicts = new VerdictSettings(verdicts.alpha(), DEMO_MIN_VOLUME_PER_ARM, verdicts.emitEvery(),
                verdicts.controlLookback(), verdicts.historyBucket());
        apps.add(TurnloopApps.metrics(pipeline, MetricsSettings.defaults().withWindows(DemoMetricsSetup.windows())
                .withVerdicts(verdicts), DemoMetricsSetup.breachRules(), TurnloopApps.QueryEndpoint.local(queryPort),
                new SimpleMeterRegistry(), 1, 0));
        if (agent != null) {
            PrWorkerSettings prSettings = PrWorkerSettings.defaults();
            WorkerSettings w = prSettings.worker();
            prSettings = prSettings.withWorker(new WorkerSettings(w.maxOpenPullRequests(), w.minScore(),
                    Duration.ofSeconds(10), w.tick(), w.retryBackoff(), w.blockedRetry(), DEMO_PLANNED_VOLUME_PER_ARM,
                    w.maxEvidence()));
            TurnloopApps.PrWorkerSetup setup = new TurnloopApps.PrWorkerSetup(
                    TargetRepoConfig.load(agent.targetConfig()), prSettings, workDir, null);
            apps.add(TurnloopApps.prWorker(pipeline, setup, forge, new MergeNotifications()));
        }
        List<AutoCloseable> started = new ArrayList<>();
        for (TurnloopApps.App app : apps) {
            StreamsRunner runner = StreamsRunner.start(app.name(), app.topology(), app.properties());
            started.add(runner::close);
            started.add(app.sidecar().start(runner.streams()));
        }
        say("started apps: " + apps.stream().map(TurnloopApps.App::name).toList()
                + "; metrics interactive queries on http://127.0.0.1:" + queryPort + "/intents");
        return started;
    }

    private AutoCloseable startDashboard(DashboardView view, int queryPort, LocalForge forge) throws Exception {
        if (port < 0) {
            return () -> { };
        }
        PullRequestDiffs diffs = forge == null ? PullRequestDiffs.NONE
                : branch -> forge.findByHead(branch).map(pr -> forge.diff(pr.number()));
        ObjectMapper json = new ObjectMapper();
        DashboardServer server = DashboardServer.start(new InetSocketAddress("127.0.0.1", port), view,
                Optional.of(new MetricsQueryClient(URI.create("http://127.0.0.1:" + queryPort), json,
                        DemoMetricsSetup.WINDOW, "1d")), diffs,
                Optional.empty(), json);
        say("dashboard at http://127.0.0.1:" + server.port() + "/");
        return server;
    }

    private static void closeAll(List<AutoCloseable> started) {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("while stopping: " + e);
            }
        }
    }

    /** The loop: real and synthetic traffic, the reviewer, the bad change and its verdict, progress lines. */
    private void play(List<ConversationLibrary.Recorded> library, ReplayCommand.TurnPublisher publisher,
            DemoMonitor monitor, Pipeline pipeline, Synthetic synthetic) throws InterruptedException {
        LiveTraffic traffic = new LiveTraffic(library, concurrent, Duration.ofMillis((long) (2_000 / speed)));
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long nextReport = start + Duration.ofSeconds(5).toNanos();
        long sentAtLastReport = 0;
        while (System.nanoTime() < end && !traffic.exhausted()) {
            Instant now = Instant.now();
            traffic.tick(now, "sgd-p1", publisher::publish);
            if (synthetic != null) {
                synthetic.simulator().tick(now).forEach(publisher::publish);
            }
            Thread.sleep(50);
            if (System.nanoTime() >= nextReport) {
                long sent = traffic.sent() + (synthetic == null ? 0 : synthetic.simulator().counters().turns());
                report(monitor, pipeline, (System.nanoTime() - start) / 1_000_000_000L,
                        (sent - sentAtLastReport) / 5.0, sent);
                sentAtLastReport = sent;
                nextReport += Duration.ofSeconds(5).toNanos();
                if (synthetic != null) {
                    synthetic.step(monitor, (double) (System.nanoTime() - start) / duration.toNanos());
                }
            }
        }
        if (synthetic != null) {
            synthetic.simulator().stopNewConversations();
        }
        publisher.flush();
    }

    /** The synthetic half of the demo: the simulated agent, its repository, the reviewer and the bad change. */
    record Synthetic(AgentSimulator simulator, DemoReviewer reviewer, RiskyChange risky,
            java.util.function.Consumer<ChangeEvent> changes) {

        void step(DemoMonitor monitor, double progress) {
            reviewer.review(monitor.view().backlogItems());
            Map<String, CohortVerdict> verdicts = monitor.view().latestVerdicts();
            boolean aFixWasJudged = verdicts.keySet().stream().anyMatch(id -> !RiskyChange.CHANGE_ID.equals(id));
            if (!risky.shipped() && (aFixWasJudged || progress > 0.5)) {
                monitor.biggestSyntheticIntent().ifPresent(intent -> risky.ship(intent, changes));
            }
            CohortVerdict verdict = verdicts.get(RiskyChange.CHANGE_ID);
            if (verdict != null) {
                risky.onVerdict(verdict);
            }
        }
    }

    private static void report(DemoMonitor monitor, Pipeline pipeline, long seconds, double turnsPerSecond,
            long sent) {
        var topics = pipeline.topics();
        Rows.Overview o = monitor.view().overview();
        System.out.printf("[%02d:%02d] turns %,d (%.0f/s) enriched %,d | conversations closed %s | dead letters %d"
                        + " | intents %d | breaches %d | backlog %d | PRs %d | verdicts %s%n",
                seconds / 60, seconds % 60, sent, turnsPerSecond, monitor.view().records(topics.enrichedTurns.name()),
                o.outcomes(), monitor.view().records(topics.deadLetters.name()), o.intents(), o.openBreaches(),
                monitor.view().backlogItems().size(), o.prsOpened(), o.verdicts());
    }

    private static Map<String, Object> summary(DashboardView view, Pipeline pipeline, int libraryConversations) {
        var topics = pipeline.topics();
        Rows.Overview o = view.overview();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("turns", view.records(topics.turns.name()));
        summary.put("enriched_turns", view.records(topics.enrichedTurns.name()));
        summary.put("dead_letters", view.records(topics.deadLetters.name()));
        summary.put("conversations", o.conversations());
        summary.put("outcomes", new java.util.TreeMap<>(o.outcomes()));
        summary.put("intents", o.intents());
        summary.put("intents_named", o.intentsPublished());
        summary.put("breaches", o.openBreaches());
        summary.put("backlog_items", view.backlogItems().size());
        summary.put("prs_opened", o.prsOpened());
        summary.put("prs_merged", o.prsMerged());
        summary.put("prs_reverted", o.prsReverted());
        summary.put("verdicts", new java.util.TreeMap<>(o.verdicts()));
        Map<String, String> latest = new LinkedHashMap<>();
        view.latestVerdicts().forEach((change, v) -> latest.put(change, String.format(
                "%s: %s (control %s n=%d rate %.2f, treatment %s n=%d rate %.2f)", v.getVerdict(), v.getReason(),
                abbreviate(v.getControl().getVersion()), v.getControl().getConversations(), v.getControl().getRate(),
                abbreviate(v.getTreatment().getVersion()), v.getTreatment().getConversations(),
                v.getTreatment().getRate())));
        summary.put("latest_verdicts", latest);
        summary.put("library_conversations", libraryConversations);
        return summary;
    }

    private static String abbreviate(String version) {
        return version.length() > 12 ? version.substring(0, 12) : version;
    }

    private static void printSummary(Map<String, Object> summary) {
        System.out.println("what happened:");
        summary.forEach((key, value) -> System.out.printf("  %-22s %s%n", key, value));
    }

    private static void say(String phase) {
        System.out.println("phase: " + phase);
    }

    /** Where the demo finds the real datasets: ../shared/data next to the checkout, or TURNLOOP_DATA_DIR. */
    static final class DemoData {
        private DemoData() {
        }

        static Path defaultTurnsFile() {
            String dir = System.getenv().getOrDefault("TURNLOOP_DATA_DIR",
                    System.getProperty("turnloop.data.dir", "../shared/data"));
            Path path = Path.of(dir, "sgd", "dev-turns.jsonl.gz");
            if (!Files.isRegularFile(path)) {
                throw new IllegalArgumentException("no demo data at " + path.toAbsolutePath()
                        + "; set TURNLOOP_DATA_DIR to the folder holding sgd/dev-turns.jsonl.gz or pass --replay FILE");
            }
            return path;
        }
    }
}
