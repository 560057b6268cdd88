package dev.turnloop.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnloop.schemas.TurnEvent;
import dev.turnloop.schemas.catalog.TopicCatalog;
import dev.turnloop.schemas.registry.HttpSchemaRegistryClient;
import dev.turnloop.schemas.serde.AvroSerdes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole foundation on real parts: TurnEvents produced with the project's serializer (Confluent wire format,
 * schema in a real Apicurio registry) to a real KRaft broker, read back by a Kafka Streams app with exactly_once_v2
 * that counts turns per conversation in a RocksDB store.
 */
class ExactlyOnceStreamsIT {

    @TempDir
    Path stateDir;

    @Test
    void turnsProducedWithTheProjectSerdeAreCountedExactlyOnceByAStreamsApp() throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.shared();
        String registryUrl = ApicurioRegistry.shared().confluentApiUrl();
        TopicCatalog topics = TopicCatalog.create(TestTopics.uniquePrefix("eos"),
                new AvroSerdes(new HttpSchemaRegistryClient(registryUrl), true), 2);
        String countsTopic = topics.prefix() + ".turn-counts";
        try (Admin admin = kafka.admin()) {
            Topics.createAndAwaitLeaders(admin, List.of(topics.turns.newTopic((short) 1),
                    new org.apache.kafka.clients.admin.NewTopic(countsTopic, 2, (short) 1)), Duration.ofSeconds(60));
        }

        // Given 3 conversations of 4, 5 and 6 turns on the turns topic
        Map<String, Integer> turnsPerConversation = Map.of("conv-a", 4, "conv-b", 5, "conv-c", 6);
        try (KafkaProducer<String, TurnEvent> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                topics.turns.keySerde().serializer(), topics.turns.valueSerde().serializer())) {
            turnsPerConversation.forEach((conversation, count) -> {
                for (int i = 0; i < count; i++) {
                    producer.send(new ProducerRecord<>(topics.turns.name(), conversation,
                            SampleTurns.turn(conversation, i, "turn " + i)));
                }
            });
        }

        // When an exactly-once Streams app counts turns per conversation in a RocksDB store
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(topics.turns.name(), topics.turns.consumed())
                .groupByKey()
                .count(Materialized.as("turn-counts-by-conversation"))
                .toStream()
                .to(countsTopic, Produced.with(Serdes.String(), Serdes.Long()));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, topics.applicationId("eos-it"));
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
            streams.start();

            // Then the committed output holds each conversation's final count
            List<ConsumerRecord<String, Long>> counts = KafkaRecords.readUntil(kafka.bootstrapServers(), countsTopic,
                    new StringDeserializer(), new LongDeserializer(), Duration.ofSeconds(60),
                    read -> latestByKey(read).equals(asLongs(turnsPerConversation)));
            assertThat(latestByKey(counts)).as("turn count per conversation").isEqualTo(asLongs(turnsPerConversation));
        }
    }

    private static Map<String, Long> latestByKey(List<ConsumerRecord<String, Long>> records) {
        return records.stream().collect(Collectors.toMap(ConsumerRecord::key, ConsumerRecord::value, (a, b) -> b));
    }

    private static Map<String, Long> asLongs(Map<String, Integer> counts) {
        return counts.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> (long) e.getValue()));
    }
}
