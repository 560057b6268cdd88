package dev.turnloop.app.bench;

import dev.turnloop.metrics.window.ClosedConversations;
import dev.turnloop.schemas.IntentAssignment;
import dev.turnloop.schemas.IntentMetrics;
import dev.turnloop.schemas.catalog.TopicCatalog;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads the pipeline's outputs as a downstream consumer would (read_committed) while turns are offered, and times
 * each from the produce time of its turn: enriched turns (the signal) and conversation summaries carry it as their
 * record timestamp (the turn's event time, which the offered load sets to its produce time), confirmed intent
 * assignments carry their conversation's summary with its last turn's time, and live intent metrics are matched to
 * the confirmed assignments they count by {@link MetricUpdateMatcher}.
 */
final class PipelineLatencyReader implements AutoCloseable {

    private final TopicCatalog topics;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Deserializer<IntentAssignment> assignments;
    private final Deserializer<IntentMetrics> metrics;
    private final Latencies signal = new Latencies();
    private final Latencies summary = new Latencies();
    private final Latencies confirmed = new Latencies();
    private final Latencies intentMetric = new Latencies();
    private final MetricUpdateMatcher matcher = new MetricUpdateMatcher();
    private final AtomicLong signals = new AtomicLong();
    private final AtomicLong summaries = new AtomicLong();
    private final AtomicLong metricUpdates = new AtomicLong();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Thread thread;

    private PipelineLatencyReader(String bootstrapServers, TopicCatalog topics) {
        this.topics = topics;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-latency-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.assignments = topics.intentAssignments.valueSerde().deserializer();
        this.metrics = topics.intentMetricsLive.valueSerde().deserializer();
        this.thread = new Thread(this::read, "bench-latency-reader");
    }

    static PipelineLatencyReader start(String bootstrapServers, TopicCatalog topics) {
        PipelineLatencyReader reader = new PipelineLatencyReader(bootstrapServers, topics);
        reader.consumer.subscribe(List.of(topics.enrichedTurns.name(), topics.conversationSummaries.name(),
                topics.intentAssignments.name(), topics.intentMetricsLive.name()));
        reader.thread.start();
        return reader;
    }

    /** Waits until every turn and every ended conversation was seen at each output; false on timeout. */
    boolean awaitAll(long turns, long endedConversations, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && thread.isAlive()) {
            if (signals.get() >= turns && summaries.get() >= endedConversations
                    && metricUpdates.get() >= endedConversations) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    LatencyPercentiles signal() {
        return signal.percentiles();
    }

    LatencyPercentiles summary() {
        return summary.percentiles();
    }

    LatencyPercentiles assignment() {
        return confirmed.percentiles();
    }

    LatencyPercentiles intentMetric() {
        return intentMetric.percentiles();
    }

    private void read() {
        try {
            while (!stop.get()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(20))) {
                    accept(record, System.currentTimeMillis());
                }
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void accept(ConsumerRecord<byte[], byte[]> record, long now) {
        String topic = record.topic();
        if (record.value() == null) {
            return; // a tombstone counts nothing
        }
        if (topic.equals(topics.enrichedTurns.name())) {
            signal.record(now - record.timestamp());
            signals.incrementAndGet();
        } else if (topic.equals(topics.conversationSummaries.name())) {
            summary.record(now - record.timestamp());
            summaries.incrementAndGet();
        } else if (topic.equals(topics.intentAssignments.name())) {
            IntentAssignment assignment = assignments.deserialize(topic, record.headers(), record.value());
            if (ClosedConversations.countable(assignment)) {
                long producedAt = assignment.getSummary().getLastTurnAt().toEpochMilli();
                confirmed.record(now - producedAt);
                matcher.assigned(assignment.getIntentId(), producedAt);
            }
        } else {
            IntentMetrics update = metrics.deserialize(topic, record.headers(), record.value());
            for (long latency : matcher.updated(update.getIntentId(), now)) {
                intentMetric.record(latency);
                metricUpdates.incrementAndGet();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        thread.join();
    }
}
