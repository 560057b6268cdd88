package dev.turnloop.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnloop.common.http.BearerToken;
import dev.turnloop.dashboard.view.DashboardView;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DashboardServerTest {

    private static final String TOKEN = "s3cret-token";
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final DashboardView view = DashboardView.standard(DashboardView.Settings.defaults());
    private DashboardServer server;

    @BeforeEach
    void start() throws IOException {
        view.catalogEntry(Records.intent("i-1", "export data", true, 10));
        view.backlogItem(Records.item("with-pr", 5.0, "excerpt", "turnloop/fix-1"));
        view.backlogItem(Records.item("no-pr", 2.0, "excerpt", null));
        PullRequestDiffs diffs = branch -> branch.equals("turnloop/fix-1")
                ? Optional.of("+ write to ops@example.com when stuck\n") : Optional.empty();
        server = DashboardServer.start(new InetSocketAddress("127.0.0.1", 0), view, Optional.empty(), diffs,
                Optional.of(new BearerToken(TOKEN)), json);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void apiRefusesRequestsWithoutTheBearerToken() throws Exception {
        assertThat(get("/api/intents", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/intents", "wrong").statusCode()).isEqualTo(401);
        HttpResponse<String> ok = get("/api/intents", TOKEN);
        assertThat(ok.statusCode()).isEqualTo(200);
        JsonNode intents = json.readTree(ok.body());
        assertThat(intents).hasSize(1);
        assertThat(intents.get(0).get("label").asText()).isEqualTo("export data");
    }

    @Test
    void pageAndChartLibraryAreServedFromTheJarWithoutToken() throws Exception {
        HttpResponse<String> page = get("/", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("vendor/echarts.min.js").contains("dashboard.js");
        HttpResponse<String> echarts = get("/vendor/echarts.min.js", null);
        assertThat(echarts.statusCode()).isEqualTo(200);
        assertThat(echarts.body().length()).isGreaterThan(100_000);
        assertThat(echarts.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("text/javascript"));
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v -> assertThat(v)
                .contains("default-src 'self'"));
        assertThat(get("/../pom.xml", null).statusCode()).isEqualTo(404);
    }

    @Test
    void diffIsServedOnlyForABacklogItemWithAPullRequestAndIsRedacted() throws Exception {
        HttpResponse<String> diff = get("/api/backlog/with-pr/diff", TOKEN);
        assertThat(diff.statusCode()).isEqualTo(200);
        assertThat(diff.body()).startsWith("+ write to").doesNotContain("ops@example.com");
        assertThat(get("/api/backlog/no-pr/diff", TOKEN).statusCode()).isEqualTo(404);
        assertThat(get("/api/backlog/unknown/diff", TOKEN).statusCode()).isEqualTo(404);
    }

    @Test
    void metricsWithoutAQueryApiAnswer503AndUnknownRoutes404() throws Exception {
        HttpResponse<String> metrics = get("/api/intents/i-1/metrics", TOKEN);
        assertThat(metrics.statusCode()).isEqualTo(503);
        assertThat(json.readTree(metrics.body()).get("error").asText()).contains("metrics query API");
        assertThat(get("/api/intents/nope", TOKEN).statusCode()).isEqualTo(404);
        assertThat(get("/api/nothing", TOKEN).statusCode()).isEqualTo(404);
    }

    @Test
    void writesAreRefused() throws Exception {
        HttpRequest post = HttpRequest.newBuilder(uri("/api/backlog"))
                .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        assertThat(http.send(post, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
