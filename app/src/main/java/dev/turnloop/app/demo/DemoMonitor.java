package dev.turnloop.app.demo;

import dev.turnloop.schemas.BacklogItem;
import dev.turnloop.schemas.BacklogStatus;
import dev.turnloop.schemas.CohortVerdict;
import dev.turnloop.schemas.ConversationSummary;
import dev.turnloop.schemas.IntentCatalogEntry;
import dev.turnloop.schemas.catalog.TopicCatalog;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Watches the pipeline's output topics as a dashboard would (read_committed, from the start) and keeps the counts the
 * demo prints while it runs and writes at the end.
 */
public final class DemoMonitor implements AutoCloseable {

    private final TopicCatalog topics;
    private final Map<String, AtomicLong> recordsByTopic = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> verdicts = new ConcurrentHashMap<>();
    private final Set<String> intents = ConcurrentHashMap.newKeySet();
    private final Map<String, CohortVerdict> latestVerdicts = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> syntheticByIntent = new ConcurrentHashMap<>();
    private final Map<String, BacklogItem> backlog = new ConcurrentHashMap<>();
    private final Set<String> openBreaches = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private volatile boolean running = true;

    private final String syntheticPrefix;

    /** @param syntheticPrefix conversation ids of the synthetic agent start with this */
    public DemoMonitor(String bootstrapServers, TopicCatalog topics, String syntheticPrefix) {
        this.topics = topics;
        this.syntheticPrefix = syntheticPrefix;
        this.thread = new Thread(() -> run(bootstrapServers), "demo-monitor");
        thread.setDaemon(true);
        thread.start();
    }

    private void run(String bootstrapServers) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "demo-monitor-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topics.turns.name(), topics.enrichedTurns.name(), topics.signals.name(),
                    topics.deadLetters.name(), topics.conversationSummaries.name(), topics.intentAssignments.name(),
                    topics.intentCatalog.name(), topics.intentEvents.name(), topics.intentMetricsLive.name(),
                    topics.breaches.name(), topics.backlog.name(), topics.changeEvents.name(),
                    topics.cohortVerdicts.name()));
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    count(record);
                }
            }
        }
    }

    private void count(ConsumerRecord<byte[], byte[]> record) {
        String topic = record.topic();
        recordsByTopic.computeIfAbsent(topic, t -> new AtomicLong()).incrementAndGet();
        if (record.value() == null) {
            return;
        }
        if (topic.equals(topics.conversationSummaries.name())) {
            ConversationSummary summary = topics.conversationSummaries.valueSerde().deserializer()
                    .deserialize(topic, record.value());
            outcomes.computeIfAbsent(summary.getOutcome().name(), o -> new AtomicLong()).incrementAndGet();
        } else if (topic.equals(topics.intentCatalog.name())) {
            IntentCatalogEntry entry = topics.intentCatalog.valueSerde().deserializer().deserialize(topic,
                    record.value());
            intents.add(entry.getIntentId());
        } else if (topic.equals(topics.intentAssignments.name())) {
            var assignment = topics.intentAssignments.valueSerde().deserializer().deserialize(topic, record.value());
            if (assignment.getStage() == dev.turnloop.schemas.AssignmentStage.CONFIRMED
                    && assignment.getConversationId().startsWith(syntheticPrefix)) {
                syntheticByIntent.computeIfAbsent(assignment.getIntentId(), i -> new AtomicLong()).incrementAndGet();
            }
        } else if (topic.equals(topics.backlog.name())) {
            BacklogItem item = topics.backlog.valueSerde().deserializer().deserialize(topic, record.value());
            backlog.put(item.getItemId(), item);
        } else if (topic.equals(topics.cohortVerdicts.name())) {
            CohortVerdict verdict = topics.cohortVerdicts.valueSerde().deserializer().deserialize(topic,
                    record.value());
            verdicts.computeIfAbsent(verdict.getVerdict().name(), v -> new AtomicLong()).incrementAndGet();
            latestVerdicts.put(verdict.getChangeId(), verdict);
        } else if (topic.equals(topics.breaches.name())) {
            var breach = topics.breaches.valueSerde().deserializer().deserialize(topic, record.value());
            if (breach.getState() == dev.turnloop.schemas.BreachState.OPEN) {
                openBreaches.add(breach.getBreachId());
            }
        }
    }

    public long records(String topic) {
        AtomicLong count = recordsByTopic.get(topic);
        return count == null ? 0 : count.get();
    }

    public Map<String, Long> outcomes() {
        return snapshot(outcomes);
    }

    public Map<String, Long> verdicts() {
        return snapshot(verdicts);
    }

    public int intents() {
        return intents.size();
    }

    /** The intent most of the synthetic agent's closed conversations belong to, if any. */
    public java.util.Optional<String> biggestSyntheticIntent() {
        return syntheticByIntent.entrySet().stream()
                .max(java.util.Comparator.comparingLong(e -> e.getValue().get())).map(Map.Entry::getKey);
    }

    public Map<String, CohortVerdict> latestVerdicts() {
        return Map.copyOf(latestVerdicts);
    }

    public int breaches() {
        return openBreaches.size();
    }

    public Map<String, BacklogItem> backlog() {
        return Map.copyOf(backlog);
    }

    public long backlogWith(Set<BacklogStatus> statuses) {
        return backlog.values().stream().filter(item -> statuses.contains(item.getStatus())).count();
    }

    private static Map<String, Long> snapshot(Map<String, AtomicLong> counts) {
        Map<String, Long> copy = new java.util.TreeMap<>();
        counts.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5_000);
    }
}
