package dev.turnloop.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.turnloop.common.http.BearerToken;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MetricsQueryClientTest {

    private final List<String> requests = new CopyOnWriteArrayList<>();
    private HttpServer api;

    @BeforeEach
    void start() throws Exception {
        // a stand-in for the metrics query API that records what it was asked and with which credentials
        api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/", exchange -> {
            requests.add(exchange.getRequestURI() + " auth=" + exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = "[]".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        api.start();
    }

    @AfterEach
    void stop() {
        api.stop(0);
    }

    private MetricsQueryClient client(Optional<BearerToken> token) {
        return new MetricsQueryClient(URI.create("http://127.0.0.1:" + api.getAddress().getPort()), new ObjectMapper(),
                "1m", "1d", token);
    }

    @Test
    void askedWindowsDefaultToTheSeriesAndCohortWindowsAndTheTokenIsSent() throws Exception {
        MetricsQueryClient client = client(Optional.of(new BearerToken("s3cret")));

        client.series("intent 1", null);
        client.cohorts("intent-2", "7d");

        assertThat(requests).containsExactly(
                "/intents/intent+1/metrics?cohort=*&window=1m auth=Bearer s3cret",
                "/cohorts?intent=intent-2&window=7d auth=Bearer s3cret");
    }

    @Test
    void withoutATokenNoCredentialsAreSent() throws Exception {
        client(Optional.empty()).series("i", null);

        assertThat(requests).containsExactly("/intents/i/metrics?cohort=*&window=1m auth=null");
    }
}
