package dev.turnloop.pr.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.turnloop.pr.PrWorkerStreams;
import dev.turnloop.pr.repo.AccessToken;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MergeWebhookHandlerTest {
    private static final String SECRET = "webhook-secret";
    private static final String MERGED = """
            {"action": "closed", "number": 3, "pull_request": {"number": 3, "merged": true, "state": "closed",
             "html_url": "https://github.com/acme/agent/pull/3",
             "merge_commit_sha": "7638417db6d59f3c431d3e1f261cc637155684cd",
             "head": {"ref": "turnloop/x"}, "base": {"ref": "main"}, "body": ""}}
            """;
    private static final String CLOSED = MERGED.replace("\"merged\": true", "\"merged\": false");

    private final MergeNotifications notifications = new MergeNotifications();
    private final HttpClient http = HttpClient.newHttpClient();
    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/webhooks/github",
                PrWorkerStreams.mergeWebhook(AccessToken.of(SECRET), notifications));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static String sign(String payload, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    }

    private int post(String event, String payload, String signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + server.getAddress().getPort() + "/webhooks/github")).header("X-GitHub-Event", event)
                .POST(HttpRequest.BodyPublishers.ofString(payload));
        if (signature != null) {
            request.header("X-Hub-Signature-256", signature);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void aSignedMergeDeliveryIsAcceptedAndNudgesTheWorkerOnce() throws Exception {
        assertThat(post("pull_request", MERGED, sign(MERGED, SECRET))).isEqualTo(202);

        assertThat(notifications.takePending()).isTrue();
        assertThat(notifications.takePending()).as("one nudge is consumed once").isFalse();
    }

    @Test
    void unsignedOrWronglySignedDeliveriesAreRejectedWithoutANudge() throws Exception {
        assertThat(post("pull_request", MERGED, null)).isEqualTo(401);
        assertThat(post("pull_request", MERGED, sign(MERGED, "guessed"))).isEqualTo(401);
        assertThat(post("pull_request", MERGED, sign(CLOSED, SECRET))).as("signature of another payload")
                .isEqualTo(401);

        assertThat(notifications.takePending()).isFalse();
    }

    @Test
    void otherEventsAreAcknowledgedWithoutANudge() throws Exception {
        assertThat(post("pull_request", CLOSED, sign(CLOSED, SECRET))).isEqualTo(204);
        assertThat(post("ping", "{\"zen\": \"hi\"}", sign("{\"zen\": \"hi\"}", SECRET))).isEqualTo(204);

        assertThat(notifications.takePending()).isFalse();
    }

    @Test
    void onlyPostIsAllowed() throws Exception {
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + server.getAddress().getPort() + "/webhooks/github")).GET().build(), HttpResponse.BodyHandlers.discarding());

        assertThat(response.statusCode()).isEqualTo(405);
    }

    @Test
    void oversizedPayloadsAreRefused() throws Exception {
        String huge = "x".repeat(MergeWebhookHandler.MAX_PAYLOAD_BYTES + 10);

        assertThat(post("pull_request", huge, sign(huge, SECRET))).isEqualTo(413);
    }
}
