package dev.turnloop.schemas.catalog;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * One topic of the pipeline: its name, key and value serdes, and how it is created.
 *
 * @param retention empty means the broker default (or forever for compacted tables)
 * @param maxMessageBytes the topic's {@code max.message.bytes}; 0 means the broker default
 */
public record TopicSpec<K, V>(
        String name,
        Serde<K> keySerde,
        Serde<V> valueSerde,
        int partitions,
        CleanupPolicy cleanupPolicy,
        Optional<Duration> retention,
        String description,
        int maxMessageBytes) {

    public TopicSpec(String name, Serde<K> keySerde, Serde<V> valueSerde, int partitions, CleanupPolicy cleanupPolicy,
            Optional<Duration> retention, String description) {
        this(name, keySerde, valueSerde, partitions, cleanupPolicy, retention, description, 0);
    }

    public TopicSpec<K, V> withMaxMessageBytes(int bytes) {
        return new TopicSpec<>(name, keySerde, valueSerde, partitions, cleanupPolicy, retention, description, bytes);
    }

    public Consumed<K, V> consumed() {
        return Consumed.with(keySerde, valueSerde);
    }

    public Produced<K, V> produced() {
        return Produced.with(keySerde, valueSerde);
    }

    /** The topic as Admin creates it, with the given replication factor. */
    public NewTopic newTopic(short replicationFactor) {
        return new NewTopic(name, partitions, replicationFactor).configs(configs());
    }

    /** The topic-level configs turnloop sets; everything else is the broker's default. */
    public Map<String, String> configs() {
        Map<String, String> configs = new java.util.TreeMap<>();
        configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy.configValue());
        retention.ifPresent(r -> configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(r.toMillis())));
        if (maxMessageBytes > 0) {
            configs.put(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(maxMessageBytes));
        }
        return configs;
    }
}
