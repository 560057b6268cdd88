package dev.turnloop.app.bench;

import dev.turnloop.schemas.catalog.TopicCatalog;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Ingest throughput and latency as ratios against a pass-through topology on the same broker, in the same process:
 * every side runs with exactly_once_v2 over the same number of synthetic turns, after a warm-up run of each (JIT
 * warm-up alone moves pass-through by more than half), so the ratio compares warm code with warm code. A third side,
 * the {@link StatefulFloorTopology stateful floor}, splits the gap: what Avro and per-conversation state cost
 * (floor / pass-through) and what ingest's own logic costs (ingest / floor).
 */
public final class IngestBenchmark {

    /** The numbers, keyed as {@code --json} prints them. */
    public record Result(long turns, int partitions, double passThroughTurnsPerSecond, double turnsPerSecond,
            double ratio, double floorTurnsPerSecond, double floorRatio, double ingestToFloor, double offeredRate,
            long latencySamples, double p50Ms, double p99Ms) {
    }

    /**
     * @param turns turns per measured throughput run
     * @param latencyRate offered turns per second during the latency run
     */
    public record Plan(long turns, int partitions, int threads, double latencyRate, Duration latencyDuration) {
    }

    private final BenchCluster cluster;
    private final Path stateRoot;
    private final PrintStream progress;

    public IngestBenchmark(String bootstrapServers, Path stateRoot, PrintStream progress) {
        this.cluster = new BenchCluster(bootstrapServers);
        this.stateRoot = stateRoot;
        this.progress = progress;
    }

    public Result run(Plan plan) throws Exception {
        try (cluster) {
            BenchApps apps = new BenchApps(cluster, stateRoot, plan.threads());
            PassThroughBaseline baseline = new PassThroughBaseline(cluster, apps, plan.partitions(), progress);
            long warmup = PassThroughBaseline.warmupTurns(plan.turns());
            progress.printf("warm-up: %,d turns through each side%n", warmup);
            baseline.turnsPerSecond(warmup);
            floor(apps, plan, warmup);
            ingest(apps, plan, warmup);
            progress.printf("measuring: %,d turns through each side%n", plan.turns());
            double passThrough = baseline.turnsPerSecond(plan.turns());
            double floor = floor(apps, plan, plan.turns());
            double ingest = ingest(apps, plan, plan.turns());
            progress.printf("latency: %.0f turns/s offered for %ds%n", plan.latencyRate(),
                    plan.latencyDuration().toSeconds());
            LatencyPercentiles latency = latency(apps, plan);
            return new Result(plan.turns(), plan.partitions(), passThrough, ingest, ingest / passThrough, floor,
                    floor / passThrough, ingest / floor, plan.latencyRate(), latency.samples(), latency.p50Ms(),
                    latency.p99Ms());
        }
    }

    private double ingest(BenchApps apps, Plan plan, long turns) throws Exception {
        TopicCatalog topics = cluster.freshTopics("ingest", plan.partitions());
        return PassThroughBaseline.loadAndTime(cluster, apps.ingest(topics), topics, turns, progress);
    }

    private double floor(BenchApps apps, Plan plan, long turns) throws Exception {
        TopicCatalog topics = cluster.freshTopics("floor", plan.partitions());
        return PassThroughBaseline.loadAndTime(cluster, apps.statefulFloor(topics), topics, turns, progress);
    }

    /** Offers turns at a fixed rate and measures until each is enriched (produce -> enriched turn). */
    private LatencyPercentiles latency(BenchApps apps, Plan plan) throws Exception {
        TopicCatalog topics = cluster.freshTopics("latency", plan.partitions());
        try (RunningApps running = RunningApps.start(apps.ingest(topics))) {
            running.awaitRunning(Duration.ofMinutes(2));
            try (PipelineLatencyReader reader = PipelineLatencyReader.start(cluster.bootstrapServers(), topics)) {
                SyntheticTurns load = new SyntheticTurns(11, 500, Instant.now());
                long sent = cluster.offer(topics, plan.latencyRate(), plan.latencyDuration(), load::next);
                reader.awaitAll(sent, 0, Duration.ofMinutes(2));
                return reader.signal();
            }
        }
    }
}
