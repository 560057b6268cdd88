package dev.turnloop.scale;

import dev.turnloop.schemas.catalog.TopicCatalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What the pipeline has published, as a downstream consumer sees it: every output topic read from the beginning with
 * {@code isolation.level=read_committed} (so an aborted transaction's records never count), each record kept, read
 * incrementally by consumers that live as long as the test, across broker restarts.
 */
final class CommittedOutputs implements AutoCloseable {

    private final OutputSnapshot.Builder observed;
    private final PartitionSkew metricsInputSkew = new PartitionSkew();
    private final List<TopicReader<?>> readers = new ArrayList<>();

    CommittedOutputs(String bootstrapServers, TopicCatalog topics, Set<String> tumblingWindows) {
        observed = new OutputSnapshot.Builder(tumblingWindows);
        readers.add(new TopicReader<>(bootstrapServers, topics.enrichedTurns.name(),
                topics.enrichedTurns.valueSerde().deserializer(), r -> observed.enrichedTurn(r.key(), r.value())));
        readers.add(new TopicReader<>(bootstrapServers, topics.signals.name(),
                topics.signals.valueSerde().deserializer(), r -> observed.signal(r.key(), r.value())));
        readers.add(new TopicReader<>(bootstrapServers, topics.conversationSummaries.name(),
                topics.conversationSummaries.valueSerde().deserializer(), r -> observed.summary(r.key(), r.value())));
        readers.add(new TopicReader<>(bootstrapServers, topics.intentAssignments.name(),
                topics.intentAssignments.valueSerde().deserializer(), r -> {
                    observed.assignment(r.key(), r.value());
                    metricsInputSkew.observe(r.partition(), r.value().getSummary().getClosedAt().toEpochMilli());
                }));
        readers.add(new TopicReader<>(bootstrapServers, topics.intentMetricsFinal.name(),
                topics.intentMetricsFinal.valueSerde().deserializer(), r -> observed.finalMetrics(r.key(), r.value())));
        readers.add(new TopicReader<>(bootstrapServers, topics.breaches.name(),
                topics.breaches.valueSerde().deserializer(), r -> observed.breach(r.key(), r.value())));
        readers.add(new TopicReader<>(bootstrapServers, topics.intentMetricsLive.name(),
                topics.intentMetricsLive.valueSerde().deserializer(), r -> observed.liveMetrics(r.key(), r.value())));
        readers.add(new TopicReader<>(bootstrapServers, topics.deadLetters.name(), new ByteArrayDeserializer(),
                r -> observed.deadLetters(1)));
    }

    /** Reads whatever has been committed since the last call, and returns everything read so far. */
    OutputSnapshot read() {
        readers.forEach(TopicReader::catchUp);
        metricsInputSkew.measure();
        return observed.snapshot();
    }

    /**
     * How far apart in event time the partitions of the metrics app's input (intent assignments, at conversation close)
     * have been at most, as read: a conversation reaching the metrics later than another partition's conversations
     * closed more than a window's grace after it would be dropped as late.
     */
    PartitionSkew metricsInputSkew() {
        return metricsInputSkew;
    }

    @Override
    public void close() {
        readers.forEach(TopicReader::close);
    }

    /** One topic, all partitions, from the beginning, committed records only, in partition order. */
    private static final class TopicReader<V> implements AutoCloseable {
        private final KafkaConsumer<String, V> consumer;
        private final Consumer<ConsumerRecord<String, V>> sink;

        TopicReader(String bootstrapServers, String topic, Deserializer<V> values,
                Consumer<ConsumerRecord<String, V>> sink) {
            Properties props = new Properties();
            props.putAll(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000"));
            this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), values);
            this.sink = sink;
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        /** Polls until a poll returns nothing. */
        void catchUp() {
            ConsumerRecords<String, V> records;
            do {
                records = consumer.poll(Duration.ofMillis(200));
                for (ConsumerRecord<String, V> record : records) {
                    sink.accept(record);
                }
            } while (!records.isEmpty());
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
