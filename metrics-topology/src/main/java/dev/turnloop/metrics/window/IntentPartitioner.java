package dev.turnloop.metrics.window;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Partitions {@code intent_id|...} keys by their intent id alone, exactly as Kafka's default partitioner places a
 * record keyed by the bare intent id. So every cohort of an intent, its breach state and the intent-events topic
 * (keyed by intent id) meet in one task, and an interactive query for an intent goes to one instance.
 */
public final class IntentPartitioner<V> implements StreamPartitioner<String, V> {

    @Override
    public Optional<Set<Integer>> partitions(String topic, String key, V value, Headers headers, int numPartitions) {
        return Optional.of(Set.of(partitionOf(KeyParts.first(key), numPartitions)));
    }

    /** Still the abstract method in Kafka 4.4; Streams calls the variant with headers, which does not delegate here. */
    @Override
    @SuppressWarnings("removal")
    public Optional<Set<Integer>> partitions(String topic, String key, V value, int numPartitions) {
        return partitions(topic, key, value, null, numPartitions);
    }

    /** The partition of an intent id: murmur2 of its UTF-8 bytes, as the producer's default partitioner. */
    public static int partitionOf(String intentId, int numPartitions) {
        return Utils.toPositive(Utils.murmur2(intentId.getBytes(StandardCharsets.UTF_8))) % numPartitions;
    }
}
