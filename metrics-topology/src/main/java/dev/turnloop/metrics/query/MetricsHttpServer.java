package dev.turnloop.metrics.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.turnloop.common.http.BearerToken;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The interactive-query HTTP API of the metrics app (JSON, GET only):
 * <pre>
 * /intents?window=1d                                   known intents with their latest all-cohorts totals
 * /intents/{id}/metrics?window=1d&amp;cohort=*&amp;from=&amp;to=   the series of one intent x cohort
 * /cohorts?intent={id}&amp;window=1d&amp;from=&amp;to=              every cohort of an intent, latest window each
 * </pre>
 * {@code from}/{@code to} are ISO-8601 instants or epoch milliseconds. Errors: 400 for a bad request, 404 for an
 * unknown path, 502 when another instance did not answer, 503 while the stores are not queryable (starting,
 * rebalancing).
 */
public final class MetricsHttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsHttpServer.class);
    private static final int THREADS = 4;

    private final HttpServer server;
    private final ExecutorService executor;
    private final MetricsQueries queries;
    private final ObjectMapper mapper;
    private final Optional<BearerToken> token;

    private MetricsHttpServer(HttpServer server, ExecutorService executor, MetricsQueries queries,
            ObjectMapper mapper, Optional<BearerToken> token) {
        this.server = server;
        this.executor = executor;
        this.queries = queries;
        this.mapper = mapper;
        this.token = token;
    }

    /** Binds {@code address} (port 0 picks a free one) and starts serving, to anyone who can reach it. */
    public static MetricsHttpServer start(InetSocketAddress address, MetricsQueries queries, ObjectMapper mapper)
            throws IOException {
        return start(address, queries, mapper, Optional.empty());
    }

    /**
     * Binds {@code address} and starts serving; with a token, every request needs
     * {@code Authorization: Bearer <token>} (401 otherwise).
     */
    public static MetricsHttpServer start(InetSocketAddress address, MetricsQueries queries, ObjectMapper mapper,
            Optional<BearerToken> token) throws IOException {
        HttpServer server = HttpServer.create(address, 0);
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, runnable -> {
            Thread thread = new Thread(runnable, "metrics-query-http");
            thread.setDaemon(true);
            return thread;
        });
        MetricsHttpServer http = new MetricsHttpServer(server, executor, queries, mapper, token);
        server.createContext("/", http::handle);
        server.setExecutor(executor);
        server.start();
        return http;
    }

    /** The bound address, with the actual port. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Response response = respondTo(exchange);
            byte[] body = mapper.writeValueAsBytes(response.body());
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(response.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private Response respondTo(HttpExchange exchange) {
        if (!authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
            return Response.error(401, "missing or wrong bearer token: send 'Authorization: Bearer <token>'");
        }
        if (!"GET".equals(exchange.getRequestMethod())) {
            return Response.error(405, "only GET is supported");
        }
        try {
            return answer(exchange.getRequestURI().getRawPath(), parameters(exchange.getRequestURI().getRawQuery()))
                    .map(views -> new Response(200, views))
                    .orElseGet(() -> Response.error(404, "no such resource; try /intents, /intents/{id}/metrics, "
                            + "/cohorts?intent={id}"));
        } catch (IllegalArgumentException e) {
            return Response.error(400, e.getMessage());
        } catch (InvalidStateStoreException e) {
            return Response.error(503, "metrics are not queryable right now: " + e.getMessage());
        } catch (IOException e) {
            LOG.warn("query {} failed: {}", exchange.getRequestURI(), e.toString());
            return Response.error(502, "another instance did not answer: " + e.getMessage());
        }
    }

    private boolean authorized(String header) {
        return token.isEmpty() || token.get().authorizes(header);
    }

    /** A status and the JSON body to send with it. */
    private record Response(int status, Object body) {
        static Response error(int status, String message) {
            return new Response(status, Map.of("error", message));
        }
    }

    private Optional<List<MetricsView>> answer(String rawPath, Map<String, String> params) throws IOException {
        String[] segments = rawPath.replaceAll("^/+|/+$", "").split("/");
        boolean local = Boolean.parseBoolean(params.get(MetricsQueries.LOCAL));
        String window = params.getOrDefault("window", queries.defaultWindow());
        if (segments.length == 1 && segments[0].equals("intents")) {
            return Optional.of(queries.intents(window, local));
        }
        if (segments.length == 3 && segments[0].equals("intents") && segments[2].equals("metrics")) {
            return Optional.of(queries.series(decode(segments[1]), window, params.getOrDefault("cohort", "*"),
                    instant(params, "from"), instant(params, "to"), local));
        }
        if (segments.length == 1 && segments[0].equals("cohorts")) {
            String intent = params.get("intent");
            if (intent == null || intent.isBlank()) {
                throw new IllegalArgumentException("/cohorts needs ?intent={id}");
            }
            return Optional.of(queries.cohorts(intent, window, instant(params, "from"), instant(params, "to"),
                    local));
        }
        return Optional.empty();
    }

    private static Map<String, String> parameters(String rawQuery) {
        Map<String, String> params = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                params.put(decode(pair.substring(0, equals)), decode(pair.substring(equals + 1)));
            }
        }
        return params;
    }

    private static Optional<Instant> instant(Map<String, String> params, String name) {
        String value = params.get(name);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(value.chars().allMatch(Character::isDigit) ? Instant.ofEpochMilli(Long.parseLong(value))
                    : Instant.parse(value));
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 instant or epoch milliseconds, got: "
                    + value);
        }
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
