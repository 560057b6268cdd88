package dev.turnloop.pr.forge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local HTTP server that follows GitHub's documented pulls API contract for repository acme/agent: 201 with
 * number/html_url/state/head/base on create, 422 "Validation Failed" with errors[].message "A pull request already
 * exists for acme:branch." on a duplicate open head, the list filtered by {@code head=owner:branch} and
 * {@code state}, single pulls with merged/merge_commit_sha (a test-merge sha even while open, as GitHub does), and
 * 401 "Bad credentials" for a wrong bearer token.
 */
public final class FakeGitHubPullsApi implements AutoCloseable {
    public static final String OWNER = "acme";
    public static final String REPO = "agent";
    private static final String PREFIX = "/repos/" + OWNER + "/" + REPO;
    private static final Pattern SINGLE = Pattern.compile(PREFIX + "/pulls/(\\d+)");
    private static final Pattern LABELS = Pattern.compile(PREFIX + "/issues/(\\d+)/labels");

    /** One request as received, with the status answered. */
    public record Recorded(String method, String path, String query, Map<String, String> headers, String body,
            int status) {
    }

    private final String token;
    private final HttpServer server;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<Integer, ObjectNode> pulls = new TreeMap<>();
    public final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private volatile String raceHead;
    private volatile boolean echoAuthorization;

    public FakeGitHubPullsApi(String token) throws IOException {
        this.token = token;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The next create for {@code head} finds that another worker created it a moment earlier. */
    void raceOnNextCreate(String head) {
        raceHead = head;
    }

    /** Misbehave like a broken proxy: echo the Authorization header in error messages. */
    void echoAuthorizationInErrors() {
        echoAuthorization = true;
    }

    public synchronized void merge(int number, String sha) {
        pulls.get(number).put("state", "closed").put("merged", true).put("merged_at", "2026-01-02T03:04:05Z")
                .put("merge_commit_sha", sha);
    }

    synchronized void close(int number) {
        pulls.get(number).put("state", "closed");
    }

    public synchronized long pullsForHead(String branch) {
        return pulls.values().stream().filter(pr -> pr.path("head").path("ref").asText().equals(branch)).count();
    }

    public long calls(String method, String path) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().equals(path)).count();
    }

    private synchronized void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getRawQuery();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
        Answer answer = answer(method, path, query, headers, body);
        requests.add(new Recorded(method, path, query, headers, body, answer.status));
        boolean text = answer.body.isTextual();
        byte[] bytes = (text ? answer.body.asText() : answer.body.toString()).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", text ? "text/plain; charset=utf-8"
                : "application/json; charset=utf-8");
        exchange.sendResponseHeaders(answer.status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private record Answer(int status, JsonNode body) {
    }

    private Answer answer(String method, String path, String query, Map<String, String> headers, String body)
            throws IOException {
        String auth = headers.get("authorization");
        if (!("Bearer " + token).equals(auth)) {
            return new Answer(401, json.createObjectNode()
                    .put("message", echoAuthorization ? "Bad credentials for " + auth : "Bad credentials")
                    .put("documentation_url", "https://docs.github.com/rest"));
        }
        if (echoAuthorization) {
            return new Answer(500, json.createObjectNode().put("message", "upstream failed for " + auth));
        }
        Matcher single = SINGLE.matcher(path);
        Matcher labels = LABELS.matcher(path);
        if (method.equals("POST") && path.equals(PREFIX + "/pulls")) {
            return create((ObjectNode) json.readTree(body));
        }
        if (method.equals("GET") && path.equals(PREFIX + "/pulls")) {
            return list(params(query));
        }
        if (method.equals("GET") && single.matches() && pulls.containsKey(Integer.parseInt(single.group(1)))) {
            ObjectNode pr = pulls.get(Integer.parseInt(single.group(1)));
            if ("application/vnd.github.diff".equals(headers.get("accept"))) {
                // GitHub answers the diff media type with the pull request as a unified diff
                return new Answer(200, json.getNodeFactory().textNode(diffOf(pr)));
            }
            return new Answer(200, pr);
        }
        if (method.equals("POST") && labels.matches() && pulls.containsKey(Integer.parseInt(labels.group(1)))) {
            ArrayNode out = json.createArrayNode();
            ArrayNode stored = (ArrayNode) pulls.get(Integer.parseInt(labels.group(1))).get("labels");
            json.readTree(body).path("labels").forEach(l -> stored.addObject().put("name", l.asText()));
            stored.forEach(out::add);
            return new Answer(200, out);
        }
        return new Answer(404, json.createObjectNode().put("message", "Not Found"));
    }

    private static String diffOf(ObjectNode pr) {
        String file = "prompts/" + pr.path("head").path("ref").asText().replace('/', '-') + ".md";
        return "diff --git a/" + file + " b/" + file + "\n--- a/" + file + "\n+++ b/" + file + "\n@@ -1 +1 @@\n"
                + "-before\n+" + pr.path("title").asText() + "\n";
    }

    private Answer create(ObjectNode request) {
        String head = request.path("head").asText();
        String base = request.path("base").asText();
        if (head.equals(raceHead)) {
            raceHead = null;
            insert("someone else's title", head, base, "");
        }
        if (head.endsWith("no-commits")) {
            return validationFailed("No commits between " + base + " and " + head);
        }
        boolean duplicate = pulls.values().stream().anyMatch(pr -> pr.path("state").asText().equals("open")
                && pr.path("head").path("ref").asText().equals(head) && pr.path("base").path("ref").asText().equals(base));
        if (duplicate) {
            return validationFailed("A pull request already exists for " + OWNER + ":" + head + ".");
        }
        ObjectNode pr = insert(request.path("title").asText(), head, base, request.path("body").asText());
        pr.put("draft", request.path("draft").asBoolean(false));
        return new Answer(201, pr);
    }

    private ObjectNode insert(String title, String head, String base, String body) {
        int number = pulls.size() + 1;
        ObjectNode pr = json.createObjectNode();
        pr.put("url", "https://api.github.com" + PREFIX + "/pulls/" + number)
                .put("id", 1000 + number)
                .put("number", number)
                .put("state", "open")
                .put("title", title)
                .put("body", body)
                .put("html_url", "https://github.com/" + OWNER + "/" + REPO + "/pull/" + number)
                .put("merged", false)
                .putNull("merged_at")
                .put("merge_commit_sha", "e5bd3914e2e596debea16f433f57875b5b90bcd6"); // test merge, not a real merge
        pr.putObject("head").put("label", OWNER + ":" + head).put("ref", head).put("sha", "6dcb09b5b57875f334f61aebed6");
        pr.putObject("base").put("label", OWNER + ":" + base).put("ref", base);
        pr.putArray("labels");
        pulls.put(number, pr);
        return pr;
    }

    private Answer list(Map<String, String> params) {
        String head = params.get("head");
        String state = params.getOrDefault("state", "open");
        ArrayNode out = json.createArrayNode();
        pulls.values().stream()
                .filter(pr -> head == null || pr.path("head").path("label").asText().equals(head))
                .filter(pr -> state.equals("all") || pr.path("state").asText().equals(state))
                .sorted((a, b) -> Integer.compare(b.path("number").asInt(), a.path("number").asInt()))
                .forEach(pr -> out.add(pr.deepCopy().without("merged"))); // list items carry merged_at, not merged
        return new Answer(200, out);
    }

    private Answer validationFailed(String message) {
        ObjectNode error = json.createObjectNode().put("message", "Validation Failed")
                .put("documentation_url", "https://docs.github.com/rest/pulls/pulls#create-a-pull-request")
                .put("status", "422");
        error.putArray("errors").addObject().put("resource", "PullRequest").put("code", "custom").put("message", message);
        return new Answer(422, error);
    }

    private static Map<String, String> params(String query) {
        Map<String, String> params = new HashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                String[] kv = pair.split("=", 2);
                params.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return params;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
