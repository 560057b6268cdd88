package dev.turnloop.schemas.streams;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;

/**
 * How every turnloop Kafka Streams app runs: exactly-once v2, and nothing lost on bad input — records that cannot be
 * deserialized, processed or written go to the dead-letter topic (Kafka's KIP-1034 handlers, original bytes and
 * reason headers) and the app keeps running.
 */
public final class StreamsDefaults {

    private StreamsDefaults() {
    }

    /**
     * @param clientProperties bootstrap servers and any security settings, passed to every client
     * @param applicationId the app's id (its consumer group and internal topic prefix)
     * @param stateDir RocksDB state directory
     * @param deadLetterTopic where unusable records go
     */
    public static Properties properties(Map<String, Object> clientProperties, String applicationId, String stateDir,
            String deadLetterTopic) {
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, deadLetterTopic);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                DeadLetteringProcessingExceptionHandler.class);
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
                DeadLetteringProductionExceptionHandler.class);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 10);
        // a dead letter is its input plus reason headers: it must be allowed to be larger than any input
        props.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG),
                dev.turnloop.schemas.catalog.TopicCatalog.DEAD_LETTER_MAX_MESSAGE_BYTES);
        props.putIfAbsent(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        return props;
    }
}
