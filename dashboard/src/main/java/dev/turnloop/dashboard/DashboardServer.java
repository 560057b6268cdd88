package dev.turnloop.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.turnloop.common.http.BearerToken;
import dev.turnloop.dashboard.view.DashboardView;
import dev.turnloop.textkit.Redactor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the dashboard: the page and its assets (ECharts from its WebJar, nothing fetched from the internet at run
 * time) and a read-only JSON API over the {@link DashboardView} and the metrics app's interactive queries.
 * <pre>
 * GET /api/overview                       counts: conversations by outcome, intents, breaches, backlog, PRs, verdicts
 * GET /api/intents                        active intents, busiest first, with volume trend and outcome counts
 * GET /api/intents/{id}                   one intent: examples, lineage, recent conversations, events
 * GET /api/intents/{id}/metrics?window=   its windowed series (interactive query of the metrics app)
 * GET /api/intents/{id}/cohorts?window=   its latest window per cohort (prompt / harness / config version)
 * GET /api/backlog                        the ranked backlog with redacted evidence
 * GET /api/backlog/{itemId}/diff          the diff of the item's pull request
 * GET /api/verdicts                       the latest verdict of every change
 * GET /api/events                         new and spiking intents, breaches opening and resolving
 * </pre>
 * With a token configured every {@code /api} request needs {@code Authorization: Bearer <token>} (401 otherwise);
 * the page and its assets hold no data and stay public so the browser can load them and send the token.
 */
public final class DashboardServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DashboardServer.class);
    private static final String STATIC_ROOT = "dev/turnloop/dashboard/static/";
    private static final String ECHARTS = "META-INF/resources/webjars/echarts/" + WebJars.version("echarts")
            + "/dist/echarts.min.js";
    private static final Map<String, String> ASSETS = Map.of(
            "/", STATIC_ROOT + "index.html",
            "/index.html", STATIC_ROOT + "index.html",
            "/dashboard.js", STATIC_ROOT + "dashboard.js",
            "/dashboard.css", STATIC_ROOT + "dashboard.css",
            "/vendor/echarts.min.js", ECHARTS);
    private static final int MAX_DIFF_CHARS = 100_000;

    private final HttpServer server;
    private final ExecutorService executor;
    private final DashboardView view;
    private final Optional<MetricsQueryClient> metrics;
    private final PullRequestDiffs diffs;
    private final Optional<BearerToken> token;
    private final ObjectMapper json;
    private final Redactor redactor = Redactor.standard();

    private DashboardServer(HttpServer server, DashboardView view, Optional<MetricsQueryClient> metrics,
            PullRequestDiffs diffs, Optional<BearerToken> token, ObjectMapper json) {
        this.server = server;
        this.view = view;
        this.metrics = metrics;
        this.diffs = diffs;
        this.token = token;
        this.json = json;
        this.executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "dashboard-http");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Binds {@code address} (port 0 picks a free one) and starts serving.
     *
     * @param metrics the metrics app's query API; without it the per-intent charts say so
     * @param token the bearer token the API requires; empty for none (local use)
     */
    public static DashboardServer start(InetSocketAddress address, DashboardView view,
            Optional<MetricsQueryClient> metrics, PullRequestDiffs diffs, Optional<BearerToken> token,
            ObjectMapper json) throws IOException {
        DashboardServer dashboard = new DashboardServer(HttpServer.create(address, 0), view, metrics, diffs, token,
                json);
        dashboard.server.createContext("/", dashboard::handle);
        dashboard.server.setExecutor(dashboard.executor);
        dashboard.server.start();
        return dashboard;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            exchange.getResponseHeaders().set("Content-Security-Policy",
                    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'");
            if (!"GET".equals(exchange.getRequestMethod())) {
                sendJson(exchange, 405, Map.of("error", "the dashboard is read-only: GET only"));
                return;
            }
            String path = exchange.getRequestURI().getRawPath();
            if (path.startsWith("/api/")) {
                if (!authorized(exchange)) {
                    exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"turnloop\"");
                    sendJson(exchange, 401, Map.of("error", "missing or wrong bearer token: send "
                            + "'Authorization: Bearer <token>' (open the page as /?token=<token>)"));
                    return;
                }
                api(exchange, path.substring("/api/".length()));
            } else {
                asset(exchange, path);
            }
        } catch (RuntimeException e) {
            LOG.warn("dashboard request {} failed", exchange.getRequestURI(), e);
        }
    }

    private boolean authorized(HttpExchange exchange) {
        return token.isEmpty() || token.get().authorizes(exchange.getRequestHeaders().getFirst("Authorization"));
    }

    private void api(HttpExchange exchange, String route) throws IOException {
        String[] parts = route.split("/");
        Map<String, String> params = query(exchange.getRequestURI().getRawQuery());
        switch (parts[0]) {
            case "overview" -> sendJson(exchange, 200, view.overview());
            case "intents" -> intents(exchange, parts, params);
            case "backlog" -> backlog(exchange, parts);
            case "verdicts" -> sendJson(exchange, 200, view.verdicts());
            case "events" -> sendJson(exchange, 200, view.events());
            default -> notFound(exchange);
        }
    }

    private void intents(HttpExchange exchange, String[] parts, Map<String, String> params) throws IOException {
        if (parts.length == 1) {
            sendJson(exchange, 200, view.intents());
            return;
        }
        String intentId = decode(parts[1]);
        if (parts.length == 2) {
            Optional<?> detail = view.intent(intentId);
            if (detail.isPresent()) {
                sendJson(exchange, 200, detail.get());
            } else {
                notFound(exchange);
            }
            return;
        }
        if (parts.length == 3 && (parts[2].equals("metrics") || parts[2].equals("cohorts"))) {
            if (metrics.isEmpty()) {
                sendJson(exchange, 503, Map.of("error", "no metrics query API configured for the dashboard"));
                return;
            }
            try {
                String window = params.get("window");
                sendJson(exchange, 200, parts[2].equals("metrics") ? metrics.get().series(intentId, window)
                        : metrics.get().cohorts(intentId, window));
            } catch (IOException e) {
                sendJson(exchange, 502, Map.of("error", e.getMessage()));
            }
            return;
        }
        notFound(exchange);
    }

    private void backlog(HttpExchange exchange, String[] parts) throws IOException {
        if (parts.length == 1) {
            sendJson(exchange, 200, view.backlog());
        } else if (parts.length == 3 && parts[2].equals("diff")) {
            // only branches the backlog names can be asked for: no arbitrary lookups through the dashboard
            Optional<String> diff = view.pullRequestBranch(decode(parts[1])).flatMap(diffs::diffOf);
            if (diff.isEmpty()) {
                notFound(exchange);
                return;
            }
            String text = diff.get();
            if (text.length() > MAX_DIFF_CHARS) {
                text = text.substring(0, MAX_DIFF_CHARS) + "\n... (diff cut at " + MAX_DIFF_CHARS + " characters)\n";
            }
            send(exchange, 200, "text/plain; charset=utf-8", redactor.redact(text).getBytes(StandardCharsets.UTF_8));
        } else {
            notFound(exchange);
        }
    }

    private void asset(HttpExchange exchange, String path) throws IOException {
        String resource = ASSETS.get(path);
        if (resource == null) {
            send(exchange, 404, "text/plain; charset=utf-8", "not found\n".getBytes(StandardCharsets.UTF_8));
            return;
        }
        try (InputStream in = DashboardServer.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("dashboard asset missing from the jar: " + resource);
            }
            send(exchange, 200, contentType(resource), in.readAllBytes());
        }
    }

    private static String contentType(String resource) {
        if (resource.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (resource.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        return "text/javascript; charset=utf-8";
    }

    private void notFound(HttpExchange exchange) throws IOException {
        sendJson(exchange, 404, Map.of("error", "no such resource: " + exchange.getRequestURI().getPath()));
    }

    private void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
        send(exchange, status, "application/json; charset=utf-8", json.writeValueAsBytes(body));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    params.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
                }
            }
        }
        return params;
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
