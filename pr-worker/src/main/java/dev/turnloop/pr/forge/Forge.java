package dev.turnloop.pr.forge;

import java.util.List;
import java.util.Optional;

/**
 * Where pull requests live: GitHub ({@link GitHubForge}) or the local stand-in for demos and teams without a forge
 * ({@link LocalForge}). Opening is idempotent per head branch, so a replayed backlog item never gets a second PR.
 */
public interface Forge {
    /**
     * Opens a pull request for {@code draft.head()} and adds the draft's labels, or returns the existing one for that
     * head in whatever state (a closed one is not reopened: a human decided).
     */
    PullRequestRef openPullRequest(PullRequestDraft draft);

    /** The most recent pull request whose head is {@code branch}, in any state. */
    Optional<PullRequestRef> findByHead(String branch);

    /** The open pull request whose head is {@code branch}. */
    default Optional<PullRequestRef> findOpenByHead(String branch) {
        return findByHead(branch).filter(pr -> pr.state() == PullRequestState.OPEN);
    }

    /** Current state of pull request {@code number}, with the merge commit once merged. */
    PullRequestRef getPullRequest(int number);

    /** Adds labels (existing ones stay). */
    void addLabels(int number, List<String> labels);

    /** The unified diff a reviewer sees: the head branch against the point where it left its base. */
    String diff(int number);
}
