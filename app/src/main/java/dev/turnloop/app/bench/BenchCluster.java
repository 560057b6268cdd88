package dev.turnloop.app.bench;

import dev.turnloop.schemas.TurnEvent;
import dev.turnloop.schemas.catalog.TopicCatalog;
import dev.turnloop.schemas.catalog.TopicLeaders;
import dev.turnloop.schemas.catalog.TopicSpec;
import dev.turnloop.schemas.registry.InMemorySchemaRegistry;
import dev.turnloop.schemas.serde.AvroSerdes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/** What a benchmark run needs from the broker: fresh topics, a loaded input topic, and the app's progress. */
final class BenchCluster implements AutoCloseable {

    private final String bootstrapServers;
    private final Admin admin;
    final InMemorySchemaRegistry registry = InMemorySchemaRegistry.named("bench-" + UUID.randomUUID());

    BenchCluster(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers));
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    /** A catalog under a fresh prefix, with all its topics (and any extra ones) created. */
    TopicCatalog freshTopics(String label, int partitions, String... extraTopics) throws Exception {
        TopicCatalog topics = TopicCatalog.create("bench-" + label + "-" + UUID.randomUUID().toString().substring(0, 8),
                new AvroSerdes(registry, true), partitions);
        List<NewTopic> create = new ArrayList<>();
        for (TopicSpec<?, ?> topic : topics.all()) {
            create.add(topic.newTopic((short) 1));
        }
        for (String extra : extraTopics) {
            create.add(new NewTopic(topics.prefix() + "." + extra, partitions, (short) 1));
        }
        admin.createTopics(create).all().get();
        TopicLeaders.await(admin, create.stream().map(NewTopic::name).toList(), Duration.ofMinutes(1));
        return topics;
    }

    /** Produces {@code count} turns to the catalog's turns topic as fast as the broker takes them. */
    void load(TopicCatalog topics, long count, Supplier<TurnEvent> turns) {
        try (KafkaProducer<String, TurnEvent> producer = producer(topics, 20)) {
            for (long i = 0; i < count; i++) {
                TurnEvent turn = turns.get();
                producer.send(new ProducerRecord<>(topics.turns.name(), turn.getConversationId(), turn));
            }
        }
    }

    /**
     * Offers turns at a fixed rate for {@code duration}, each made with its produce time as event time and record
     * timestamp, so that anything derived from it can be timed from the moment it was sent. Returns the turns sent.
     */
    long offer(TopicCatalog topics, double perSecond, Duration duration, Function<Instant, TurnEvent> turns)
            throws InterruptedException {
        long count = (long) (perSecond * duration.toNanos() / 1e9);
        try (KafkaProducer<String, TurnEvent> producer = producer(topics, 0)) {
            long startNanos = System.nanoTime();
            for (long i = 0; i < count; i++) {
                long wait = startNanos + (long) (i / perSecond * 1e9) - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                TurnEvent turn = turns.apply(Instant.now());
                producer.send(new ProducerRecord<>(topics.turns.name(), null, turn.getEventTime().toEpochMilli(),
                        turn.getConversationId(), turn));
            }
        }
        return count;
    }

    private KafkaProducer<String, TurnEvent> producer(TopicCatalog topics, int lingerMs) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // KAFKA-14359: a fresh partition can refuse the first batch (NOT_LEADER) while a later one lands; the retried
        // first batch then fails OUT_OF_ORDER_SEQUENCE forever. One request in flight per connection cannot reorder.
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        return new KafkaProducer<>(props, topics.turns.keySerde().serializer(), topics.turns.valueSerde().serializer());
    }

    /** Blocks until the consumer group has committed offsets up to the end of each of {@code topics}. */
    void awaitConsumed(String groupId, Collection<String> topics, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (String topic : topics) {
            long end = endOffsets(topic);
            while (committed(groupId, topic) < end) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(groupId + " did not consume " + topic + " within " + timeout);
                }
                Thread.sleep(50);
            }
        }
    }

    private long endOffsets(String topic) throws ExecutionException, InterruptedException {
        int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        long sum = 0;
        for (ListOffsetsResult.ListOffsetsResultInfo info : admin.listOffsets(latest).all().get().values()) {
            sum += info.offset();
        }
        return sum;
    }

    private long committed(String groupId, String topic) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata().get();
        return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                .mapToLong(e -> e.getValue().offset()).sum();
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
