package dev.turnloop.metrics;

import static dev.turnloop.metrics.MetricsHarness.confirmed;
import static dev.turnloop.metrics.MetricsHarness.summary;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnloop.metrics.breach.BreachRules;
import dev.turnloop.metrics.cohort.VerdictSettings;
import dev.turnloop.metrics.query.MetricsHttpServer;
import dev.turnloop.metrics.window.LiveMetricsListener;
import dev.turnloop.schemas.Breach;
import dev.turnloop.schemas.BreachKind;
import dev.turnloop.schemas.CohortVerdict;
import dev.turnloop.schemas.Direction;
import dev.turnloop.schemas.IntentAssignment;
import dev.turnloop.schemas.IntentEvent;
import dev.turnloop.schemas.IntentEventKind;
import dev.turnloop.schemas.IntentMetrics;
import dev.turnloop.schemas.Outcome;
import dev.turnloop.schemas.Verdict;
import dev.turnloop.schemas.catalog.TopicCatalog;
import dev.turnloop.schemas.catalog.TopicSpec;
import dev.turnloop.schemas.registry.SchemaRegistries;
import dev.turnloop.schemas.serde.AvroSerdes;
import dev.turnloop.testkit.EmbeddedKafka;
import dev.turnloop.testkit.KafkaRecords;
import dev.turnloop.testkit.TestTopics;
import dev.turnloop.testkit.Topics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production metrics topology on a real broker (exactly-once, RocksDB, two partitions): intent assignments in,
 * live and final metrics, a breach and a verdict out, and the query API answering over HTTP from the stores.
 */
class MetricsTopologyIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final Instant HOUR = Instant.parse("2026-11-02T10:00:00Z");

    @TempDir
    Path stateDir;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void assignmentsBecomeMetricsBreachesAndVerdictsThatTheQueryApiServes() throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.shared();
        String prefix = TestTopics.uniquePrefix("metrics");
        TopicCatalog topics = TopicCatalog.create(prefix,
                new AvroSerdes(SchemaRegistries.fromUrl("mock://" + prefix), true), 2);
        try (Admin admin = kafka.admin()) {
            Topics.createAndAwaitLeaders(admin,
                    topics.all().stream().map(t -> t.newTopic((short) 1)).toList(), Duration.ofSeconds(60));
        }
        int port = freePort();
        HostInfo self = new HostInfo("127.0.0.1", port);
        // production settings, but a verdict per counted conversation, so the test need not depend on whether the
        // change or the conversations reach the single verdict task first
        MetricsSettings settings = MetricsSettings.defaults().withVerdicts(
                new VerdictSettings(0.05, 100, 1, Duration.ofDays(7), Duration.ofDays(1)));
        Properties props = MetricsStreams.properties(
                Map.of(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                topics.applicationId(MetricsTopology.APP), stateDir.toString(), topics.deadLetters.name(), self);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);

        try (KafkaStreams streams = new KafkaStreams(MetricsTopology.build(topics, settings, BreachRules.defaults(),
                LiveMetricsListener.NONE), props)) {
            streams.start();
            try (MetricsHttpServer server = MetricsStreams.startQueryServer(streams, settings, self,
                    new InetSocketAddress("127.0.0.1", port))) {

                // Given a prompt change, a new intent, and 10 export conversations in one hour (3 abandoned)
                try (KafkaProducer<String, Object> producer = producer(kafka, topics)) {
                    producer.send(new ProducerRecord<>(topics.changeEvents.name(), "change-1", MetricsHarness.change(
                            "change-1", "export", "completion_rate", Direction.UP, HOUR).build()));
                    producer.send(new ProducerRecord<>(topics.intentEvents.name(), "refunds", IntentEvent.newBuilder()
                            .setIntentId("refunds").setKind(IntentEventKind.NEW).setLabel("refunds")
                            .setAt(HOUR).setVolume(12).build()));
                    for (int i = 0; i < 10; i++) {
                        send(producer, topics, confirmed("export", summary("c" + i,
                                i < 3 ? Outcome.ABANDONED : Outcome.COMPLETED, HOUR.plusSeconds(60L * i)).build()));
                    }
                }
                // (conversations on both input partitions reach the hour before a later one moves event time on,
                // as they do live; a burst of old and new at once would be skew beyond the grace)
                read(kafka, topics.intentMetricsLive, records -> records.stream().anyMatch(r ->
                        r.key().equals("1h|export|*") && r.value().getConversations() == 10));
                try (KafkaProducer<String, Object> producer = producer(kafka, topics)) {
                    send(producer, topics, confirmed("export", summary("later", Outcome.COMPLETED,
                            HOUR.plus(Duration.ofHours(2))).build()));
                }

                // Then the hour's final result is published once the next conversation moved event time past it
                List<ConsumerRecord<String, IntentMetrics>> finals = read(kafka, topics.intentMetricsFinal,
                        records -> records.stream().anyMatch(r -> r.key().equals("1h|export|*")));
                IntentMetrics hour = finals.stream().filter(r -> r.key().equals("1h|export|*")).findFirst()
                        .orElseThrow().value();
                assertThat(hour.getFinal$()).isTrue();
                assertThat(hour.getWindowStart()).isEqualTo(HOUR);
                assertThat(hour.getConversations()).isEqualTo(10);
                assertThat(hour.getAbandonmentRate()).isEqualTo(0.3);

                // and the live daily total counts all 11
                List<ConsumerRecord<String, IntentMetrics>> live = read(kafka, topics.intentMetricsLive,
                        records -> records.stream().anyMatch(r -> r.key().equals("1d|export|*")
                                && r.value().getConversations() == 11));
                assertThat(live).isNotEmpty();

                // and the new intent is a breach, the change has its first verdict
                List<ConsumerRecord<String, Breach>> breaches = read(kafka, topics.breaches,
                        records -> !records.isEmpty());
                assertThat(breaches).extracting(r -> r.value().getKind()).contains(BreachKind.NEW_INTENT);
                List<ConsumerRecord<String, CohortVerdict>> verdicts = read(kafka, topics.cohortVerdicts,
                        records -> records.stream().anyMatch(r -> r.value().getControl().getConversations() == 11));
                assertThat(verdicts).extracting(r -> r.value().getVerdict()).containsOnly(Verdict.NEED_MORE_DATA);
                assertThat(verdicts).extracting(ConsumerRecord::key).containsOnly("change-1");

                // and the query API serves the hourly series from the stores
                HttpClient client = HttpClient.newHttpClient();
                String api = "http://127.0.0.1:" + server.address().getPort();
                await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(
                            api + "/intents/export/metrics?window=1h")).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                    JsonNode series = json.readTree(response.body());
                    assertThat(series).extracting(w -> w.get("conversations").asLong()).containsExactly(10L, 1L);
                });
                HttpResponse<String> intents = client.send(HttpRequest.newBuilder(URI.create(
                        api + "/intents")).GET().build(), HttpResponse.BodyHandlers.ofString());
                assertThat(json.readTree(intents.body())).extracting(i -> i.get("intent_id").asText())
                        .containsExactly("export");
            }
        }
    }

    private <V> List<ConsumerRecord<String, V>> read(EmbeddedKafka kafka, TopicSpec<String, V> topic,
            Predicate<List<ConsumerRecord<String, V>>> done) {
        List<ConsumerRecord<String, V>> records = KafkaRecords.readUntil(kafka.bootstrapServers(), topic.name(),
                new StringDeserializer(), topic.valueSerde().deserializer(), TIMEOUT, done);
        assertThat(done.test(records)).as("records on %s: %s", topic.name(), records).isTrue();
        return records;
    }

    /** A producer for any topic of the catalog, each value written with its topic's serde. */
    private static KafkaProducer<String, Object> producer(EmbeddedKafka kafka, TopicCatalog topics) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(),
                (topic, value) -> value == null ? null : serializerFor(topics, topic).serialize(topic, value));
    }

    @SuppressWarnings("unchecked")
    private static Serializer<Object> serializerFor(TopicCatalog topics, String topic) {
        TopicSpec<?, ?> spec = topics.all().stream().filter(t -> t.name().equals(topic)).findFirst().orElseThrow();
        return (Serializer<Object>) spec.valueSerde().serializer();
    }

    private static void send(KafkaProducer<String, Object> producer, TopicCatalog topics, IntentAssignment a) {
        producer.send(new ProducerRecord<>(topics.intentAssignments.name(), a.getConversationId(), a));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
