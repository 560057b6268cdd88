package dev.turnloop.app.cli;

import dev.turnloop.app.broker.EmbeddedBroker;
import dev.turnloop.app.config.TurnloopConfig;
import dev.turnloop.app.replay.ReplayReport;
import dev.turnloop.app.replay.ReplayTimeline;
import dev.turnloop.app.replay.TurnFile;
import dev.turnloop.app.replay.TurnReplayer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The embedded demo: a real Kafka broker in this process, an in-memory schema registry, and the pipeline on real
 * conversations. Each topology joins the demo as it lands (see docs/architecture.md for what runs today).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the whole loop on one machine: an in-process KRaft broker, an in-memory schema registry, "
                + "and real conversations from the Schema-Guided Dialogue dataset."})
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--replay", paramLabel = "FILE",
            description = "Turns file to replay (default: ../shared/data/sgd/dev-turns.jsonl.gz).")
    Path replayFile;

    @Option(names = "--port", defaultValue = "0", description = "Broker port (default: a free port).")
    int port;

    @Option(names = "--keep-data", description = "Keep the broker's log directory after the demo ends.")
    boolean keepData;

    @Override
    public Integer call() throws Exception {
        Path file = replayFile != null ? replayFile : DemoData.defaultTurnsFile();
        Path logDir = Files.createTempDirectory("turnloop-demo-kafka-");
        System.out.println("phase: starting an in-process Kafka broker (KRaft) in " + logDir);
        try (EmbeddedBroker broker = EmbeddedBroker.start(logDir, port, !keepData)) {
            TurnloopConfig config = TurnloopConfig.load(null, Map.of(), Map.of(
                    TurnloopConfig.BOOTSTRAP_SERVERS, broker.bootstrapServers(),
                    TurnloopConfig.SCHEMA_REGISTRY_URL, "mock://demo-" + UUID.randomUUID(),
                    TurnloopConfig.TOPIC_PARTITIONS, "4"));
            Pipeline pipeline = Pipeline.from(config);
            System.out.println("phase: broker up at " + broker.bootstrapServers() + "; creating topics");
            try (Admin admin = Admin.create(config.kafkaClientProperties())) {
                TopicsCommand.TopicCreator.createMissing(admin, pipeline.topics().all(), (short) 1, false);
            }
            System.out.println("phase: replaying real conversations from " + file);
            TurnFile turnFile = new TurnFile(file);
            TurnReplayer replayer = new TurnReplayer(
                    new ReplayTimeline(Instant.now().minus(Duration.ofHours(24)), Duration.ofSeconds(30),
                            Duration.ofSeconds(15)), false);
            ReplayReport report;
            try (ReplayCommand.TurnPublisher publisher = new ReplayCommand.TurnPublisher(pipeline, 0)) {
                report = replayer.replay(turnFile, publisher::publish, line -> { });
                publisher.flush();
            }
            System.out.printf("published %,d turns of %,d conversations (%d bad lines)%n",
                    report.published(), report.conversations(), report.badLines().size());
            System.out.println("phase: done (the topologies join this demo as they land; see README)");
        }
        return ExitCodes.OK;
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
