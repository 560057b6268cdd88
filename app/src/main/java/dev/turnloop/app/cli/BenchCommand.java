package dev.turnloop.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.turnloop.app.bench.IngestBenchmark;
import dev.turnloop.app.broker.EmbeddedBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Benchmarks, printed as ratios against a baseline measured in the same process on the same broker. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure throughput and latency as ratios against a pass-through baseline on the same broker.",
        subcommands = {BenchCommand.Ingest.class})
public final class BenchCommand {

    @Command(name = "ingest", mixinStandardHelpOptions = true,
            description = {"Replay a fixed synthetic load through (a) a pass-through Kafka Streams app and (b) the "
                    + "ingest topology, both exactly_once_v2, on the same broker in the same run, after a warm-up of "
                    + "each; then offer turns at a fixed rate and measure produce -> enriched latency.",
                    "Without --bootstrap-servers a broker is started in this process."})
    static final class Ingest implements Callable<Integer> {

        @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "An existing broker.")
        String bootstrapServers;

        @Option(names = "--turns", defaultValue = "1000000", description = "Turns per measured run (default ${DEFAULT-VALUE}).")
        long turns;

        @Option(names = "--partitions", defaultValue = "4", description = "Partitions (default ${DEFAULT-VALUE}).")
        int partitions;

        @Option(names = "--threads", defaultValue = "2", description = "Stream threads per app (default ${DEFAULT-VALUE}).")
        int threads;

        @Option(names = "--latency-rate", defaultValue = "2000",
                description = "Offered turns/s in the latency run (default ${DEFAULT-VALUE}).")
        double latencyRate;

        @Option(names = "--latency-duration", defaultValue = "20s", converter = HumanDuration.class,
                description = "Length of the latency run (default ${DEFAULT-VALUE}).")
        Duration latencyDuration;

        @Option(names = "--json", description = "Print one JSON object.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            if (turns < 1_000 || partitions < 1 || threads < 1 || latencyRate <= 0) {
                throw new IllegalArgumentException("--turns must be >= 1000, --partitions, --threads >= 1 and "
                        + "--latency-rate > 0");
            }
            Path stateRoot = Files.createTempDirectory("turnloop-bench-state-");
            IngestBenchmark.Plan plan = new IngestBenchmark.Plan(turns, partitions, threads, latencyRate,
                    latencyDuration);
            IngestBenchmark.Result result;
            if (bootstrapServers != null) {
                result = new IngestBenchmark(bootstrapServers, stateRoot, System.err).run(plan);
            } else {
                try (EmbeddedBroker broker = EmbeddedBroker.start(Files.createTempDirectory("turnloop-bench-kafka-"),
                        0, true)) {
                    result = new IngestBenchmark(broker.bootstrapServers(), stateRoot, System.err).run(plan);
                }
            }
            print(result);
            return ExitCodes.OK;
        }

        private void print(IngestBenchmark.Result r) throws Exception {
            if (json) {
                System.out.println(new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                        .writeValueAsString(r));
                return;
            }
            System.out.printf("%-34s %,14d%n", "turns per run", r.turns());
            System.out.printf("%-34s %,14.0f%n", "pass-through turns/s (EOS)", r.passThroughTurnsPerSecond());
            System.out.printf("%-34s %,14.0f%n", "ingest turns/s (EOS)", r.turnsPerSecond());
            System.out.printf("%-34s %14.2f%n", "ratio ingest / pass-through", r.ratio());
            System.out.printf("%-34s %,14.0f%n", "latency run: offered turns/s", r.offeredRate());
            System.out.printf("%-34s %14.1f%n", "produce -> enriched p50 ms", r.p50Ms());
            System.out.printf("%-34s %14.1f%n", "produce -> enriched p99 ms", r.p99Ms());
        }
    }
}
