package dev.turnloop.dashboard;

import dev.turnloop.dashboard.view.DashboardView;
import dev.turnloop.schemas.catalog.TopicCatalog;
import dev.turnloop.schemas.catalog.TopicSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds a {@link DashboardView} from the pipeline's output topics, as any external dashboard would: its own consumer,
 * read_committed (so aborted exactly-once transactions never show), from the earliest offset, no committed offsets
 * (the view is rebuilt from the topics at every start). Records it cannot read are logged and skipped: a dashboard
 * must not stop on one bad record, and the pipeline's own dead-letter topic is where bad input is kept.
 */
public final class DashboardFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DashboardFeed.class);

    private final Map<String, Consumer<byte[]>> handlers = new HashMap<>();
    private final DashboardView view;
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param kafka client properties (bootstrap servers, security); group and offsets are set here
     * @param countedOnly topics whose records are only counted (e.g. turns, dead letters for a demo's progress line)
     */
    public DashboardFeed(Map<String, Object> kafka, TopicCatalog topics, DashboardView view, List<TopicSpec<?, ?>> countedOnly) {
        this.view = view;
        on(topics.conversationSummaries, view::summary);
        on(topics.intentCatalog, view::catalogEntry);
        on(topics.intentAssignments, view::assignment);
        on(topics.intentEvents, view::intentEvent);
        on(topics.breaches, view::breach);
        on(topics.backlog, view::backlogItem);
        on(topics.changeEvents, view::change);
        on(topics.cohortVerdicts, view::verdict);
        countedOnly.forEach(spec -> handlers.putIfAbsent(spec.name(), bytes -> { }));
        Properties props = new Properties();
        props.putAll(kafka);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "turnloop-dashboard-" + java.util.UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.thread = new Thread(() -> run(props, new ArrayList<>(handlers.keySet())), "dashboard-feed");
        thread.setDaemon(true);
    }

    public DashboardFeed start() {
        thread.start();
        return this;
    }

    private <V> void on(TopicSpec<?, V> spec, Consumer<V> update) {
        handlers.put(spec.name(), bytes -> update.accept(spec.valueSerde().deserializer().deserialize(spec.name(),
                bytes)));
    }

    private void run(Properties props, List<String> subscribed) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(subscribed);
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    apply(record);
                }
            }
        } catch (org.apache.kafka.common.errors.InterruptException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void apply(ConsumerRecord<byte[], byte[]> record) {
        view.counted(record.topic());
        if (record.value() == null) {
            return; // a tombstone on a compacted topic: nothing to show
        }
        try {
            handlers.get(record.topic()).accept(record.value());
        } catch (RuntimeException e) {
            LOG.warn("skipping unreadable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.toString());
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5_000);
    }
}
