package dev.turnloop.metrics.query;

import static dev.turnloop.metrics.MetricsHarness.T0;
import static dev.turnloop.metrics.MetricsHarness.confirmed;
import static dev.turnloop.metrics.MetricsHarness.summary;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnloop.common.http.BearerToken;
import dev.turnloop.metrics.MetricsHarness;
import dev.turnloop.metrics.window.OutcomeTally;
import dev.turnloop.schemas.IntentMetrics;
import dev.turnloop.schemas.Outcome;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MetricsHttpServerTest {

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();
    private final MetricsHarness metrics = new MetricsHarness();
    private MetricsHttpServer server;

    @BeforeEach
    void start() throws IOException {
        metrics.send(confirmed("export", summary("e1", Outcome.COMPLETED, T0.plusSeconds(10)).build()));
        metrics.send(confirmed("export", summary("e2", Outcome.ABANDONED, T0.plusSeconds(20)).build()));
        server = MetricsHttpServer.start(new InetSocketAddress("127.0.0.1", 0), new MetricsQueries(
                metrics.settings.windows(), new DriverStores(metrics.driver), InstanceRouter.SINGLE_INSTANCE,
                (host, path) -> List.of()), json);
    }

    @AfterEach
    void stop() {
        server.close();
        metrics.close();
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.address().getPort()
                + pathAndQuery)).timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theIntentListIsSnakeCaseJson() throws Exception {
        // When
        HttpResponse<String> response = get("/intents");

        // Then
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json; charset=utf-8");
        JsonNode intents = json.readTree(response.body());
        assertThat(intents).hasSize(1);
        assertThat(intents.get(0).get("intent_id").asText()).isEqualTo("export");
        assertThat(intents.get(0).get("window").asText()).as("1d by default").isEqualTo("1d");
        assertThat(intents.get(0).get("conversations").asLong()).isEqualTo(2);
        assertThat(intents.get(0).get("completion_rate").asDouble()).isEqualTo(0.5);
        assertThat(intents.get(0).get("window_start").asText()).isEqualTo(T0.toString());
    }

    @Test
    void aSeriesAndTheCohortsOfAnIntentAreServed() throws Exception {
        // When
        HttpResponse<String> series = get("/intents/export/metrics?window=1h&from=" + T0.toEpochMilli());
        HttpResponse<String> cohorts = get("/cohorts?intent=export&window=1h");

        // Then
        assertThat(series.statusCode()).isEqualTo(200);
        assertThat(json.readTree(series.body())).singleElement().satisfies(hour -> {
            assertThat(hour.get("window").asText()).isEqualTo("1h");
            assertThat(hour.get("cohort_key").asText()).isEqualTo("*");
            assertThat(hour.get("abandonment_rate").asDouble()).isEqualTo(0.5);
        });
        assertThat(cohorts.statusCode()).isEqualTo(200);
        assertThat(json.readTree(cohorts.body())).extracting(node -> node.get("cohort_key").asText())
                .containsExactly("*", "*|*|*|plan=trial", "p1|h1|c1|plan=trial");
    }

    @Test
    void badRequestsGetTheirStatusAndAReason() throws Exception {
        assertThat(get("/intents?window=2w").statusCode()).isEqualTo(400);
        assertThat(get("/cohorts").statusCode()).isEqualTo(400);
        assertThat(get("/intents/export/metrics?from=yesterday").statusCode()).isEqualTo(400);
        assertThat(get("/nothing-here").statusCode()).isEqualTo(404);
        assertThat(json.readTree(get("/cohorts").body()).get("error").asText()).contains("intent");
        HttpResponse<String> post = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + server.address().getPort() + "/intents")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }

    @Test
    void storesThatAreNotQueryableYetAnswerServiceUnavailable() throws Exception {
        // Given an instance whose stores are migrating
        MetricStores migrating = new MetricStores() {
            @Override
            public ReadOnlyWindowStore<String, OutcomeTally> outcomes(String window) {
                throw new InvalidStateStoreException("rebalancing");
            }

            @Override
            public ReadOnlyKeyValueStore<String, IntentMetrics> latestTotals() {
                throw new InvalidStateStoreException("rebalancing");
            }
        };
        try (MetricsHttpServer unavailable = MetricsHttpServer.start(new InetSocketAddress("127.0.0.1", 0),
                new MetricsQueries(metrics.settings.windows(), migrating, InstanceRouter.SINGLE_INSTANCE,
                        (host, path) -> List.of()), json)) {
            // When
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + unavailable.address().getPort() + "/intents")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());

            // Then
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body()).contains("rebalancing");
        }
    }
    @Test
    void withATokenConfiguredRequestsWithoutItAreRefused() throws Exception {
        // Given a query server that requires a bearer token
        try (MetricsHttpServer guarded = MetricsHttpServer.start(new InetSocketAddress("127.0.0.1", 0),
                new MetricsQueries(metrics.settings.windows(), new DriverStores(metrics.driver),
                        InstanceRouter.SINGLE_INSTANCE, (host, path) -> List.of()), json,
                Optional.of(new BearerToken("s3cret")))) {
            URI intents = URI.create("http://127.0.0.1:" + guarded.address().getPort() + "/intents");

            // When asked without, with a wrong and with the right token
            int without = client.send(HttpRequest.newBuilder(intents).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode();
            int wrong = client.send(HttpRequest.newBuilder(intents).header("Authorization", "Bearer nope").GET()
                    .build(), HttpResponse.BodyHandlers.ofString()).statusCode();
            HttpResponse<String> right = client.send(HttpRequest.newBuilder(intents)
                    .header("Authorization", "Bearer s3cret").GET().build(), HttpResponse.BodyHandlers.ofString());

            // Then only the right token gets the intents
            assertThat(without).isEqualTo(401);
            assertThat(wrong).isEqualTo(401);
            assertThat(right.statusCode()).isEqualTo(200);
            assertThat(json.readTree(right.body()).get(0).get("intent_id").asText()).isEqualTo("export");
        }
    }
}
