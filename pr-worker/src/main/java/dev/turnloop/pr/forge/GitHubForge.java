package dev.turnloop.pr.forge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnloop.pr.repo.AccessToken;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Forge} over GitHub's REST API v3 ({@code /repos/{owner}/{repo}/pulls}), for github.com or GitHub
 * Enterprise (give its {@code https://host/api/v3} base URL). Before creating a pull request it looks for one with
 * the same head in any state, and a 422 "A pull request already exists" (another worker won a race) is answered by
 * looking that one up. The token goes into the Authorization header only; it is never logged, never in
 * {@link #toString()} and scrubbed from every error message. Redirects are not followed, so the token never goes to
 * another host.
 */
public final class GitHubForge implements Forge {
    public static final URI PUBLIC_API = URI.create("https://api.github.com");
    static final String API_VERSION = "2022-11-28";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final Pattern REPO_URL =
            Pattern.compile("^https://([^/@]+)/([A-Za-z0-9._-]+)/([A-Za-z0-9._-]+?)(?:\\.git)?/?$");
    private static final String ALREADY_EXISTS = "A pull request already exists";
    private static final int MAX_ERROR_TEXT = 500;
    private static final Logger LOG = LoggerFactory.getLogger(GitHubForge.class);

    private final URI api;
    private final String owner;
    private final String repo;
    private final AccessToken token;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param apiBaseUrl {@link #PUBLIC_API}, or {@code https://host/api/v3} for GitHub Enterprise
     */
    public GitHubForge(URI apiBaseUrl, String owner, String repo, AccessToken token) {
        this.api = URI.create(Objects.requireNonNull(apiBaseUrl, "apiBaseUrl").toString().replaceAll("/+$", ""));
        this.owner = requireName(owner, "owner");
        this.repo = requireName(repo, "repo");
        this.token = Objects.requireNonNull(token, "token");
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * A forge for the repository at an https clone URL such as {@code https://github.com/acme/agent.git}; other hosts
     * are taken as GitHub Enterprise with the API under {@code /api/v3}.
     */
    public static GitHubForge forRepositoryUrl(String repositoryUrl, AccessToken token) {
        Matcher m = REPO_URL.matcher(Objects.requireNonNull(repositoryUrl, "repositoryUrl"));
        if (!m.matches()) {
            throw new IllegalArgumentException("not a GitHub https repository URL like https://github.com/owner/repo.git");
        }
        URI api = m.group(1).equalsIgnoreCase("github.com") ? PUBLIC_API : URI.create("https://" + m.group(1)
                + "/api/v3");
        return new GitHubForge(api, m.group(2), m.group(3), token);
    }

    @Override
    public PullRequestRef openPullRequest(PullRequestDraft draft) {
        Optional<PullRequestRef> existing = findByHead(draft.head());
        if (existing.isPresent()) {
            LOG.info("reusing pull request #{} ({}) for {}", existing.get().number(), existing.get().state(),
                    draft.head());
            return existing.get();
        }
        ObjectNode request = json.createObjectNode()
                .put("title", draft.title())
                .put("head", draft.head())
                .put("base", draft.base())
                .put("body", draft.body())
                .put("draft", draft.draft());
        String path = repoPath("/pulls");
        HttpResponse<String> response = send("POST", path, request);
        if (response.statusCode() == 422 && errorText(response).contains(ALREADY_EXISTS)) {
            LOG.info("a pull request for {} appeared meanwhile; looking it up", draft.head());
            return findByHead(draft.head()).orElseThrow(() -> error("POST", path, response));
        }
        if (response.statusCode() != 201) {
            throw error("POST", path, response);
        }
        PullRequestRef created = toRef(read(response));
        LOG.info("opened pull request #{} for {}", created.number(), draft.head());
        if (!draft.labels().isEmpty()) {
            addLabels(created.number(), draft.labels());
        }
        return created;
    }

    @Override
    public Optional<PullRequestRef> findByHead(String branch) {
        String head = URLEncoder.encode(owner + ":" + branch, StandardCharsets.UTF_8);
        String path = repoPath("/pulls?head=" + head + "&state=all&per_page=100");
        HttpResponse<String> response = send("GET", path, null);
        if (response.statusCode() != 200) {
            throw error("GET", path, response);
        }
        JsonNode list = read(response);
        return StreamSupport.stream(list.spliterator(), false)
                .filter(pr -> branch.equals(pr.path("head").path("ref").asText()))
                .map(this::toRef)
                .max((a, b) -> Integer.compare(a.number(), b.number()));
    }

    @Override
    public PullRequestRef getPullRequest(int number) {
        String path = repoPath("/pulls/" + number);
        HttpResponse<String> response = send("GET", path, null);
        if (response.statusCode() != 200) {
            throw error("GET", path, response);
        }
        return toRef(read(response));
    }

    @Override
    public void addLabels(int number, List<String> labels) {
        String path = repoPath("/issues/" + number + "/labels");
        ObjectNode request = json.createObjectNode();
        labels.forEach(request.putArray("labels")::add);
        HttpResponse<String> response = send("POST", path, request);
        if (response.statusCode() != 200) {
            throw error("POST", path, response);
        }
    }

    @Override
    public String diff(int number) {
        String path = repoPath("/pulls/" + number);
        HttpResponse<String> response = send("GET", path, null, "application/vnd.github.diff");
        if (response.statusCode() != 200) {
            throw error("GET", path, response);
        }
        return response.body();
    }

    private PullRequestRef toRef(JsonNode pr) {
        boolean merged = pr.path("merged").asBoolean(false) || pr.hasNonNull("merged_at");
        PullRequestState state = merged ? PullRequestState.MERGED
                : "open".equals(pr.path("state").asText()) ? PullRequestState.OPEN : PullRequestState.CLOSED;
        String sha = pr.hasNonNull("merge_commit_sha") ? pr.get("merge_commit_sha").asText() : null;
        return new PullRequestRef(pr.path("number").asInt(), pr.path("html_url").asText(), state,
                pr.path("head").path("ref").asText(), sha);
    }

    private HttpResponse<String> send(String method, String path, JsonNode body) {
        return send(method, path, body, "application/vnd.github+json");
    }

    private HttpResponse<String> send(String method, String path, JsonNode body, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api + path))
                .timeout(TIMEOUT)
                .header("Accept", accept)
                .header("X-GitHub-Api-Version", API_VERSION)
                .header("Authorization", "Bearer " + token.reveal())
                .header("User-Agent", "turnloop-pr-worker");
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        }
        LOG.debug("GitHub {} {}", method, path);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ForgeException(token.redact("GitHub API " + method + " " + path + " failed: " + e), 0, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ForgeException("GitHub API " + method + " " + path + " was interrupted", 0, true);
        }
    }

    private JsonNode read(HttpResponse<String> response) {
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new ForgeException("GitHub API answered " + response.statusCode() + " with a body that is not JSON",
                    response.statusCode(), false);
        }
    }

    private ForgeException error(String method, String path, HttpResponse<String> response) {
        int status = response.statusCode();
        boolean rateLimited = status == 429 || (status == 403 && (response.headers().firstValue("x-ratelimit-remaining")
                .filter("0"::equals).isPresent() || errorText(response).toLowerCase(Locale.ROOT).contains("rate limit")));
        String hint = status == 401 ? " (check the token)" : status == 404 ? " (check owner/repo and the token's access)"
                : status >= 300 && status < 400 ? " (the repository moved; update owner/repo)" : "";
        String text = errorText(response);
        if (text.length() > MAX_ERROR_TEXT) {
            text = text.substring(0, MAX_ERROR_TEXT) + "...";
        }
        return new ForgeException(token.redact("GitHub API " + method + " " + path + " returned " + status + hint
                + (text.isEmpty() ? "" : ": " + text)), status, rateLimited || status >= 500);
    }

    /** GitHub's message plus each {@code errors[].message}, e.g. "Validation Failed; A pull request already ...". */
    private String errorText(HttpResponse<String> response) {
        try {
            JsonNode node = json.readTree(response.body());
            StringBuilder text = new StringBuilder(node.path("message").asText(""));
            for (JsonNode error : node.path("errors")) {
                String message = error.isTextual() ? error.asText() : error.path("message").asText(error.toString());
                text.append(text.length() == 0 ? "" : "; ").append(message);
            }
            return text.toString();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private String repoPath(String rest) {
        return "/repos/" + owner + "/" + repo + rest;
    }

    private static String requireName(String name, String what) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " '" + name + "' is not a GitHub name");
        }
        return name;
    }

    @Override
    public String toString() {
        return "GitHubForge[" + api + "/repos/" + owner + "/" + repo + "]";
    }
}
