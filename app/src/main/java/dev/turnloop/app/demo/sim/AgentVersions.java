package dev.turnloop.app.demo.sim;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The agent's profile at any commit of its repository, read from the files there. A commit never changes, so each
 * is read once and remembered.
 */
public final class AgentVersions {

    private static final Pattern FULL_SHA = Pattern.compile("[0-9a-f]{40}");

    private final BareRepoFiles files;
    private final Map<String, AgentProfile> profiles = new ConcurrentHashMap<>();

    /** @param repository the agent's git directory (bare, as {@link DemoAgentRepo#repository()}) */
    public AgentVersions(Path repository) {
        this.files = new BareRepoFiles(repository);
    }

    /**
     * The profile of {@code commit} (a full sha).
     *
     * @throws IllegalArgumentException when the repository has no such commit
     */
    public AgentProfile at(String commit) {
        if (commit == null || !FULL_SHA.matcher(commit).matches()) {
            throw new IllegalArgumentException("a version is a full commit sha (40 hex digits), got: " + commit);
        }
        return profiles.computeIfAbsent(commit, c -> AgentProfile.read(
                files.read(c, DemoAgentRepo.PROMPT).orElse(""),
                files.read(c, DemoAgentRepo.HARNESS).orElse(""),
                files.read(c, DemoAgentRepo.WANDB).orElse("")));
    }
}
