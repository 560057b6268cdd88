package dev.turnloop.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.turnloop.app.cli.Pipeline;
import dev.turnloop.app.config.TurnloopConfig;
import dev.turnloop.app.run.OpsEndpoint;
import dev.turnloop.app.run.StreamsRunner;
import dev.turnloop.app.run.TurnloopApps;
import dev.turnloop.ingest.IngestSettings;
import dev.turnloop.metrics.window.IntentRateGauges;
import dev.turnloop.schemas.Role;
import dev.turnloop.schemas.TurnEvent;
import dev.turnloop.schemas.catalog.TopicSpec;
import dev.turnloop.testkit.EmbeddedKafka;
import dev.turnloop.testkit.InputProducers;
import dev.turnloop.testkit.KafkaRecords;
import dev.turnloop.testkit.TestTopics;
import dev.turnloop.testkit.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every metric the Grafana dashboard queries is exported by the ops endpoint of a running turnloop app, wired as
 * {@code turnloop run} wires it (real broker, the real ingest app, the per-intent gauges), and /health, which the
 * Kubernetes probes call, answers 200 while the app runs.
 */
class OpsEndpointDashboardIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path stateDir;

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyDashboardMetricIsExportedByARunningAppsOpsEndpoint() throws Exception {
        // Given the ingest app running against a real broker with its ops endpoint and the per-intent gauges
        EmbeddedKafka kafka = EmbeddedKafka.shared();
        String prefix = TestTopics.uniquePrefix("dashboard");
        Pipeline pipeline = Pipeline.from(TurnloopConfig.load(null, Map.of(), Map.of(
                TurnloopConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers(),
                TurnloopConfig.SCHEMA_REGISTRY_URL, "mock://" + prefix,
                TurnloopConfig.TOPIC_PREFIX, prefix,
                TurnloopConfig.TOPIC_PARTITIONS, "2",
                TurnloopConfig.STATE_DIR, stateDir.toString())));
        try (Admin admin = kafka.admin()) {
            Topics.createAndAwaitLeaders(admin, pipeline.topics().all().stream().map(t -> t.newTopic((short) 1))
                    .toList(), Duration.ofSeconds(30));
        }
        TurnloopApps.App app = TurnloopApps.ingest(pipeline, IngestSettings.defaults(), 1, 0);
        Set<String> queried = GrafanaDashboard.metrics(GrafanaDashboard.read());
        try (OpsEndpoint ops = new OpsEndpoint();
                StreamsRunner runner = StreamsRunner.start(app.name(), app.topology(), app.properties())) {
            assertThat(runner.awaitRunning(Duration.ofSeconds(60))).as("ingest app RUNNING").isTrue();

            // When a turn has flowed through the app and its ops endpoint serves
            publishOneTurn(kafka, pipeline.topics().turns);
            KafkaRecords.readAtLeast(kafka.bootstrapServers(), pipeline.topics().enrichedTurns.name(),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer(), 1, Duration.ofSeconds(60));
            // bound after processing so that the binder sees the task-level metrics at once rather than at its
            // next refresh a minute later (the ops endpoint of a long-running app gets there by itself)
            ops.watch(runner);
            IntentRateGauges gauges = new IntentRateGauges("1d", 20);
            gauges.bindTo(ops.registry());
            gauges.onLiveMetrics(GrafanaDashboardTest.oneIntentsDay());
            gauges.refresh();
            int port = ops.start("127.0.0.1", 0);

            // Then /health answers 200 and /metrics exports every metric the dashboard queries
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(get(port, "/health").statusCode()).as("/health while the app runs").isEqualTo(200));
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                    assertThat(PrometheusNames.in(get(port, "/metrics").body()))
                            .as("metrics exported by /metrics").containsAll(queried));
        }
    }

    private static void publishOneTurn(EmbeddedKafka kafka, TopicSpec<String, TurnEvent> turns) {
        TurnEvent turn = TurnEvent.newBuilder().setEventId("c-1#0").setConversationId("c-1").setTurnIndex(0)
                .setEventTime(Instant.now()).setRole(Role.USER).setText("how do I reset my password?").build();
        try (KafkaProducer<String, TurnEvent> producer = InputProducers.create(kafka.bootstrapServers(),
                turns.keySerde().serializer(), turns.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(turns.name(), turn.getConversationId(), turn));
        }
    }
}
