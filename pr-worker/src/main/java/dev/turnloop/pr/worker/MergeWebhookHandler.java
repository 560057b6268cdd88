package dev.turnloop.pr.worker;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.turnloop.pr.forge.WebhookVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * GitHub's pull request webhook, for any {@code com.sun.net.httpserver.HttpServer} the app runs: checks the
 * {@code X-Hub-Signature-256} HMAC before reading anything, and for a merged pull request nudges the worker through
 * {@link MergeNotifications}. Answers 202 for a merge, 204 for other events, 401 for a bad signature, 405 for other
 * methods and 413 for oversized payloads.
 */
public final class MergeWebhookHandler implements HttpHandler {
    /** GitHub's pull request payloads are tens of kilobytes; a megabyte leaves room and caps memory per request. */
    static final int MAX_PAYLOAD_BYTES = 1 << 20;

    private final WebhookVerifier verifier;
    private final MergeNotifications notifications;

    public MergeWebhookHandler(WebhookVerifier verifier, MergeNotifications notifications) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.notifications = Objects.requireNonNull(notifications, "notifications");
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().add("Allow", "POST");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] payload;
            try (InputStream in = exchange.getRequestBody()) {
                payload = in.readNBytes(MAX_PAYLOAD_BYTES + 1);
            }
            if (payload.length > MAX_PAYLOAD_BYTES) {
                exchange.sendResponseHeaders(413, -1);
                return;
            }
            String signature = exchange.getRequestHeaders().getFirst(WebhookVerifier.SIGNATURE_HEADER);
            if (!verifier.isAuthentic(payload, signature)) {
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            String event = exchange.getRequestHeaders().getFirst(WebhookVerifier.EVENT_HEADER);
            var merged = verifier.mergedPullRequest(event, payload);
            merged.ifPresent(pr -> notifications.merged(pr.number()));
            exchange.sendResponseHeaders(merged.isPresent() ? 202 : 204, -1);
        }
    }
}
