package dev.turnloop.pr.repo;

import dev.turnloop.pr.proposal.RepoPaths;
import dev.turnloop.pr.proposal.TargetKind;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.jgit.lib.Repository;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The repository the PR worker edits and the files in it it may touch, loaded from YAML:
 *
 * <pre>
 * repository: https://github.com/acme/support-agent.git   # or a local path, e.g. /srv/git/agent.git
 * base_branch: main                                      # default main
 * branch_prefix: turnloop                                # default turnloop
 * labels: [turnloop]                                     # default [turnloop]
 * author: {name: turnloop-bot, email: turnloop-bot@acme.dev}
 * files:
 *   system_prompts: [prompts/support.md]
 *   harness_configs: [harness/tools.yaml, harness/routing.json]
 *   wandb_configs: [wandb/sweep.yaml]
 * </pre>
 *
 * The file lists are an allow-list: a proposal may only edit a file listed here, in its category, so nothing read
 * from conversations can point an edit at another file. Relative local repository paths are resolved against the
 * config file's directory.
 */
public record TargetRepoConfig(String repository, String baseBranch, String branchPrefix, List<String> labels,
        AuthorIdentity author, Map<String, TargetKind> files) {

    public static final String DEFAULT_BASE_BRANCH = "main";
    public static final String DEFAULT_BRANCH_PREFIX = "turnloop";
    public static final List<String> DEFAULT_LABELS = List.of("turnloop");

    private static final Map<String, TargetKind> FILE_SECTIONS = orderedSections();
    private static final Set<String> TOP_KEYS =
            Set.of("repository", "base_branch", "branch_prefix", "labels", "author", "files");
    private static final Set<String> AUTHOR_KEYS = Set.of("name", "email");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>]+@[^@\\s<>]+");
    private static final int MAX_LABEL = 50; // GitHub's limit for a label name
    private static final Pattern SCP_LIKE = Pattern.compile("^[\\w.-]+@[\\w.-]+:.*");

    /** Validates every field; collects all problems into one {@link InvalidConfigException}. */
    public TargetRepoConfig {
        labels = labels == null ? List.of() : List.copyOf(labels);
        files = files == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(files));
        List<String> problems = new ArrayList<>();
        checkRepository(repository, problems);
        checkBranches(baseBranch, branchPrefix, problems);
        checkLabels(labels, problems);
        checkAuthor(author, problems);
        checkFiles(files, problems);
        if (!problems.isEmpty()) {
            throw new InvalidConfigException("in code", problems);
        }
    }

    /** Loads and validates the config in {@code file}. */
    public static TargetRepoConfig load(Path file) {
        String yaml;
        try {
            yaml = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidConfigException(file.toString(), List.of("cannot read the file (" + e.getClass()
                    .getSimpleName() + "); check the path and permissions"));
        }
        return parse(yaml, file.toAbsolutePath().getParent(), file.toString());
    }

    /**
     * Parses and validates config text.
     *
     * @param baseDir directory relative local repository paths are resolved against; null to require absolute ones
     * @param source how to name the config in error messages
     */
    public static TargetRepoConfig parse(String yaml, Path baseDir, String source) {
        Object root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            root = new Yaml(new SafeConstructor(options)).load(yaml);
        } catch (YAMLException e) {
            throw new InvalidConfigException(source, List.of("is not valid YAML: " + e.getMessage()));
        }
        List<String> problems = new ArrayList<>();
        if (!(root instanceof Map)) {
            throw new InvalidConfigException(source, List.of("must be a YAML mapping with at least 'repository',"
                    + " 'author' and 'files'; see the TargetRepoConfig javadoc for an example"));
        }
        Map<?, ?> map = (Map<?, ?>) root;
        unknownKeys(map, TOP_KEYS, "", problems);
        String repository = string(map, "repository", null, "", problems);
        if (repository != null && baseDir != null && !looksLikeUrl(repository) && !Path.of(repository).isAbsolute()) {
            repository = baseDir.resolve(repository).normalize().toString();
        }
        String baseBranch = string(map, "base_branch", DEFAULT_BASE_BRANCH, "", problems);
        String prefix = string(map, "branch_prefix", DEFAULT_BRANCH_PREFIX, "", problems);
        List<String> labels = map.containsKey("labels") ? strings(map.get("labels"), "labels", problems) : DEFAULT_LABELS;
        AuthorIdentity author = null;
        Object authorNode = map.get("author");
        if (authorNode instanceof Map) {
            unknownKeys((Map<?, ?>) authorNode, AUTHOR_KEYS, "author.", problems);
            author = new AuthorIdentity(string((Map<?, ?>) authorNode, "name", null, "author.", problems),
                    string((Map<?, ?>) authorNode, "email", null, "author.", problems));
        } else {
            problems.add("'author' must be a mapping with 'name' and 'email' (the bot identity commits are made as),"
                    + " e.g. author: {name: turnloop-bot, email: turnloop-bot@example.com}");
        }
        Map<String, TargetKind> files = new LinkedHashMap<>();
        Object filesNode = map.get("files");
        if (filesNode instanceof Map) {
            unknownKeys((Map<?, ?>) filesNode, FILE_SECTIONS.keySet(), "files.", problems);
            FILE_SECTIONS.forEach((section, kind) -> {
                Object list = ((Map<?, ?>) filesNode).get(section);
                if (list != null) {
                    for (String path : strings(list, "files." + section, problems)) {
                        if (files.putIfAbsent(path, kind) != null) {
                            problems.add("file '" + path + "' is listed twice; give each file exactly one category");
                        }
                    }
                }
            });
        } else {
            problems.add("'files' must be a mapping listing the editable files under system_prompts, harness_configs"
                    + " and/or wandb_configs");
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(source, problems);
        }
        try {
            return new TargetRepoConfig(repository, baseBranch, prefix, labels, author, files);
        } catch (InvalidConfigException e) {
            throw new InvalidConfigException(source, e.problems());
        }
    }

    /** The category of {@code path}, or empty when the worker may not edit it. */
    public Optional<TargetKind> kindOf(String path) {
        return Optional.ofNullable(files.get(path));
    }

    /** The files of one category, in config order. */
    public List<String> filesOf(TargetKind kind) {
        return files.entrySet().stream().filter(e -> e.getValue() == kind).map(Map.Entry::getKey)
                .collect(Collectors.toUnmodifiableList());
    }

    /** True when the repository is reached over http(s), where a token is needed to push. */
    public boolean isHttpRemote() {
        String lower = repository.toLowerCase(Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://");
    }

    private static void checkRepository(String repository, List<String> problems) {
        if (repository == null || repository.isBlank()) {
            problems.add("'repository' is missing; give the https URL of the agent's repository or a local path");
            return;
        }
        if (SCP_LIKE.matcher(repository).matches() || repository.toLowerCase(Locale.ROOT).startsWith("ssh://")
                || repository.toLowerCase(Locale.ROOT).startsWith("git://")) {
            problems.add("'repository' uses ssh/git transport, which the worker does not support; use the https URL"
                    + " and supply a token");
            return;
        }
        if (!looksLikeUrl(repository)) {
            Path path = Path.of(repository);
            if (!path.isAbsolute()) {
                problems.add("'repository' path '" + repository + "' is relative; use an absolute path");
            } else if (!Files.isDirectory(path)) {
                problems.add("'repository' path '" + repository + "' does not exist; create it (git init --bare) or fix"
                        + " the path");
            }
            return;
        }
        URI uri;
        try {
            uri = new URI(repository);
        } catch (URISyntaxException e) {
            problems.add("'repository' is not a valid URL; write it like https://github.com/acme/agent.git");
            return;
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getRawUserInfo() != null) {
            // never echo the URL: the user info may be a token
            problems.add("'repository' URL contains credentials (user info before '@'); remove them and supply the token"
                    + " through an environment variable or secret file instead");
        } else if (scheme.equals("http") && !isLoopback(uri.getHost())) {
            problems.add("'repository' uses plain http to " + uri.getHost() + ", which would send the token in clear;"
                    + " use https");
        } else if (!Set.of("https", "http", "file").contains(scheme)) {
            problems.add("'repository' scheme '" + scheme + "' is not supported; use https, file or a local path");
        }
    }

    private static void checkBranches(String baseBranch, String prefix, List<String> problems) {
        if (baseBranch == null || !Repository.isValidRefName("refs/heads/" + baseBranch)) {
            problems.add("'base_branch' '" + baseBranch + "' is not a valid branch name; e.g. main");
        }
        if (prefix == null || !Repository.isValidRefName("refs/heads/" + prefix + "/x")) {
            problems.add("'branch_prefix' '" + prefix + "' is not a valid branch name prefix; e.g. turnloop");
        } else if (prefix.equals(baseBranch)) {
            problems.add("'branch_prefix' must differ from 'base_branch'");
        }
    }

    private static void checkLabels(List<String> labels, List<String> problems) {
        for (String label : labels) {
            if (label == null || label.isBlank() || label.length() > MAX_LABEL) {
                problems.add("label '" + label + "' must have 1.." + MAX_LABEL + " characters");
            }
        }
    }

    private static void checkAuthor(AuthorIdentity author, List<String> problems) {
        if (author == null) {
            problems.add("'author' is missing; the worker commits as this identity");
            return;
        }
        if (author.name() == null || author.name().isBlank()) {
            problems.add("'author.name' is missing; e.g. turnloop-bot");
        }
        if (author.email() == null || !EMAIL.matcher(author.email()).matches()) {
            problems.add("'author.email' '" + author.email() + "' is not an email address; e.g. turnloop-bot@example.com");
        }
    }

    private static void checkFiles(Map<String, TargetKind> files, List<String> problems) {
        if (files.isEmpty()) {
            problems.add("'files' lists no file; name at least one system prompt, harness config or W&B config");
        }
        files.forEach((path, kind) -> {
            Optional<String> problem = RepoPaths.problem(path);
            if (problem.isPresent()) {
                problems.add("file '" + path + "' " + problem.get());
                return;
            }
            String lower = path.toLowerCase(Locale.ROOT);
            boolean yaml = lower.endsWith(".yaml") || lower.endsWith(".yml");
            boolean json = lower.endsWith(".json");
            if (kind == TargetKind.HARNESS_CONFIG && !yaml && !json) {
                problems.add("harness config '" + path + "' must be YAML (.yaml/.yml) or JSON (.json)");
            } else if (kind == TargetKind.WANDB_CONFIG && !yaml) {
                problems.add("W&B config '" + path + "' must be YAML (.yaml/.yml)");
            } else if (kind == TargetKind.SYSTEM_PROMPT && (yaml || json)) {
                problems.add("system prompt '" + path + "' is YAML/JSON; list it under harness_configs so prompt strings in"
                        + " it are changed as settings");
            }
        });
    }

    private static String string(Map<?, ?> map, String key, String fallback, String prefix, List<String> problems) {
        Object value = map.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof String || value instanceof Number) {
            return value.toString();
        }
        problems.add("'" + prefix + key + "' must be a single value, not " + value.getClass().getSimpleName());
        return fallback;
    }

    private static List<String> strings(Object value, String key, List<String> problems) {
        if (!(value instanceof List)) {
            problems.add("'" + key + "' must be a list, e.g. [a, b]");
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Object item : (List<?>) value) {
            if (item instanceof String) {
                out.add((String) item);
            } else {
                problems.add("'" + key + "' entry " + item + " must be a string");
            }
        }
        return out;
    }

    private static void unknownKeys(Map<?, ?> map, Set<String> known, String prefix, List<String> problems) {
        for (Object key : map.keySet()) {
            if (!known.contains(String.valueOf(key))) {
                problems.add("unknown key '" + prefix + key + "'; known keys here are " + known.stream().sorted()
                        .map(k -> prefix + k).collect(Collectors.joining(", ")));
            }
        }
    }

    private static boolean looksLikeUrl(String s) {
        return s.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*");
    }

    private static boolean isLoopback(String host) {
        return host != null && (host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]"));
    }

    private static Map<String, TargetKind> orderedSections() {
        Map<String, TargetKind> sections = new LinkedHashMap<>();
        sections.put("system_prompts", TargetKind.SYSTEM_PROMPT);
        sections.put("harness_configs", TargetKind.HARNESS_CONFIG);
        sections.put("wandb_configs", TargetKind.WANDB_CONFIG);
        return Collections.unmodifiableMap(sections);
    }
}
