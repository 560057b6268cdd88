package dev.turnloop.metrics.query;

import dev.turnloop.metrics.window.IntentPartitioner;
import dev.turnloop.metrics.window.KeyParts;
import dev.turnloop.metrics.window.WindowedMetricsGraph;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Where an intent's metrics live. All per-intent state is partitioned by intent id, so one instance holds every
 * cohort and window of an intent; the intent list is spread over all instances.
 */
public interface InstanceRouter {

    /** The other instance that holds the intent, or empty when this one does. */
    Optional<HostInfo> remoteOwnerOf(String intentId);

    /** Every other instance that holds metrics. */
    List<HostInfo> otherInstances();

    /** A router for a single instance that holds everything (tests, one-instance deployments). */
    InstanceRouter SINGLE_INSTANCE = new InstanceRouter() {
        @Override
        public Optional<HostInfo> remoteOwnerOf(String intentId) {
            return Optional.empty();
        }

        @Override
        public List<HostInfo> otherInstances() {
            return List.of();
        }
    };

    /**
     * Routes through Kafka Streams' metadata: {@code queryMetadataForKey} with the partitioner the metrics are
     * partitioned by, and {@code streamsMetadataForStore}. {@code self} is this instance's
     * {@code application.server}.
     */
    static InstanceRouter of(KafkaStreams streams, HostInfo self) {
        String store = WindowedMetricsGraph.LATEST_TOTALS_STORE;
        return new InstanceRouter() {
            @Override
            public Optional<HostInfo> remoteOwnerOf(String intentId) {
                KeyQueryMetadata metadata = streams.queryMetadataForKey(store, KeyParts.join(intentId),
                        new IntentPartitioner<>());
                if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
                    throw new InvalidStateStoreException("no instance holds intent " + intentId + " right now "
                            + "(the app is starting or rebalancing)");
                }
                HostInfo owner = metadata.activeHost();
                return owner.equals(self) ? Optional.empty() : Optional.of(owner);
            }

            @Override
            public List<HostInfo> otherInstances() {
                return streams.streamsMetadataForStore(store).stream().map(StreamsMetadata::hostInfo)
                        .filter(host -> !host.equals(self)).distinct().toList();
            }
        };
    }
}
