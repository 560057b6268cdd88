package dev.turnloop.app.bench;

import dev.turnloop.app.run.TurnloopApps;
import dev.turnloop.intent.embed.MiniLmEmbedder;
import dev.turnloop.metrics.window.WindowedMetricsGraph;
import dev.turnloop.schemas.catalog.TopicCatalog;
import java.io.PrintStream;
import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole pipeline (ingest, intents with the real MiniLM embedder, metrics; each exactly_once_v2, built as
 * {@code turnloop run} builds them) on one broker, in one process:
 * <ul>
 *   <li>throughput: a loaded input of synthetic turns timed through the chain, against the pass-through baseline
 *       measured in the same run, both after a warm-up;</li>
 *   <li>latency at fixed offered rates: produce -> enriched turn (the signal), produce of a conversation's last turn
 *       -> its summary, -> its confirmed intent assignment, and -> the first live metrics update of its
 *       intent;</li>
 *   <li>memory: what open conversations cost the ingest app, as they grow.</li>
 * </ul>
 */
public final class PipelineBenchmark {

    /** The goal of issue 8: the pipeline at least half as fast as pass-through. */
    public static final double RATIO_GOAL = 0.5;
    /** The goal of issue 8: turn -> signal p99 under this many milliseconds at {@link #SIGNAL_GOAL_RATE}. */
    public static final double SIGNAL_P99_GOAL_MS = 500;
    public static final double SIGNAL_GOAL_RATE = 5_000;
    /** The least turns the pass-through baseline is timed over. */
    public static final long BASELINE_TURNS = 1_000_000;

    /**
     * @param turns turns per measured pipeline run (pass-through runs at least {@link #BASELINE_TURNS})
     * @param rates offered turns per second, one latency run each
     * @param rateDuration how long each rate is offered
     * @param drainTimeout how long, after the offer, the outputs may take to arrive before a run is cut short
     * @param growthTurns open-conversation load steps, in turns (empty: no memory measurement)
     */
    public record Plan(long turns, int partitions, int threads, List<Double> rates, Duration rateDuration,
            Duration drainTimeout, List<Long> growthTurns) {
        public Plan {
            rates = List.copyOf(rates);
            growthTurns = List.copyOf(growthTurns);
        }
    }

    /**
     * One latency run: what was offered, what arrived, how long it took: produce -> enriched turn (signal); produce of
     * a conversation's last turn -> its summary, -> its confirmed intent assignment, -> the first live metrics update
     * of its intent after that.
     */
    public record RateLatency(double offeredRate, long seconds, long turns, long conversationsEnded,
            boolean drained, LatencyPercentiles signal, LatencyPercentiles summary, LatencyPercentiles assignment,
            LatencyPercentiles intentMetric) {
    }

    /**
     * One memory reading of the ingest app holding {@code openConversations}: its store's entries and the bytes of
     * their keys and values, RocksDB's memory, the state folder on disk (RocksDB files; recent writes may still be in
     * memory), and this whole process's RSS, heap used after a full collection, and RSS outside the committed heap
     * (off-heap). The {@code per100k} fields are the growth since the previous reading per 100,000 conversations
     * opened in between.
     */
    public record GrowthPoint(long turns, long openConversations, long storeEntries, double storeMb, double diskMb,
            double rocksDbMemoryMb, double rssMb, double heapMb, double offHeapMb, double storeMbPer100k,
            double rssMbPer100k, double heapMbPer100k, double offHeapMbPer100k) {
    }

    /**
     * Where it ran. The load averages (1 minute, from the OS) at start and end show whether other work shared the
     * machine: above the core count, the benchmark was competing for CPU. {@code residentHeap}: the heap was fixed and
     * touched at start (-Xms = -Xmx, -XX:+AlwaysPreTouch), so RSS growth is growth outside the heap; otherwise RSS also
     * moves as the JVM grows and shrinks its heap.
     */
    public record Machine(int cores, long memoryMb, String java, long maxHeapMb, boolean residentHeap,
            double loadAverageAtStart, double loadAverageAtEnd) {

        static Machine current(double loadAverageAtStart) {
            long memory = ManagementFactory.getOperatingSystemMXBean()
                    instanceof com.sun.management.OperatingSystemMXBean os ? os.getTotalMemorySize() : -1;
            return new Machine(Runtime.getRuntime().availableProcessors(), memory / (1024 * 1024),
                    System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                    Runtime.getRuntime().maxMemory() / (1024 * 1024), heapIsResident(), loadAverageAtStart,
                    loadAverage());
        }

        static double loadAverage() {
            return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        }

        static boolean heapIsResident() {
            MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
            HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return heap.getInit() == heap.getMax() && hotSpot != null
                    && Boolean.parseBoolean(hotSpot.getVMOption("AlwaysPreTouch").getValue());
        }
    }

    /**
     * The numbers, keyed as {@code --json} prints them. {@code turnsPerSecond} is the whole chain's; {@code p50Ms} and
     * {@code p99Ms} are turn -> signal at {@code offeredRate}, the highest rate offered.
     *
     * @param signalGoalMet null when {@link #SIGNAL_GOAL_RATE} was not among the rates
     */
    public record Result(long turns, long passThroughTurns, int partitions, int threads,
            double passThroughTurnsPerSecond, double ingestTurnsPerSecond, double turnsPerSecond, double ratio,
            long conversations, double intentConversationsPerSecond, double offeredRate, double p50Ms, double p99Ms,
            boolean ratioGoalMet, Boolean signalGoalMet, List<RateLatency> latency, List<GrowthPoint> growth,
            Machine machine) {
    }

    private record Throughput(double ingest, double pipeline, long conversations, double intentConversations) {
    }

    private final BenchCluster cluster;
    private final Path stateRoot;
    private final PrintStream progress;

    public PipelineBenchmark(String bootstrapServers, Path stateRoot, PrintStream progress) {
        this.cluster = new BenchCluster(bootstrapServers);
        this.stateRoot = stateRoot;
        this.progress = progress;
    }

    public Result run(Plan plan) throws Exception {
        double loadAtStart = Machine.loadAverage();
        try (cluster; MiniLmEmbedder embedder = new MiniLmEmbedder()) {
            BenchApps apps = new BenchApps(cluster, stateRoot, plan.threads());
            PassThroughBaseline baseline = new PassThroughBaseline(cluster, apps, plan.partitions(), progress);
            // pass-through gets through the pipeline's turns in about the time its start takes: it runs on more, so
            // that the baseline is its speed and not its start-up
            long baselineTurns = Math.max(plan.turns(), BASELINE_TURNS);
            progress.printf("warm-up: %,d turns through pass-through, %,d through the pipeline%n",
                    PassThroughBaseline.warmupTurns(baselineTurns), PassThroughBaseline.warmupTurns(plan.turns()));
            baseline.turnsPerSecond(PassThroughBaseline.warmupTurns(baselineTurns));
            throughput(apps, embedder, plan, PassThroughBaseline.warmupTurns(plan.turns()));
            progress.printf("measuring: %,d turns through pass-through, %,d through the pipeline%n", baselineTurns,
                    plan.turns());
            double passThrough = baseline.turnsPerSecond(baselineTurns);
            Throughput pipeline = throughput(apps, embedder, plan, plan.turns());
            List<RateLatency> latencies = new ArrayList<>();
            for (double rate : plan.rates()) {
                progress.printf("latency: %,.0f turns/s offered for %ds%n", rate, plan.rateDuration().toSeconds());
                latencies.add(latency(apps, embedder, plan, rate));
            }
            List<GrowthPoint> growth = List.of();
            if (!plan.growthTurns().isEmpty()) {
                if (!Machine.heapIsResident()) {
                    progress.println("note: RSS moves with the heap's size; for RSS growth that is growth outside "
                            + "the heap, run with -Xms equal to -Xmx and -XX:+AlwaysPreTouch");
                }
                progress.printf("memory: open conversations through ingest, up to %,d turns%n",
                        plan.growthTurns().stream().mapToLong(Long::longValue).max().orElseThrow());
                growth = new OpenConversationGrowth(cluster, apps, plan.partitions(), progress)
                        .measure(plan.growthTurns());
            }
            return result(plan, baselineTurns, passThrough, pipeline, latencies, growth, Machine.current(loadAtStart));
        }
    }

    /** Loads the input, starts the three apps, and times each stage until it has consumed all its inputs. */
    private Throughput throughput(BenchApps apps, MiniLmEmbedder embedder, Plan plan, long turns) throws Exception {
        TopicCatalog topics = cluster.freshTopics("pipeline", plan.partitions());
        TurnloopApps.App ingest = apps.ingest(topics);
        TurnloopApps.App intents = apps.intents(topics, embedder);
        TurnloopApps.App metrics = apps.metrics(topics);
        SyntheticTurns load = PassThroughBaseline.load();
        cluster.load(topics, turns, load::next);
        String metricsId = topics.applicationId(metrics.name());
        List<RunningApps.Stage> stages = List.of(
                new RunningApps.Stage(topics.applicationId(ingest.name()), List.of(topics.turns.name())),
                new RunningApps.Stage(topics.applicationId(intents.name()),
                        List.of(topics.enrichedTurns.name(), topics.conversationSummaries.name())),
                new RunningApps.Stage(metricsId, List.of(topics.intentAssignments.name(),
                        metricsId + "-" + WindowedMetricsGraph.SERIES_REPARTITION + "-repartition")));
        try (RunningApps running = RunningApps.start(ingest, intents, metrics)) {
            double[] seconds = running.secondsUntilConsumed(cluster, stages, Duration.ofHours(1));
            Throughput result = new Throughput(turns / seconds[0], turns / seconds[2],
                    load.conversationsStarted(), load.conversationsStarted() / seconds[1]);
            progress.printf("  %-12s %,10.0f turns/s (ingest stage %,.0f turns/s, intents %,.0f conversations/s)%n",
                    "pipeline", result.pipeline(), result.ingest(), result.intentConversations());
            return result;
        }
    }

    private RateLatency latency(BenchApps apps, MiniLmEmbedder embedder, Plan plan, double rate) throws Exception {
        TopicCatalog topics = cluster.freshTopics("latency", plan.partitions());
        try (RunningApps running = RunningApps.start(apps.ingest(topics), apps.intents(topics, embedder),
                apps.metrics(topics))) {
            running.awaitRunning(Duration.ofMinutes(2));
            try (PipelineLatencyReader reader = PipelineLatencyReader.start(cluster.bootstrapServers(), topics)) {
                SyntheticTurns load = new SyntheticTurns(11, 500, Instant.now());
                long sent = cluster.offer(topics, rate, plan.rateDuration(), load::next);
                boolean drained = reader.awaitAll(sent, load.conversationsEnded(), plan.drainTimeout());
                RateLatency result = new RateLatency(rate, plan.rateDuration().toSeconds(), sent,
                        load.conversationsEnded(), drained, reader.signal(), reader.summary(), reader.assignment(),
                        reader.intentMetric());
                progress.printf("  signal p99 %,.0f ms, summary p99 %,.0f ms, intent metric p99 %,.0f ms%s%n",
                        result.signal().p99Ms(), result.summary().p99Ms(), result.intentMetric().p99Ms(),
                        drained ? "" : " (not all arrived within " + plan.drainTimeout().toSeconds() + "s)");
                return result;
            }
        }
    }

    private static Result result(Plan plan, long baselineTurns, double passThrough, Throughput pipeline,
            List<RateLatency> latencies, List<GrowthPoint> growth, Machine machine) {
        RateLatency highest = latencies.stream().max((a, b) -> Double.compare(a.offeredRate(), b.offeredRate()))
                .orElse(null);
        Boolean signalGoalMet = latencies.stream().filter(l -> l.offeredRate() == SIGNAL_GOAL_RATE).findFirst()
                .map(l -> l.drained() && l.signal().p99Ms() < SIGNAL_P99_GOAL_MS).orElse(null);
        double ratio = pipeline.pipeline() / passThrough;
        return new Result(plan.turns(), baselineTurns, plan.partitions(), plan.threads(), passThrough,
                pipeline.ingest(), pipeline.pipeline(), ratio, pipeline.conversations(),
                pipeline.intentConversations(), highest == null ? 0 : highest.offeredRate(),
                highest == null ? 0 : highest.signal().p50Ms(), highest == null ? 0 : highest.signal().p99Ms(),
                ratio >= RATIO_GOAL, signalGoalMet, latencies, growth, machine);
    }
}
