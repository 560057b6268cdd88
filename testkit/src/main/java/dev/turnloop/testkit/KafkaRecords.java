package dev.turnloop.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.Deserializer;

/** Reads what a topic holds, committed records only, until a condition or a deadline. */
public final class KafkaRecords {

    private KafkaRecords() {
    }

    /**
     * Consumes {@code topic} from the beginning (read_committed) until {@code done} holds for what was read, or the
     * timeout passes; returns everything read.
     */
    public static <K, V> List<ConsumerRecord<K, V>> readUntil(String bootstrapServers, String topic,
            Deserializer<K> keys, Deserializer<V> values, Duration timeout,
            Predicate<List<ConsumerRecord<K, V>>> done) {
        Properties props = new Properties();
        props.putAll(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000"));
        List<ConsumerRecord<K, V>> records = new ArrayList<>();
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(props, keys, values)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && !done.test(records)) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /** Reads until {@code count} records arrived or the timeout passes. */
    public static <K, V> List<ConsumerRecord<K, V>> readAtLeast(String bootstrapServers, String topic,
            Deserializer<K> keys, Deserializer<V> values, int count, Duration timeout) {
        return readUntil(bootstrapServers, topic, keys, values, timeout, read -> read.size() >= count);
    }
}
