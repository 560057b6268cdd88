package dev.turnloop.pr.repo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/** Real git repositories for tests: a bare "remote" seeded with files, and ways to look inside it. */
public final class TestRepos {
    public static final String PROMPT = "prompts/support.md";
    public static final String HARNESS = "harness/tools.yaml";
    public static final String ROUTING = "harness/routing.json";
    public static final String SWEEP = "wandb/sweep.yaml";

    public static final String PROMPT_TEXT = """
            # Support agent

            You are the support agent for Acme. Answer briefly and cite help-center articles.

            ## Tone

            Friendly, never sarcastic.
            """;
    public static final String HARNESS_TEXT = """
            # Harness for the support agent
            model: gpt-4o  # pinned after the March eval
            tools:
              search:
                # help-center search
                timeout_ms: 2000   # p99 was 1400 ms
                description: "Search the help center."
              calculator: {timeout_ms: 500, enabled: true}
            retries:
              max_attempts: 3 # per tool call
            """;
    public static final String ROUTING_TEXT = """
            {
              "default_route": "support",
              "retries": { "max_attempts": 3, "backoff_ms": 250 }
            }
            """;
    public static final String SWEEP_TEXT = """
            program: train.py
            method: bayes
            parameters:
              temperature:
                value: 0.7  # sampling temperature
            """;

    private TestRepos() {
    }

    /** A bare repository at {@code dir} whose main branch holds the standard agent files. */
    public static Path agentRemote(Path dir) throws IOException, GitAPIException {
        return bareRemoteWith(dir, Map.of(PROMPT, PROMPT_TEXT, HARNESS, HARNESS_TEXT, ROUTING, ROUTING_TEXT,
                SWEEP, SWEEP_TEXT, "README.md", "# agent\n"));
    }

    /** A bare repository at {@code dir} with one commit on main holding {@code files}. */
    public static Path bareRemoteWith(Path dir, Map<String, String> files) throws IOException, GitAPIException {
        Git.init().setBare(true).setDirectory(dir.toFile()).setInitialBranch("main").call().close();
        Path seed = Files.createTempDirectory("seed");
        try (Git git = Git.init().setDirectory(seed.toFile()).setInitialBranch("main").call()) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path path = seed.resolve(file.getKey());
                Files.createDirectories(path.getParent() == null ? seed : path.getParent());
                Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
            }
            git.add().addFilepattern(".").call();
            git.commit().setMessage("Initial agent").setAuthor("Dev", "dev@acme.test").setCommitter("Dev", "dev@acme.test")
                    .setSign(false).call();
            git.push().setRemote(dir.toUri().toString()).add("main").call();
        }
        return dir;
    }

    /** Commits {@code content} to {@code path} on main of the bare repository, as a human would. */
    public static RevCommit humanCommit(Path bare, String path, String content, String message)
            throws IOException, GitAPIException {
        Path clone = Files.createTempDirectory("human");
        try (Git git = Git.cloneRepository().setURI(bare.toUri().toString()).setDirectory(clone.toFile()).call()) {
            Files.writeString(clone.resolve(path), content, StandardCharsets.UTF_8);
            git.add().addFilepattern(path).call();
            RevCommit commit = git.commit().setMessage(message).setAuthor("Dev", "dev@acme.test")
                    .setCommitter("Dev", "dev@acme.test").setSign(false).call();
            git.push().call();
            return commit;
        }
    }

    public static TargetRepoConfig configFor(Path bare) {
        return TargetRepoConfig.parse("""
                repository: %s
                base_branch: main
                branch_prefix: turnloop
                labels: [turnloop, agent-quality]
                author: {name: turnloop-bot, email: turnloop-bot@acme.test}
                files:
                  system_prompts: [%s]
                  harness_configs: [%s, %s]
                  wandb_configs: [%s]
                """.formatted(bare, PROMPT, HARNESS, ROUTING, SWEEP), null, "test");
    }

    public static List<String> branches(Path bare) throws IOException {
        try (Git git = Git.open(bare.toFile())) {
            return git.getRepository().getRefDatabase().getRefsByPrefix(Constants.R_HEADS).stream()
                    .map(r -> r.getName().substring(Constants.R_HEADS.length())).sorted().collect(Collectors.toList());
        }
    }

    public static RevCommit tip(Path bare, String branch) throws IOException {
        try (Git git = Git.open(bare.toFile()); RevWalk walk = new RevWalk(git.getRepository())) {
            Ref ref = git.getRepository().exactRef(Constants.R_HEADS + branch);
            if (ref == null) {
                throw new AssertionError("no branch " + branch + " in " + bare);
            }
            return walk.parseCommit(ref.getObjectId());
        }
    }

    /** How many commits are reachable from {@code branch}. */
    public static int commitCount(Path bare, String branch) throws IOException, GitAPIException {
        try (Git git = Git.open(bare.toFile())) {
            int n = 0;
            for (RevCommit ignored : git.log().add(git.getRepository().resolve(Constants.R_HEADS + branch)).call()) {
                n++;
            }
            return n;
        }
    }

    /** The text of {@code path} at the tip of {@code branch}. */
    public static String read(Path bare, String branch, String path) throws IOException {
        try (Git git = Git.open(bare.toFile())) {
            Repository repo = git.getRepository();
            RevCommit tip = tip(bare, branch);
            try (TreeWalk walk = TreeWalk.forPath(repo, path, tip.getTree())) {
                if (walk == null) {
                    throw new AssertionError(path + " not on " + branch);
                }
                return new String(repo.open(walk.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
            }
        }
    }
}
