package dev.turnloop.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.turnloop.app.broker.EmbeddedBroker;
import dev.turnloop.app.config.TurnloopConfig;
import dev.turnloop.app.demo.ConversationLibrary;
import dev.turnloop.app.demo.DemoMonitor;
import dev.turnloop.app.demo.LiveTraffic;
import dev.turnloop.app.replay.TurnFile;
import dev.turnloop.app.run.StreamsRunner;
import dev.turnloop.app.run.TurnloopApps;
import dev.turnloop.ingest.IngestSettings;
import dev.turnloop.intent.IntentSettings;
import dev.turnloop.intent.embed.MiniLmEmbedder;
import dev.turnloop.metrics.MetricsSettings;
import dev.turnloop.metrics.breach.BreachRules;
import dev.turnloop.schemas.BacklogStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The embedded demo: a real Kafka broker in this process, an in-memory schema registry, the pipeline's apps, and real
 * conversations (Schema-Guided Dialogue) played as live traffic. Each topology joins the demo as it lands; see
 * docs/architecture.md for what runs today.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the loop on one machine: an in-process KRaft broker, an in-memory schema registry, the "
                + "pipeline, and real conversations from the Schema-Guided Dialogue dataset played as live traffic.",
                "Prints progress while it runs and a summary at the end."})
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--replay", paramLabel = "FILE",
            description = "Turns file to play (default: ../shared/data/sgd/dev-turns.jsonl.gz).")
    Path replayFile;

    @Option(names = "--duration", defaultValue = "5m", converter = HumanDuration.class,
            description = "How long to run (default ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--speed", defaultValue = "1.0", description = "Traffic speed factor (default ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--concurrent", defaultValue = "40",
            description = "Conversations open at once (default ${DEFAULT-VALUE}).")
    int concurrent;

    @Option(names = "--port", defaultValue = "0", description = "Broker port (default: a free port).")
    int port;

    @Option(names = "--summary-json", paramLabel = "F", description = "Write what happened as JSON to F at the end.")
    Path summaryJson;

    @Option(names = "--keep-data", description = "Keep the broker's log directory after the demo ends.")
    boolean keepData;

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
        try (EmbeddedBroker broker = EmbeddedBroker.start(logDir, port, !keepData)) {
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
            List<StreamsRunner> apps = startApps(pipeline);
            try (DemoMonitor monitor = new DemoMonitor(broker.bootstrapServers(), pipeline.topics());
                 ReplayCommand.TurnPublisher publisher = new ReplayCommand.TurnPublisher(pipeline, 0)) {
                say("playing " + library.size() + " real conversations (SGD) as live traffic for " + duration);
                play(library, publisher, monitor, pipeline);
                say("traffic stopped; letting the pipeline drain");
                Thread.sleep(Duration.ofSeconds(15).toMillis());
                Map<String, Object> summary = summary(monitor, pipeline, library.size());
                printSummary(summary);
                if (summaryJson != null) {
                    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(summaryJson.toFile(),
                            summary);
                    say("summary written to " + summaryJson);
                }
            } finally {
                apps.forEach(StreamsRunner::close);
            }
        }
        return ExitCodes.OK;
    }

    private List<StreamsRunner> startApps(Pipeline pipeline) {
        // short gaps so that conversations close, and metrics move, within minutes
        IngestSettings ingest = IngestSettings.defaults().withInactivityGap(Duration.ofSeconds(45))
                .withReorderGrace(Duration.ofSeconds(5)).withScanInterval(Duration.ofSeconds(5));
        List<StreamsRunner> runners = new ArrayList<>();
        TurnloopApps.App app = TurnloopApps.ingest(pipeline, ingest, 1, 0);
        runners.add(StreamsRunner.start(app.name(), app.topology(), app.properties()));
        // a low privacy gate: demo traffic has few distinct users per intent
        TurnloopApps.App intents = TurnloopApps.intents(pipeline, IntentSettings.defaults().withMinDistinctUsers(3),
                new MiniLmEmbedder(), 1, 0);
        runners.add(StreamsRunner.start(intents.name(), intents.topology(), intents.properties()));
        TurnloopApps.App metrics = TurnloopApps.metrics(pipeline, MetricsSettings.defaults(), BreachRules.defaults(),
                -1, new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), 1, 0);
        runners.add(StreamsRunner.start(metrics.name(), metrics.topology(), metrics.properties()));
        say("started apps: " + runners.stream().map(StreamsRunner::name).toList());
        return runners;
    }

    private void play(List<ConversationLibrary.Recorded> library, ReplayCommand.TurnPublisher publisher,
            DemoMonitor monitor, Pipeline pipeline) throws InterruptedException {
        LiveTraffic traffic = new LiveTraffic(library, concurrent,
                Duration.ofMillis((long) (2_000 / speed)));
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long nextReport = start + Duration.ofSeconds(5).toNanos();
        long sentAtLastReport = 0;
        while (System.nanoTime() < end && !traffic.exhausted()) {
            traffic.tick(Instant.now(), "p1", publisher::publish);
            Thread.sleep(50);
            if (System.nanoTime() >= nextReport) {
                long sent = traffic.sent();
                report(monitor, pipeline, (System.nanoTime() - start) / 1_000_000_000L, (sent - sentAtLastReport) / 5.0,
                        sent);
                sentAtLastReport = sent;
                nextReport += Duration.ofSeconds(5).toNanos();
            }
        }
        publisher.flush();
    }

    private static void report(DemoMonitor monitor, Pipeline pipeline, long seconds, double turnsPerSecond,
            long sent) {
        var topics = pipeline.topics();
        System.out.printf("[%02d:%02d] turns %,d (%.0f/s) enriched %,d | conversations closed %s | dead letters %d"
                        + " | intents %d | breaches %d | backlog %d | PRs %d | verdicts %s%n",
                seconds / 60, seconds % 60, sent, turnsPerSecond, monitor.records(topics.enrichedTurns.name()),
                monitor.outcomes(), monitor.records(topics.deadLetters.name()), monitor.intents(), monitor.breaches(),
                monitor.backlog().size(), monitor.backlogWith(EnumSet.of(BacklogStatus.PR_OPENED,
                        BacklogStatus.MERGED, BacklogStatus.KEPT, BacklogStatus.REVERTED)), monitor.verdicts());
    }

    private static Map<String, Object> summary(DemoMonitor monitor, Pipeline pipeline, int libraryConversations) {
        var topics = pipeline.topics();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("turns", monitor.records(topics.turns.name()));
        summary.put("enriched_turns", monitor.records(topics.enrichedTurns.name()));
        summary.put("dead_letters", monitor.records(topics.deadLetters.name()));
        summary.put("conversations", monitor.outcomes().values().stream().mapToLong(Long::longValue).sum());
        summary.put("outcomes", monitor.outcomes());
        summary.put("intents", monitor.intents());
        summary.put("breaches", monitor.breaches());
        summary.put("backlog_items", monitor.backlog().size());
        summary.put("prs_opened", monitor.backlogWith(EnumSet.of(BacklogStatus.PR_OPENED, BacklogStatus.MERGED,
                BacklogStatus.KEPT, BacklogStatus.REVERTED)));
        summary.put("prs_merged", monitor.backlogWith(EnumSet.of(BacklogStatus.MERGED, BacklogStatus.KEPT,
                BacklogStatus.REVERTED)));
        summary.put("prs_reverted", monitor.backlogWith(EnumSet.of(BacklogStatus.REVERTED)));
        summary.put("verdicts", monitor.verdicts());
        summary.put("library_conversations", libraryConversations);
        return summary;
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
