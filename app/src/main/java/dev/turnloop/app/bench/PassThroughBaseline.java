package dev.turnloop.app.bench;

import dev.turnloop.app.run.TurnloopApps;
import dev.turnloop.schemas.catalog.TopicCatalog;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The baseline every throughput ratio divides by: a pass-through Kafka Streams app (bytes in, bytes out,
 * exactly_once_v2) timed from its start until it has committed a loaded input of synthetic turns, on the same broker as
 * the app it is compared with.
 */
final class PassThroughBaseline {

    private final BenchCluster cluster;
    private final BenchApps apps;
    private final int partitions;
    private final PrintStream progress;

    PassThroughBaseline(BenchCluster cluster, BenchApps apps, int partitions, PrintStream progress) {
        this.cluster = cluster;
        this.apps = apps;
        this.partitions = partitions;
        this.progress = progress;
    }

    /** The input of every throughput run: the same seeded turns, ending conversations, two days ago. */
    static SyntheticTurns load() {
        return new SyntheticTurns(7, 2_000, Instant.now().minus(Duration.ofDays(2)));
    }

    /** Turns through each side before measuring: JIT warm-up alone moves pass-through by more than half. */
    static long warmupTurns(long measuredTurns) {
        return Math.max(10_000, Math.min(measuredTurns / 5, 200_000));
    }

    double turnsPerSecond(long turns) throws Exception {
        TopicCatalog topics = cluster.freshTopics("pass", partitions, "pass-through");
        return loadAndTime(cluster, apps.passThrough(topics, topics.prefix() + ".pass-through"), topics, turns,
                progress);
    }

    /**
     * Loads {@code turns} of the {@link #load() throughput input}, then times {@code app} from its start until it has
     * committed all of them; turns per second, also printed to {@code progress}.
     */
    static double loadAndTime(BenchCluster cluster, TurnloopApps.App app, TopicCatalog topics, long turns,
            PrintStream progress) throws Exception {
        cluster.load(topics, turns, load()::next);
        try (RunningApps running = RunningApps.start(app)) {
            double seconds = running.secondsUntilConsumed(cluster, List.of(new RunningApps.Stage(
                    topics.applicationId(app.name()), List.of(topics.turns.name()))), Duration.ofMinutes(30))[0];
            progress.printf("  %-14s %,10.0f turns/s%n", app.name(), turns / seconds);
            return turns / seconds;
        }
    }
}
