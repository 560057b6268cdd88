package dev.turnloop.testkit;

import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Producers for a test's input: idempotent, with one request in flight. Right after a topic is created its first
 * batch can be refused (NOT_LEADER) while a later batch lands; the retried first batch then fails
 * OUT_OF_ORDER_SEQUENCE forever and is lost (KAFKA-14359). With one request in flight no later batch can overtake it.
 */
public final class InputProducers {

    private InputProducers() {
    }

    public static <K, V> KafkaProducer<K, V> create(String bootstrapServers, Serializer<K> keys, Serializer<V> values) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1), keys, values);
    }
}
