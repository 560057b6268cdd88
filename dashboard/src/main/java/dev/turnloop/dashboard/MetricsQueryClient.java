package dev.turnloop.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnloop.common.http.BearerToken;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A client of the metrics app's interactive-query HTTP API ({@code /intents/{id}/metrics}, {@code /cohorts}): the
 * dashboard reads windowed metrics there, as Grafana or any ops tool would, instead of keeping a second copy.
 */
public final class MetricsQueryClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final ObjectMapper json;
    private final String seriesWindow;
    private final String cohortWindow;
    private final java.util.Optional<BearerToken> token;

    /**
     * @param seriesWindow the window of the time series when a request names none (short: a trend needs points);
     *     null for the API's default
     * @param cohortWindow the window of the per-version comparison when a request names none (long: a comparison
     *     needs volume); null for the API's default
     */
    public MetricsQueryClient(URI base, ObjectMapper json, String seriesWindow, String cohortWindow) {
        this(base, json, seriesWindow, cohortWindow, java.util.Optional.empty());
    }

    /** @param token sent as a bearer token, for a query API that requires one */
    public MetricsQueryClient(URI base, ObjectMapper json, String seriesWindow, String cohortWindow,
            java.util.Optional<BearerToken> token) {
        this.base = URI.create(base.toString().replaceAll("/+$", "") + "/");
        this.json = json;
        this.seriesWindow = seriesWindow;
        this.cohortWindow = cohortWindow;
        this.token = token;
    }

    /** The all-cohorts series of one intent in {@code window}, or the series window when null. */
    public JsonNode series(String intentId, String window) throws IOException {
        return get("intents/" + encode(intentId) + "/metrics?cohort=*" + windowParam(window, seriesWindow));
    }

    /** The latest window of every cohort of one intent: the per-version comparison. */
    public JsonNode cohorts(String intentId, String window) throws IOException {
        return get("cohorts?intent=" + encode(intentId) + windowParam(window, cohortWindow));
    }

    private JsonNode get(String pathAndQuery) throws IOException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(TIMEOUT).GET();
        token.ifPresent(t -> builder.header("Authorization", t.authorizationHeader()));
        HttpRequest request = builder.build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("metrics query " + pathAndQuery + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return json.readTree(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static String windowParam(String requested, String fallback) {
        String window = requested == null || requested.isBlank() ? fallback : requested;
        return window == null ? "" : "&window=" + encode(window);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
