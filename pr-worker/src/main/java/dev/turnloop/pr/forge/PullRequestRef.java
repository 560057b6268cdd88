package dev.turnloop.pr.forge;

import java.util.Objects;
import java.util.Optional;

/**
 * A pull request as the forge reports it.
 *
 * @param url the page a human reviews it on (a {@code file:} URL for {@link LocalForge})
 * @param head the branch it merges
 * @param mergeCommitSha the commit that brought it into the base branch; null unless {@code state} is MERGED
 */
public record PullRequestRef(int number, String url, PullRequestState state, String head, String mergeCommitSha) {
    public PullRequestRef {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(state, "state");
        if (state != PullRequestState.MERGED) {
            mergeCommitSha = null; // GitHub reports a test merge sha for open PRs; it means nothing until merged
        }
    }

    /** The merge commit, present only once merged. */
    public Optional<String> mergeCommit() {
        return Optional.ofNullable(mergeCommitSha);
    }
}
