package dev.turnloop.schemas.catalog;

import java.time.Duration;
import java.util.HashMap;
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
 */
public record TopicSpec<K, V>(
        String name,
        Serde<K> keySerde,
        Serde<V> valueSerde,
        int partitions,
        CleanupPolicy cleanupPolicy,
        Optional<Duration> retention,
        String description) {

    public Consumed<K, V> consumed() {
        return Consumed.with(keySerde, valueSerde);
    }

    public Produced<K, V> produced() {
        return Produced.with(keySerde, valueSerde);
    }

    /** The topic as Admin creates it, with the given replication factor. */
    public NewTopic newTopic(short replicationFactor) {
        Map<String, String> configs = new HashMap<>();
        configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy.configValue());
        retention.ifPresent(r -> configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(r.toMillis())));
        return new NewTopic(name, partitions, replicationFactor).configs(configs);
    }
}
