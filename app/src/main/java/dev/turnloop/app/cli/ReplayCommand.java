package dev.turnloop.app.cli;

import dev.turnloop.app.replay.ReplayReport;
import dev.turnloop.app.replay.ReplayTimeline;
import dev.turnloop.app.replay.TurnFile;
import dev.turnloop.app.replay.TurnReplayer;
import dev.turnloop.schemas.TurnEvent;
import dev.turnloop.schemas.catalog.TopicSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Publishes a turns file (the Schema-Guided Dialogue layout) as TurnEvents. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Publish a turns file as TurnEvents (Avro, Confluent wire format) keyed by conversation id.",
                "Lines hold conversation_id, turn_index, role and text, plus any other TurnEvent field. Event times "
                        + "are synthesised where absent: one conversation every --conversation-spacing, one turn every "
                        + "--turn-gap. Bad lines are reported with their line numbers and skipped (or stop the replay "
                        + "with --strict)."})
public final class ReplayCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--file", required = true, paramLabel = "F.jsonl[.gz]", description = "The turns file.")
    Path file;

    @Option(names = "--start-time", paramLabel = "INSTANT",
            description = "Event time of the first conversation, ISO-8601 (default: so that the last one starts now).")
    Instant startTime;

    @Option(names = "--conversation-spacing", paramLabel = "DURATION", defaultValue = "30s",
            converter = HumanDuration.class, description = "Time between conversation starts (default ${DEFAULT-VALUE}).")
    Duration conversationSpacing;

    @Option(names = "--turn-gap", paramLabel = "DURATION", defaultValue = "15s", converter = HumanDuration.class,
            description = "Time between turns of a conversation (default ${DEFAULT-VALUE}).")
    Duration turnGap;

    @Option(names = "--rate", paramLabel = "TURNS_PER_SECOND", defaultValue = "0",
            description = "Publish at most this many turns per second; 0 = as fast as possible.")
    double rate;

    @Option(names = "--strict", description = "Fail at the first bad line instead of skipping it.")
    boolean strict;

    @Option(names = "--no-progress", description = "Do not draw the progress bar.")
    boolean noProgress;

    @Override
    public Integer call() throws IOException {
        if (rate < 0) {
            throw new IllegalArgumentException("--rate must be >= 0 (0 means unlimited), got " + rate);
        }
        TurnFile turnFile = new TurnFile(file);
        Pipeline pipeline = Pipeline.from(connection.config());
        FileShape shape = FileShape.of(turnFile);
        Instant start = startTime != null ? startTime
                : ReplayTimeline.endingNow(Instant.now(), shape.conversations(), conversationSpacing);
        TurnReplayer replayer = new TurnReplayer(new ReplayTimeline(start, conversationSpacing, turnGap), strict);

        ProgressBar progress = noProgress ? null : new ProgressBar(System.err, "lines", shape.lines());
        ReplayReport report;
        try (TurnPublisher publisher = new TurnPublisher(pipeline, rate)) {
            report = replayer.replay(turnFile, publisher::publish, line -> {
                if (progress != null) {
                    progress.update(line);
                }
            });
            publisher.flush();
        } finally {
            if (progress != null) {
                progress.finish();
            }
        }
        for (ReplayReport.BadLine bad : report.badLines()) {
            System.err.printf("skipped line %d: %s%n", bad.lineNumber(), bad.reason());
        }
        System.out.printf("published %,d turns of %,d conversations to %s (%d bad lines skipped)%n",
                report.published(), report.conversations(), pipeline.topics().turns.name(), report.badLines().size());
        return ExitCodes.OK;
    }

    /** Lines and conversations of a file, counted up front for the progress bar and the default start time. */
    record FileShape(long lines, long conversations) {
        static FileShape of(TurnFile file) throws IOException {
            long lines = 0;
            Set<String> conversations = new HashSet<>();
            java.util.regex.Pattern id = java.util.regex.Pattern.compile("\"conversation_id\"\\s*:\\s*\"([^\"]*)\"");
            try (BufferedReader reader = file.open()) {
                String line;
                while ((line = reader.readLine()) != null) {
                    lines++;
                    java.util.regex.Matcher m = id.matcher(line);
                    if (m.find()) {
                        conversations.add(m.group(1));
                    }
                }
            }
            return new FileShape(lines, conversations.size());
        }
    }

    /** An idempotent producer with an optional rate limit; the first send failure fails the replay. */
    static final class TurnPublisher implements AutoCloseable {
        private final KafkaProducer<String, TurnEvent> producer;
        private final TopicSpec<String, TurnEvent> topic;
        private final double rate;
        private final long startNanos = System.nanoTime();
        private final AtomicReference<Exception> failure = new AtomicReference<>();
        private long sent;

        TurnPublisher(Pipeline pipeline, double rate) {
            Map<String, Object> props = new HashMap<>(pipeline.config().kafkaClientProperties());
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
            props.put(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
            props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
            // KAFKA-14359: on a just-created topic a refused first batch could otherwise be overtaken and then lost
            props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
            this.topic = pipeline.topics().turns;
            this.producer = new KafkaProducer<>(props, topic.keySerde().serializer(), topic.valueSerde().serializer());
            this.rate = rate;
        }

        void publish(TurnEvent turn) {
            Exception earlier = failure.get();
            if (earlier != null) {
                throw new IllegalStateException("publishing failed: " + earlier.getMessage(), earlier);
            }
            if (rate > 0) {
                pace();
            }
            producer.send(new ProducerRecord<>(topic.name(), turn.getConversationId(), turn), (metadata, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, e);
                }
            });
            sent++;
        }

        private void pace() {
            long dueNanos = startNanos + (long) (sent / rate * 1e9);
            long waitNanos = dueNanos - System.nanoTime();
            if (waitNanos > 0) {
                try {
                    Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        void flush() {
            producer.flush();
            Exception e = failure.get();
            if (e != null) {
                throw new IllegalStateException("publishing failed: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            producer.close(Duration.ofSeconds(30));
        }
    }
}
