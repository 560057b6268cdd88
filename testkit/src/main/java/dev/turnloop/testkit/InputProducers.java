package dev.turnloop.testkit;

import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Producers for a test's input. Not idempotent: on the in-JVM test broker an idempotent producer was seen retrying
 * one batch forever with OUT_OF_ORDER_SEQUENCE_NUMBER, losing it. One request in flight keeps the order; a
 * duplicate can only follow a lost acknowledgement.
 */
public final class InputProducers {

    private InputProducers() {
    }

    public static <K, V> KafkaProducer<K, V> create(String bootstrapServers, Serializer<K> keys, Serializer<V> values) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1), keys, values);
    }
}
