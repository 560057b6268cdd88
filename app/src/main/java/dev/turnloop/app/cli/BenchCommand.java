package dev.turnloop.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.turnloop.app.bench.IngestBenchmark;
import dev.turnloop.app.bench.LatencyPercentiles;
import dev.turnloop.app.bench.PipelineBenchmark;
import dev.turnloop.app.broker.EmbeddedBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Benchmarks, printed as ratios against a baseline measured in the same process on the same broker. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure throughput and latency as ratios against a pass-through baseline on the same broker.",
        subcommands = {BenchCommand.Ingest.class, BenchCommand.WholePipeline.class})
public final class BenchCommand {

    /** What every benchmark takes: where the broker is, how the apps are laid out, how to print. */
    static final class Common {

        @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
                description = "An existing broker (default: one started in this process).")
        String bootstrapServers;

        @Option(names = "--partitions", defaultValue = "4", description = "Partitions (default ${DEFAULT-VALUE}).")
        int partitions;

        @Option(names = "--threads", defaultValue = "2",
                description = "Stream threads per app (default ${DEFAULT-VALUE}).")
        int threads;

        @Option(names = "--json", description = "Print one JSON object.")
        boolean json;

        @FunctionalInterface
        interface Benchmark<R> {
            R run(String bootstrapServers, Path stateRoot) throws Exception;
        }

        /** Runs the benchmark against --bootstrap-servers, or against a broker started for it and stopped after. */
        <R> R run(Benchmark<R> benchmark) throws Exception {
            if (partitions < 1 || threads < 1) {
                throw new IllegalArgumentException("--partitions and --threads must be >= 1");
            }
            Path stateRoot = Files.createTempDirectory("turnloop-bench-state-");
            try {
                if (bootstrapServers != null) {
                    return benchmark.run(bootstrapServers, stateRoot);
                }
                try (EmbeddedBroker broker = EmbeddedBroker.start(Files.createTempDirectory("turnloop-bench-kafka-"),
                        0, true)) {
                    return benchmark.run(broker.bootstrapServers(), stateRoot);
                }
            } finally {
                deleteTree(stateRoot); // the apps' RocksDB state: hundreds of MB a run, of no use afterwards
            }
        }

        private static void deleteTree(Path dir) throws IOException {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }

        /** Prints the result as one snake_case JSON object; false when a table was asked for instead. */
        boolean printedAsJson(Object result) throws Exception {
            if (json) {
                System.out.println(new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                        .writeValueAsString(result));
            }
            return json;
        }
    }

    @Command(name = "ingest", mixinStandardHelpOptions = true,
            description = {"Replay a fixed synthetic load through (a) a pass-through Kafka Streams app, (b) a stateful "
                    + "floor (Avro in, a conversation state loaded and saved per turn in ingest's write-back store, "
                    + "Avro out, no signal logic) and (c) the ingest topology, all exactly_once_v2, on the same broker "
                    + "in the same run, after a warm-up of each; then offer turns at a fixed rate and measure "
                    + "produce -> enriched latency.",
                    "Without --bootstrap-servers a broker is started in this process."})
    static final class Ingest implements Callable<Integer> {

        @Mixin
        Common common;

        @Option(names = "--turns", defaultValue = "1000000",
                description = "Turns per measured run (default ${DEFAULT-VALUE}).")
        long turns;

        @Option(names = "--latency-rate", defaultValue = "2000",
                description = "Offered turns/s in the latency run (default ${DEFAULT-VALUE}).")
        double latencyRate;

        @Option(names = "--latency-duration", defaultValue = "20s", converter = HumanDuration.class,
                description = "Length of the latency run (default ${DEFAULT-VALUE}).")
        Duration latencyDuration;

        @Override
        public Integer call() throws Exception {
            if (turns < 1_000 || latencyRate <= 0) {
                throw new IllegalArgumentException("--turns must be >= 1000 and --latency-rate > 0");
            }
            IngestBenchmark.Plan plan = new IngestBenchmark.Plan(turns, common.partitions, common.threads,
                    latencyRate, latencyDuration);
            IngestBenchmark.Result r = common.run((bootstrap, state) ->
                    new IngestBenchmark(bootstrap, state, System.err).run(plan));
            if (common.printedAsJson(r)) {
                return ExitCodes.OK;
            }
            row("turns per run", "%,14d", r.turns());
            row("pass-through turns/s (EOS)", "%,14.0f", r.passThroughTurnsPerSecond());
            row("ingest turns/s (EOS)", "%,14.0f", r.turnsPerSecond());
            row("ratio ingest / pass-through", "%14.2f", r.ratio());
            row("stateful floor turns/s (EOS)", "%,14.0f", r.floorTurnsPerSecond());
            row("ratio floor / pass-through", "%14.2f", r.floorRatio());
            row("ratio ingest / floor", "%14.2f", r.ingestToFloor());
            row("latency run: offered turns/s", "%,14.0f", r.offeredRate());
            row("produce -> enriched p50 ms", "%14.1f", r.p50Ms());
            row("produce -> enriched p99 ms", "%14.1f", r.p99Ms());
            return ExitCodes.OK;
        }
    }

    @Command(name = "pipeline", mixinStandardHelpOptions = true,
            description = {"The whole pipeline: ingest, intents (the real MiniLM embedder) and metrics, each "
                    + "exactly_once_v2, against a pass-through app on the same broker in the same run, after a warm-up "
                    + "of each. Prints pipeline turns/s and its ratio to pass-through, the ingest stage's turns/s, "
                    + "intent assignments in conversations/s; at each offered rate the p50/p99 of produce -> enriched "
                    + "turn (the signal), -> conversation summary and -> intent metric update; and what open "
                    + "conversations cost the ingest app (RSS, heap, RocksDB, state on disk) as they grow.",
                    "Synthetic, seeded load. Without --bootstrap-servers a broker is started in this process."})
    static final class WholePipeline implements Callable<Integer> {

        @Mixin
        Common common;

        @Option(names = "--turns", defaultValue = "200000", converter = Count.class,
                description = "Turns through the pipeline in the measured throughput run (default ${DEFAULT-VALUE}; "
                        + "100k and 1M work too); pass-through runs at least 1M.")
        long turns;

        @Option(names = "--rates", defaultValue = "1000,5000", split = ",", paramLabel = "TURNS_PER_S",
                description = "Offered turns/s, one latency run each (default ${DEFAULT-VALUE}).")
        List<Double> rates;

        @Option(names = "--rate-duration", defaultValue = "20s", converter = HumanDuration.class,
                description = "How long each rate is offered (default ${DEFAULT-VALUE}).")
        Duration rateDuration;

        @Option(names = "--drain-timeout", defaultValue = "3m", converter = HumanDuration.class,
                description = "How long the outputs of a latency run may take to arrive (default ${DEFAULT-VALUE}).")
        Duration drainTimeout;

        @Option(names = "--growth", defaultValue = "100k,1M", split = ",", converter = Count.class,
                paramLabel = "TURNS", description = "Open-conversation load steps for the memory measurement, in "
                        + "turns (default ${DEFAULT-VALUE}); 0 skips it.")
        List<Long> growth;

        @Override
        public Integer call() throws Exception {
            if (turns < 1_000 || rates.stream().anyMatch(r -> r <= 0) || rateDuration.isNegative()
                    || rateDuration.isZero()) {
                throw new IllegalArgumentException("--turns must be >= 1000, --rates > 0, --rate-duration positive");
            }
            PipelineBenchmark.Plan plan = new PipelineBenchmark.Plan(turns, common.partitions, common.threads, rates,
                    rateDuration, drainTimeout, growth.stream().filter(g -> g > 0).toList());
            PipelineBenchmark.Result r = common.run((bootstrap, state) ->
                    new PipelineBenchmark(bootstrap, state, System.err).run(plan));
            if (!common.printedAsJson(r)) {
                print(r);
            }
            return ExitCodes.OK;
        }

        private static void print(PipelineBenchmark.Result r) {
            row("turns through pass-through", "%,14d", r.passThroughTurns());
            row("turns through the pipeline", "%,14d", r.turns());
            row("pass-through turns/s (EOS)", "%,14.0f", r.passThroughTurnsPerSecond());
            row("ingest stage turns/s (EOS)", "%,14.0f", r.ingestTurnsPerSecond());
            row("pipeline turns/s (EOS)", "%,14.0f", r.turnsPerSecond());
            row("ratio pipeline / pass-through", "%14.3f", r.ratio());
            row("  goal >= " + PipelineBenchmark.RATIO_GOAL, "%14s", r.ratioGoalMet() ? "met" : "not met");
            row("intent assignment conversations/s", "%,14.0f", r.intentConversationsPerSecond());
            for (PipelineBenchmark.RateLatency l : r.latency()) {
                System.out.printf("%noffered %,.0f turns/s for %ds: %,d turns, %,d conversations ended%s%n",
                        l.offeredRate(), l.seconds(), l.turns(), l.conversationsEnded(),
                        l.drained() ? "" : " (NOT all outputs arrived before the drain timeout)");
                System.out.printf("  %-34s %8s %10s %10s %10s%n", "latency from produce to", "samples", "p50 ms",
                        "p99 ms", "max ms");
                latencyRow("enriched turn (signal)", l.signal());
                latencyRow("conversation summary", l.summary());
                latencyRow("confirmed intent assignment", l.assignment());
                latencyRow("intent metric update", l.intentMetric());
            }
            if (r.signalGoalMet() != null) {
                System.out.printf("  goal: signal p99 < %.0f ms at %,.0f turns/s: %s%n",
                        PipelineBenchmark.SIGNAL_P99_GOAL_MS, PipelineBenchmark.SIGNAL_GOAL_RATE,
                        r.signalGoalMet() ? "met" : "not met");
            }
            if (!r.growth().isEmpty()) {
                System.out.printf("%nopen conversations in the ingest app (MB; per 100k: growth since the row above "
                        + "per 100k conversations opened)%n");
                System.out.printf("  %10s %10s %10s %7s %7s %7s %7s %7s %8s %10s %10s %10s %10s%n", "turns",
                        "open conv", "entries", "store", "disk", "RocksDB", "RSS", "heap", "off-heap", "store/100k",
                        "RSS/100k", "heap/100k", "off/100k");
                for (PipelineBenchmark.GrowthPoint g : r.growth()) {
                    System.out.printf("  %,10d %,10d %,10d %7.0f %7.0f %7.0f %7.0f %7.0f %8.0f %10.0f %10.0f %10.0f "
                            + "%10.0f%n", g.turns(), g.openConversations(), g.storeEntries(), g.storeMb(), g.diskMb(),
                            g.rocksDbMemoryMb(), g.rssMb(), g.heapMb(), g.offHeapMb(), g.storeMbPer100k(),
                            g.rssMbPer100k(), g.heapMbPer100k(), g.offHeapMbPer100k());
                }
            }
            PipelineBenchmark.Machine m = r.machine();
            System.out.printf("%nmachine: %d cores, %,d MB RAM, %s, max heap %,d MB%s; load average %.1f at start, "
                    + "%.1f at end%n", m.cores(), m.memoryMb(), m.java(), m.maxHeapMb(),
                    m.residentHeap() ? " (fixed, pre-touched)" : "", m.loadAverageAtStart(), m.loadAverageAtEnd());
        }

        private static void latencyRow(String what, LatencyPercentiles p) {
            System.out.printf("  %-34s %,8d %10.0f %10.0f %10.0f%n", what, p.samples(), p.p50Ms(), p.p99Ms(),
                    p.maxMs());
        }
    }

    private static void row(String label, String format, Object value) {
        System.out.printf("%-34s " + format + "%n", label, value);
    }

    /** Counts people write: 200000, 200_000, 100k, 1M. */
    static final class Count implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            String v = value.trim().replace("_", "").toLowerCase(Locale.ROOT);
            long scale = v.endsWith("k") ? 1_000 : v.endsWith("m") ? 1_000_000 : 1;
            try {
                return Long.parseLong(scale == 1 ? v : v.substring(0, v.length() - 1)) * scale;
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a count; write e.g. 200000, "
                        + "100k or 1M");
            }
        }
    }
}
