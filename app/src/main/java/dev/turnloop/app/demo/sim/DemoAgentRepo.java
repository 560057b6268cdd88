package dev.turnloop.app.demo.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnloop.pr.proposal.ScalarValue;
import dev.turnloop.pr.proposal.SettingPath;
import dev.turnloop.pr.proposal.YamlSettingProposal;
import dev.turnloop.pr.repo.AuthorIdentity;
import dev.turnloop.pr.repo.TargetRepoConfig;
import dev.turnloop.schemas.Component;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The git repository of the demo's synthetic support agent: a bare repository (the "remote" the PR worker pushes to
 * and {@link dev.turnloop.pr.forge.LocalForge} merges in) whose branch {@value #BRANCH} holds a system prompt, a
 * harness config and a W&amp;B config, plus the {@link TargetRepoConfig} YAML that lets the PR worker edit exactly
 * those three files. Commits are the versions the simulator reports and the verdicts compare.
 */
public final class DemoAgentRepo {

    public static final String PROMPT = "prompts/support-agent.md";
    public static final String HARNESS = "harness/tools.yaml";
    public static final String WANDB = "wandb/config.yaml";
    public static final String BRANCH = "main";
    /** Where the W&amp;B config keeps the sampling temperature (the PR worker's default temperature path). */
    public static final String TEMPERATURE_PATH = "parameters.temperature.value";
    /** The temperature the risky change sets: far above what a support agent answering from docs should use. */
    public static final double RISKY_TEMPERATURE = 1.5;

    static final AuthorIdentity DEVELOPER = new AuthorIdentity("Relay developer", "dev@relay.invalid");
    static final AuthorIdentity BOT = new AuthorIdentity("turnloop-bot", "turnloop-bot@turnloop.invalid");
    private static final String RESOURCES = "/demo-agent/";
    private static final Logger LOG = LoggerFactory.getLogger(DemoAgentRepo.class);

    /**
     * A commit on {@value #BRANCH} made outside the PR worker, with what a {@code ChangeEvent} for it needs.
     *
     * @param oldVersion the branch head before the commit
     * @param newVersion the new commit
     */
    public record RepoChange(Component component, String oldVersion, String newVersion, String file,
                             String summary) {
    }

    private final Path folder;
    private final Path repository;
    private final Path targetConfig;
    private final String initialCommit;
    private final BareRepoFiles files;

    private DemoAgentRepo(Path folder, Path repository, Path targetConfig, String initialCommit) {
        this.folder = folder;
        this.repository = repository;
        this.targetConfig = targetConfig;
        this.initialCommit = initialCommit;
        this.files = new BareRepoFiles(repository);
    }

    /**
     * Creates {@code folder/agent.git} (bare, with the agent's files committed on {@value #BRANCH}) and
     * {@code folder/turnloop-target.yaml}. The folder is created when absent and must not hold a repository yet.
     */
    public static DemoAgentRepo create(Path folder) {
        Path absolute = folder.toAbsolutePath().normalize();
        Path repository = absolute.resolve("agent.git");
        try {
            Files.createDirectories(absolute);
            if (Files.exists(repository)) {
                throw new IllegalArgumentException(repository + " exists already; give an empty folder");
            }
            Git.init().setBare(true).setInitialBranch(BRANCH).setDirectory(repository.toFile()).call().close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + repository, e);
        } catch (GitAPIException e) {
            throw new IllegalStateException("cannot initialise " + repository + ": " + e.getMessage(), e);
        }
        Map<String, String> agentFiles = new LinkedHashMap<>();
        for (String path : List.of(PROMPT, HARNESS, WANDB)) {
            agentFiles.put(path, resource(path));
        }
        String initial = new BareRepoFiles(repository).commit(BRANCH, agentFiles,
                "Relay support agent: system prompt, harness and W&B config\n", DEVELOPER.toPersonIdent());
        Path targetConfig = absolute.resolve("turnloop-target.yaml");
        writeTargetConfig(targetConfig, repository);
        LOG.info("demo agent repository at {} (initial commit {})", repository, initial.substring(0, 12));
        return new DemoAgentRepo(absolute, repository, targetConfig, initial);
    }

    public Path folder() {
        return folder;
    }

    /** The bare repository: {@code repository} in the target config, and where the PR worker's merges land. */
    public Path repository() {
        return repository;
    }

    /** The {@link TargetRepoConfig} YAML for this repository. */
    public Path targetConfig() {
        return targetConfig;
    }

    public String initialCommit() {
        return initialCommit;
    }

    /** The commit {@value #BRANCH} points at now (it moves when the PR worker's pull requests are merged). */
    public String head() {
        return files.head(BRANCH).orElseThrow();
    }

    /** The text of {@code path} at {@code commit}, or empty when that commit has no such file. */
    public Optional<String> read(String commit, String path) {
        return files.read(commit, path);
    }

    /** Commits {@code changed} (path to full new text) on {@value #BRANCH} as a developer; returns the commit. */
    public String commit(Map<String, String> changed, String message) {
        return files.commit(BRANCH, changed, message, DEVELOPER.toPersonIdent());
    }

    /**
     * A developer's well-meant but bad change: raises the sampling temperature in the W&amp;B config from its
     * current value to {@value #RISKY_TEMPERATURE} "for more varied answers". Only the value's characters change,
     * comments and layout stay. The simulator honours it with more derailed answers across every intent, so a
     * verdict on it should say REVERT.
     */
    public RepoChange commitRiskyTemperatureRaise() {
        return commitTemperature(RISKY_TEMPERATURE,
                "Raise temperature to " + RISKY_TEMPERATURE + " for more varied answers\n\n"
                        + "Answers sound repetitive in the weekly review; a higher temperature should make them"
                        + " feel less canned.\n");
    }

    /** Sets {@value #TEMPERATURE_PATH} in {@value #WANDB} to {@code temperature} in one commit. */
    public RepoChange commitTemperature(double temperature, String message) {
        String before = head();
        String config = read(before, WANDB).orElseThrow(() -> new IllegalStateException(WANDB + " is missing"));
        YamlSettingProposal edit = new YamlSettingProposal(WANDB, "config.temperature",
                SettingPath.parse(TEMPERATURE_PATH), null, ScalarValue.decimal(temperature));
        String after = commit(Map.of(WANDB, edit.apply(config)), message);
        return new RepoChange(Component.CONFIG, before, after, WANDB, edit.summary());
    }

    private static void writeTargetConfig(Path file, Path repository) {
        String yaml = "# turnloop PR worker target: the demo's synthetic support agent (local forge, no GitHub).\n"
                + "repository: " + quoted(repository.toString()) + "\n"
                + "base_branch: " + BRANCH + "\n"
                + "branch_prefix: turnloop\n"
                + "labels: [turnloop, demo]\n"
                + "author: {name: " + BOT.name() + ", email: " + BOT.email() + "}\n"
                + "files:\n"
                + "  system_prompts: [" + PROMPT + "]\n"
                + "  harness_configs: [" + HARNESS + "]\n"
                + "  wandb_configs: [" + WANDB + "]\n";
        try {
            Files.writeString(file, yaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        TargetRepoConfig.load(file); // fails now, with the config's own message, rather than in the PR worker
    }

    /** A YAML double-quoted scalar (JSON strings are valid YAML), so any path survives. */
    private static String quoted(String text) {
        try {
            return new ObjectMapper().writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot quote a plain string", e);
        }
    }

    static String resource(String path) {
        try (InputStream in = DemoAgentRepo.class.getResourceAsStream(RESOURCES + path)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCES + path + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + path, e);
        }
    }
}
