package dev.turnloop.app.bench;

import dev.turnloop.app.run.StreamsRunner;
import dev.turnloop.ingest.IngestSettings;
import dev.turnloop.ingest.IngestStreams;
import dev.turnloop.ingest.IngestTopology;
import dev.turnloop.schemas.EnrichedTurn;
import dev.turnloop.schemas.TurnEvent;
import dev.turnloop.schemas.catalog.TopicCatalog;
import dev.turnloop.schemas.streams.StreamsDefaults;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/**
 * Ingest throughput and latency as ratios against a pass-through topology on the same broker, in the same process:
 * both sides run with exactly_once_v2 over the same number of synthetic turns, after a warm-up run of each (JIT
 * warm-up alone moves pass-through by more than half), so the ratio compares warm code with warm code.
 */
public final class IngestBenchmark {

    /** The numbers, keyed as {@code --json} prints them. */
    public record Result(long turns, int partitions, double passThroughTurnsPerSecond, double turnsPerSecond,
            double ratio, double offeredRate, long latencySamples, double p50Ms, double p99Ms) {
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
            long warmup = Math.max(10_000, Math.min(plan.turns() / 5, 200_000));
            progress.printf("warm-up: %,d turns through each side%n", warmup);
            passThrough(plan, warmup);
            ingest(plan, warmup);
            progress.printf("measuring: %,d turns through each side%n", plan.turns());
            double passThrough = passThrough(plan, plan.turns());
            double ingest = ingest(plan, plan.turns());
            progress.printf("latency: %.0f turns/s offered for %ds%n", plan.latencyRate(),
                    plan.latencyDuration().toSeconds());
            Histogram latency = latency(plan);
            return new Result(plan.turns(), plan.partitions(), passThrough, ingest, ingest / passThrough,
                    plan.latencyRate(), latency.getTotalCount(), latency.getValueAtPercentile(50) / 1000.0,
                    latency.getValueAtPercentile(99) / 1000.0);
        }
    }

    private double passThrough(Plan plan, long turns) throws Exception {
        TopicCatalog topics = cluster.freshTopics("pass", plan.partitions(), "pass-through");
        return timed("pass-through", topics, plan, turns,
                PassThroughTopology.build(topics.turns.name(), topics.prefix() + ".pass-through"));
    }

    private double ingest(Plan plan, long turns) throws Exception {
        TopicCatalog topics = cluster.freshTopics("ingest", plan.partitions());
        return timed("ingest", topics, plan, turns, ingestTopology(topics));
    }

    private Topology ingestTopology(TopicCatalog topics) {
        IngestSettings settings = IngestSettings.defaults();
        return IngestTopology.build(topics, cluster.registry, settings, IngestStreams.readers(settings));
    }

    /** Loads the input, then times the app from start until it has committed all of it. */
    private double timed(String side, TopicCatalog topics, Plan plan, long turns, Topology topology) throws Exception {
        SyntheticTurns load = new SyntheticTurns(7, 2_000, Instant.now().minus(Duration.ofDays(2)));
        cluster.load(topics, turns, load::next);
        String applicationId = topics.applicationId(side);
        long start = System.nanoTime();
        try (StreamsRunner runner = StreamsRunner.start(side, topology, properties(topics, applicationId, plan))) {
            cluster.awaitConsumed(applicationId, topics.turns.name(), Duration.ofMinutes(30));
        }
        double perSecond = turns / ((System.nanoTime() - start) / 1e9);
        progress.printf("  %-12s %,10.0f turns/s%n", side, perSecond);
        return perSecond;
    }

    private Properties properties(TopicCatalog topics, String applicationId, Plan plan) {
        Properties props = StreamsDefaults.properties(Map.of("bootstrap.servers", cluster.bootstrapServers()),
                applicationId, stateRoot.resolve(applicationId).toString(), topics.deadLetters.name());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, plan.threads());
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("bench.streams."))
                .forEach(k -> props.put(k.substring("bench.streams.".length()), System.getProperty(k)));
        return props;
    }

    /** Offers turns at a fixed rate, stamped with their produce time, and measures until each is enriched. */
    private Histogram latency(Plan plan) throws Exception {
        TopicCatalog topics = cluster.freshTopics("latency", plan.partitions());
        Histogram histogram = new Histogram(3_600_000_000L, 3);
        String applicationId = topics.applicationId("ingest-latency");
        long expected = (long) (plan.latencyRate() * plan.latencyDuration().toSeconds());
        AtomicLong received = new AtomicLong();
        AtomicBoolean done = new AtomicBoolean();
        try (StreamsRunner runner = StreamsRunner.start("ingest-latency", ingestTopology(topics),
                properties(topics, applicationId, plan))) {
            if (!runner.awaitRunning(Duration.ofMinutes(2))) {
                throw new IllegalStateException("the ingest app did not start");
            }
            Thread reader = new Thread(() -> readLatencies(topics, histogram, received, done), "latency-reader");
            reader.start();
            SyntheticTurns load = new SyntheticTurns(11, 500, Instant.now());
            try (KafkaProducer<String, TurnEvent> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                    ProducerConfig.LINGER_MS_CONFIG, 0,
                    ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1), topics.turns.keySerde().serializer(),
                    topics.turns.valueSerde().serializer())) {
                long startNanos = System.nanoTime();
                for (long i = 0; i < expected; i++) {
                    long due = startNanos + (long) (i / plan.latencyRate() * 1e9);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    TurnEvent turn = load.next(Instant.now());
                    producer.send(new ProducerRecord<>(topics.turns.name(), null, turn.getEventTime().toEpochMilli(),
                            turn.getConversationId(), turn));
                }
            }
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (received.get() < expected && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            done.set(true);
            reader.join();
        }
        return histogram;
    }

    /** Latency = receive time - the enriched record's timestamp, which is the turn's event (= produce) time. */
    private void readLatencies(TopicCatalog topics, Histogram histogram, AtomicLong received, AtomicBoolean done) {
        try (KafkaConsumer<String, EnrichedTurn> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "latency-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(),
                topics.enrichedTurns.valueSerde().deserializer())) {
            consumer.subscribe(List.of(topics.enrichedTurns.name()));
            while (!done.get()) {
                for (ConsumerRecord<String, EnrichedTurn> record : consumer.poll(Duration.ofMillis(20))) {
                    long micros = Math.max(0, (System.currentTimeMillis() - record.timestamp()) * 1000);
                    histogram.recordValue(Math.min(micros, histogram.getHighestTrackableValue()));
                    received.incrementAndGet();
                }
            }
        }
    }
}
