package dev.turnloop.scale;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnloop.app.TurnloopCommand;
import dev.turnloop.ingest.IngestTopology;
import dev.turnloop.metrics.MetricsSettings;
import dev.turnloop.metrics.MetricsTopology;
import dev.turnloop.metrics.breach.BreachRules;
import dev.turnloop.metrics.window.WindowSpec;
import dev.turnloop.schemas.Outcome;
import dev.turnloop.schemas.catalog.TopicCatalog;
import dev.turnloop.schemas.registry.HttpSchemaRegistryClient;
import dev.turnloop.schemas.serde.AvroSerdes;
import dev.turnloop.schemas.serde.TrustedContract;
import dev.turnloop.schemas.streams.StreamsDefaults;
import dev.turnloop.testkit.ApicurioRegistry;
import dev.turnloop.testkit.KafkaBrokerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scale and faults, end to end on real processes: a Kafka broker process (Kafka's own main, from the Maven Central
 * jars), a real Apicurio registry process, and every ingest and metrics instance its own {@code turnloop run}
 * process with exactly_once_v2 and one standby replica. Real SGD dialogues flow through ingest -> conversation
 * summaries -> a stand-in intent assignment ({@link FixedIntents}, in this JVM) -> metrics (windows and hourly
 * breach rules), at a steady pace, while, one phase each:
 * <ol>
 *   <li><b>scale</b>: ingest and metrics go from 1 to 3 instances, stay until every instance runs active tasks, and
 *       go back to 1 (SIGTERM);</li>
 *   <li><b>kill</b>: of 3 instances each, the ingest and the metrics instance running the most active tasks are
 *       killed (SIGKILL) and started again on their state directories 12 s later;</li>
 *   <li><b>broker</b>: the broker process is stopped (SIGTERM) and started again on the same port and log
 *       directory;</li>
 *   <li><b>flush</b>: stream time moves days ahead, so every daily and most weekly windows publish their finals.</li>
 * </ol>
 * After each phase every output, read with read_committed, equals the offline reference ({@link OfflineReference}:
 * the same topology builders in TopologyTestDriver on the same input), record for record and key for key (see
 * {@link OutputSnapshot}): enriched turns, signals, summaries, assignments, final windows, breaches, the latest live
 * value of every tumbling window, and no dead letters. Nothing lost, nothing counted twice.
 *
 * <p>Why the outputs are deterministic at all, whatever the timing: ingest's state is per conversation and a
 * conversation lives on one partition, processed in order; every conversation closes on its end marker or, for the
 * silent ones, by the inactivity scan at a close time fixed by its last turn (see {@link TrafficScript}). Metrics count
 * a conversation at its close time in windows that accept it until 15 minutes (hourly) after their end; a conversation
 * is only dropped as late if another partition ran that far ahead in event time. Event time runs {@value #SPEEDUP}x
 * faster than the wall clock, so that hourly windows close while the faults happen; 15 minutes of grace are then a
 * minute of wall time, and the widest gap between partitions, which the test measures and logs, stayed within it even
 * on a machine loaded far beyond its 2 cores (5-12 min of event time at 20x, under a load average of 25). Each phase is checked
 * in two steps: once its traffic is processed (finals may still be pending in a task whose stream time lags), then
 * after its clock conversations, which reach every task.
 *
 * <p>Run: {@code mvn -pl scale-tests verify} (the testkit and the app must be installed, or build them in the same
 * reactor: {@code mvn -pl testkit,scale-tests verify}); 8-10 minutes on 2 cores. Logs of every process stay in
 * {@code scale-tests/target/scale-it/<start time>/}, with the state and broker data too when the test fails.
 */
class ScaleAndFaultsIT {

    private static final Logger log = LoggerFactory.getLogger(ScaleAndFaultsIT.class);

    private static final int PARTITIONS = 6;
    private static final int INTENTS_PER_PARTITION = 2;
    private static final double SPEEDUP = 15;
    private static final Duration PHASE_SPAN = Duration.ofMinutes(24);
    /**
     * Minutes past the hour at which the first phase starts, so that the hourly window holding the previous phase's
     * traffic closes (window end + 15 min grace) while a fault is in effect: 24 s into the kill phase's traffic
     * (killed at 15 s, restarted at 27 s, its partitions idle until its session expires) and 40 s into the broker
     * phase's (stopped at 15 s, back 8-30 s later, the backlog being caught up).
     */
    private static final Duration FIRST_PHASE_OFFSET = Duration.ofMinutes(13);
    private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(3);
    /** How long new instances may take to start (a JVM each, on a loaded machine) and be given active tasks. */
    private static final Duration SPREAD_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration QUIET_PERIOD = Duration.ofSeconds(5);
    private static final String PREFIX = "scale";
    /** A killed member holds its partitions until its session expires: 10 s rather than the 45 s default. */
    private static final int SESSION_TIMEOUT_MS = 10_000;

    private final Map<String, String> timings = new LinkedHashMap<>();
    private final Map<String, Duration> skews = new LinkedHashMap<>();

    @Test
    void everyOutputEqualsTheOfflineReferenceThroughScalingKillsAndABrokerRestart() throws Exception {
        boolean passed = false;
        TrustedContract.install();
        Path sgd = Path.of(System.getProperty("turnloop.data.dir", "../../shared/data"), "sgd", "dev-turns.jsonl.gz");
        assertThat(sgd).as("SGD dev turns (set turnloop.data.dir)").isRegularFile();
        Path dir = Path.of("target", "scale-it", Instant.now().toString().replace(':', '-')).toAbsolutePath();
        Files.createDirectories(dir);

        MetricsSettings metricsSettings = MetricsSettings.defaults();
        Set<String> tumbling = metricsSettings.windows().stream().filter(w -> !w.hopping()).map(WindowSpec::name)
                .collect(Collectors.toSet());
        FixedIntents intents = FixedIntents.spread(PARTITIONS, INTENTS_PER_PARTITION);
        Path breachRules = dir.resolve("breach-rules.yaml");
        try (var rules = ScaleAndFaultsIT.class.getResourceAsStream("breach-rules.yaml")) {
            Files.copy(rules, breachRules);
        }
        BreachRules rules = BreachRules.load(breachRules);
        Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
        List<TrafficScript.Phase> phases = new ArrayList<>(TrafficScript.phases(sgd, List.of("scale", "kill", "broker"),
                today.minus(Duration.ofDays(5)).plus(FIRST_PHASE_OFFSET), PHASE_SPAN, intents, PARTITIONS));
        phases.add(TrafficScript.flush("flush", today.minus(Duration.ofHours(1)), intents, PARTITIONS));

        // Given the expected outputs after each phase's traffic and after its clock, computed offline (meanwhile the
        // processes start)
        CompletableFuture<Map<String, OutputSnapshot[]>> expected = CompletableFuture.supplyAsync(() -> {
            long started = System.nanoTime();
            Map<String, OutputSnapshot[]> snapshots = new HashMap<>();
            try (OfflineReference reference = new OfflineReference(intents, metricsSettings, rules,
                    tumbling)) {
                for (TrafficScript.Phase phase : phases) {
                    snapshots.put(phase.name(), new OutputSnapshot[] {reference.afterTraffic(phase.traffic()),
                            reference.afterClocks(phase.clocks())});
                }
            }
            time("offline reference (concurrently)", started);
            assertReferenceIsMeaningful(snapshots.get("flush")[1]);
            return snapshots;
        });

        // and a broker process, a registry process, the pipeline's topics and schemas
        long started = System.nanoTime();
        CompletableFuture<ApicurioRegistry> registry = CompletableFuture.supplyAsync(ApicurioRegistry::shared);
        try (KafkaBrokerProcess broker = KafkaBrokerProcess.start(dir.resolve("broker"))) {
            String registryUrl = registry.join().confluentApiUrl();
            List<String> connection = List.of("--bootstrap-servers", broker.bootstrapServers(),
                    "--schema-registry-url", registryUrl, "--topic-prefix", PREFIX,
                    "--partitions", String.valueOf(PARTITIONS));
            assertThat(turnloop("schemas", "register", connection)).as("schemas register").isZero();
            assertThat(turnloop("topics", "create", connection)).as("topics create").isZero();
            TopicCatalog topics = TopicCatalog.create(PREFIX,
                    new AvroSerdes(new HttpSchemaRegistryClient(registryUrl), false), PARTITIONS);
            List<String> runOptions = new ArrayList<>(connection);
            runOptions.addAll(List.of("--standby-replicas", "1", "--query-port", "-1"));
            Map<String, String> env = Map.of("TURNLOOP_KAFKA_SESSION_TIMEOUT_MS", String.valueOf(SESSION_TIMEOUT_MS));
            time("broker, registry, topics", started);

            try (AppFleet ingest = new AppFleet(IngestTopology.APP, dir, runOptions, env);
                    AppFleet metrics = new AppFleet(MetricsTopology.APP, dir,
                            concat(runOptions, "--breach-rules", breachRules.toString()), env);
                    KafkaStreams assigner = startAssigner(broker.bootstrapServers(), topics, intents, dir);
                    PacedPublisher publisher = new PacedPublisher(broker.bootstrapServers(), topics.turns);
                    CommittedOutputs outputs = new CommittedOutputs(broker.bootstrapServers(), topics, tumbling)) {
                Phases run = new Phases(publisher, outputs, expected, List.of(ingest, metrics), broker);
                started = System.nanoTime();
                ingest.scaleTo(1);
                metrics.scaleTo(1);
                ingest.awaitHealthy(Duration.ofMinutes(2));
                metrics.awaitHealthy(Duration.ofMinutes(2));
                time("first instances healthy", started);

                String ingestId = topics.applicationId(IngestTopology.APP);
                String metricsId = topics.applicationId(MetricsTopology.APP);

                // When ingest and metrics scale 1 -> 3 (until every instance runs active tasks) -> 1 while traffic
                // flows
                run.phase(phases.get(0), clock -> {
                    clock.at(Duration.ofSeconds(5));
                    ingest.scaleTo(3);
                    metrics.scaleTo(3);
                    awaitSpread(ingest, broker, ingestId);
                    awaitSpread(metrics, broker, metricsId);
                    time("scale: 3 instances each running active tasks at", clock.startedNanos());
                    clock.at(clock.elapsed().plusSeconds(5));
                    ingest.scaleTo(1);
                    metrics.scaleTo(1);
                    time("scale: back to 1 instance each at", clock.startedNanos());
                });
                assertThat(ingest.running() + metrics.running()).as("instances after scaling in").isEqualTo(2);

                // When the busiest of three instances of each is killed (SIGKILL) mid-stream and started again
                ingest.scaleTo(3);
                metrics.scaleTo(3);
                awaitSpread(ingest, broker, ingestId);
                awaitSpread(metrics, broker, metricsId);
                run.phase(phases.get(1), clock -> {
                    clock.at(Duration.ofSeconds(15));
                    int ingestVictim = busiest(ingest, broker, ingestId);
                    int metricsVictim = busiest(metrics, broker, metricsId);
                    ingest.instance(ingestVictim).kill();
                    metrics.instance(metricsVictim).kill();
                    log.info("killed ingest-{} and metrics-{}", ingestVictim, metricsVictim);
                    clock.at(Duration.ofSeconds(27));
                    ingest.instance(ingestVictim).start();
                    metrics.instance(metricsVictim).start();
                });

                // When the broker process is stopped and started again mid-stream
                run.phase(phases.get(2), clock -> {
                    clock.at(Duration.ofSeconds(15));
                    long stopping = System.nanoTime();
                    broker.stop();
                    time("broker: stop (SIGTERM) took", stopping);
                    long starting = System.nanoTime();
                    broker.start();
                    time("broker: start took", starting);
                });

                // When stream time moves days ahead, every window that can close publishes its final result
                run.phase(phases.get(3), clock -> { });
                run.quietPeriod(phases.get(3));
                assertThat(ingest.running() + metrics.running()).as("no instance died on its own").isEqualTo(6);
                assertThat(assigner.state()).as("the stand-in intents app").isEqualTo(KafkaStreams.State.RUNNING);
                passed = true;
            } finally {
                log.info("widest event-time gap between partitions of the metrics input, by phase (hourly grace 15 min):"
                        + " {}", skews);
                log.info("timings:\n{}", timings.entrySet().stream().map(e -> "  " + e.getKey() + ": " + e.getValue())
                        .collect(Collectors.joining("\n")));
            }
        } finally {
            if (passed) {
                deleteAllButLogs(dir);
            }
        }
    }

    /**
     * After a pass only the processes' own logs ({@code <dir>/<process>/<name>.log}) are worth keeping; their state and
     * the broker's data take ~100 MB a run.
     */
    private static void deleteAllButLogs(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                boolean processLog = dir.relativize(path).getNameCount() == 2 && path.toString().endsWith(".log");
                boolean emptyDirectory = Files.isDirectory(path) && isEmpty(path);
                if (emptyDirectory || (Files.isRegularFile(path) && !processLog)) {
                    Files.delete(path);
                }
            }
        }
    }

    private static boolean isEmpty(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.findAny().isEmpty();
        }
    }

    /** The data must exercise what is compared: every outcome, silent closes, signals, windows of each kind, breaches. */
    private static void assertReferenceIsMeaningful(OutputSnapshot all) {
        Set<Outcome> outcomes = all.summaries().values().stream().map(s -> s.get(0).getOutcome())
                .collect(Collectors.toSet());
        assertThat(outcomes).as("outcomes in the reference").contains(Outcome.COMPLETED, Outcome.ABANDONED,
                Outcome.ESCALATED);
        assertThat(all.summaries().values().stream().filter(s -> s.get(0).getOutcomeReason().startsWith("inactivity")))
                .as("conversations closed by the inactivity scan").isNotEmpty();
        assertThat(all.summaries()).as("conversations").hasSizeGreaterThan(2_000);
        assertThat(all.signals()).as("conversations with signals").isNotEmpty();
        assertThat(all.finals().keySet().stream().map(k -> k.substring(0, k.indexOf('|'))).distinct())
                .as("windows with final results").contains("1h", "1d", "7d");
        assertThat(all.breaches()).as("breaches").isNotEmpty();
        log.info("reference: {} enriched turns, {} signals, {} summaries, {} final windows, {} breach events, "
                        + "{} live tumbling windows", count(all.enrichedTurns()), count(all.signals()),
                all.summaries().size(), all.finals().size(), count(all.breaches()), all.live().size());
    }

    private static long count(Map<String, ? extends List<?>> records) {
        return records.values().stream().mapToLong(List::size).sum();
    }

    /** Partitions owned (active tasks) per running instance, as the consumer group says. */
    private static Map<Integer, Long> owned(AppFleet fleet, KafkaBrokerProcess broker, String applicationId) {
        try (Admin admin = broker.admin()) {
            return fleet.ownedPartitions(admin, applicationId);
        } catch (Exception e) {
            throw new IllegalStateException("cannot describe the consumer group " + applicationId, e);
        }
    }

    /** Waits until every running instance owns partitions, i.e. runs active tasks. */
    private static void awaitSpread(AppFleet fleet, KafkaBrokerProcess broker, String applicationId) {
        Awaitility.await(applicationId + " active tasks on every instance").atMost(SPREAD_TIMEOUT)
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> owned(fleet, broker, applicationId), owned -> owned.values().stream().allMatch(n -> n > 0));
        log.info("{} partitions owned by instance: {}", applicationId, owned(fleet, broker, applicationId));
    }

    /** The instance running the most active tasks: killing it stalls the most of the stream. */
    private static int busiest(AppFleet fleet, KafkaBrokerProcess broker, String applicationId) {
        Map<Integer, Long> owned = owned(fleet, broker, applicationId);
        log.info("{} partitions owned by instance: {}", applicationId, owned);
        Map.Entry<Integer, Long> busiest = owned.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
        assertThat(busiest.getValue()).as("partitions owned by the busiest %s instance", applicationId).isPositive();
        return busiest.getKey();
    }

    private static List<String> concat(List<String> options, String... more) {
        List<String> all = new ArrayList<>(options);
        all.addAll(List.of(more));
        return all;
    }

    private static int turnloop(String command, String subcommand, List<String> options) {
        List<String> args = new ArrayList<>(List.of(command, subcommand));
        args.addAll(options);
        return TurnloopCommand.commandLine().execute(args.toArray(String[]::new));
    }

    /** The stand-in intents app, in this JVM, with the same exactly-once defaults as every turnloop app. */
    private static KafkaStreams startAssigner(String bootstrapServers, TopicCatalog topics, FixedIntents intents,
            Path dir) {
        Properties props = StreamsDefaults.properties(Map.of(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                        ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, SESSION_TIMEOUT_MS),
                topics.applicationId(FixedIntents.APP), dir.resolve("fixed-intents").toString(),
                topics.deadLetters.name());
        KafkaStreams streams = new KafkaStreams(intents.topology(topics), props);
        streams.setUncaughtExceptionHandler(e ->
                StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD);
        streams.start();
        return streams;
    }

    private synchronized void time(String what, long startedNanos) {
        timings.put(what, Duration.ofNanos(System.nanoTime() - startedNanos).toMillis() / 1000.0 + " s");
    }

    /** What happens to the processes during a phase's traffic, in a thread of its own. */
    @FunctionalInterface
    private interface FaultScript {
        void run(PhaseClock clock) throws Exception;
    }

    /** Wall-clock time since the phase's traffic started. */
    private record PhaseClock(long startedNanos) {

        Duration elapsed() {
            return Duration.ofNanos(System.nanoTime() - startedNanos);
        }

        /** Sleeps until {@code sinceStart} after the traffic started (returns at once if that is past). */
        void at(Duration sinceStart) throws InterruptedException {
            long wait = sinceStart.minus(elapsed()).toMillis();
            if (wait > 0) {
                Thread.sleep(wait);
            }
        }
    }

    /** Runs a phase: paced traffic while a fault script runs, then the two-step comparison with the reference. */
    private final class Phases {

        private final PacedPublisher publisher;
        private final CommittedOutputs outputs;
        private final CompletableFuture<Map<String, OutputSnapshot[]>> expected;
        private final List<AppFleet> fleets;
        private final KafkaBrokerProcess broker;

        Phases(PacedPublisher publisher, CommittedOutputs outputs,
                CompletableFuture<Map<String, OutputSnapshot[]>> expected, List<AppFleet> fleets,
                KafkaBrokerProcess broker) {
            this.publisher = publisher;
            this.outputs = outputs;
            this.expected = expected;
            this.fleets = fleets;
            this.broker = broker;
        }

        /** Publishes the phase's traffic while {@code faults} run, then compares the outputs in two steps. */
        void phase(TrafficScript.Phase phase, FaultScript faults) throws Exception {
            log.info("phase {}: {} conversations, {} turns, event time {} .. {}", phase.name(), phase.conversations(),
                    phase.traffic().size(), phase.start(), phase.clockTime());
            int finalsBefore = outputs.read().finals().size();
            outputs.metricsInputSkew().restart();
            long started = System.nanoTime();
            CompletableFuture<Void> traffic = publisher.publishPaced(phase.traffic(), phase.start(), SPEEDUP);
            CompletableFuture<Void> script = CompletableFuture.runAsync(() -> {
                try {
                    faults.run(new PhaseClock(started));
                } catch (Exception e) {
                    throw new IllegalStateException(phase.name() + ": the fault script failed", e);
                }
            });
            while (!traffic.isDone() || !script.isDone()) {
                outputs.read(); // while the traffic flows, to see how far apart the partitions get
                Thread.sleep(500);
            }
            script.get();
            traffic.get();
            int finalsDuringTraffic = outputs.read().finals().size() - finalsBefore;
            time(phase.name() + ": traffic (" + finalsDuringTraffic + " final windows published meanwhile)", started);

            long settling = System.nanoTime();
            awaitEqual(phase.name() + " after traffic", expected(phase)[0], false);
            time(phase.name() + ": traffic processed after", settling);
            skews.put(phase.name(), outputs.metricsInputSkew().widest());

            publisher.publishNow(phase.clocks());
            settling = System.nanoTime();
            awaitEqual(phase.name() + " after clock", expected(phase)[1], true);
            time(phase.name() + ": clock processed (incl. inactivity scan) after", settling);
        }

        /**
         * A record published twice could come late (a zombie's transaction); every later check covers all earlier
         * output, and this one waits a while after the last.
         */
        void quietPeriod(TrafficScript.Phase last) throws InterruptedException {
            Thread.sleep(QUIET_PERIOD.toMillis());
            Differences later = Differences.between(expected(last)[1], outputs.read(), true);
            assertThat(later.isEmpty()).as("%s later:\n%s", QUIET_PERIOD, later).isTrue();
        }

        private OutputSnapshot[] expected(TrafficScript.Phase phase) {
            return expected.join().get(phase.name());
        }

        private void awaitEqual(String checkpoint, OutputSnapshot want, boolean finalsComplete)
                throws InterruptedException {
            long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
            Differences differences;
            do {
                differences = Differences.between(want, outputs.read(), finalsComplete);
                if (differences.isEmpty()) {
                    log.info("{}: outputs equal the reference ({} records)", checkpoint, want.records());
                    return;
                }
                Thread.sleep(1_000);
            } while (System.nanoTime() < deadline);
            assertThat(differences.isEmpty()).as("%s: outputs still differ from the reference after %s:\n%s\nlogs: %s",
                    checkpoint, SETTLE_TIMEOUT, differences, logs()).isTrue();
        }

        private List<Path> logs() {
            List<Path> logs = new ArrayList<>(List.of(broker.log()));
            fleets.forEach(fleet -> logs.addAll(fleet.logs()));
            return logs;
        }
    }
}
