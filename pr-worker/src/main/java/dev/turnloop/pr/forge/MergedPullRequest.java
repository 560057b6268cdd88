package dev.turnloop.pr.forge;

import java.util.Optional;

/**
 * A pull request GitHub reported as merged through a webhook.
 *
 * @param body the pull request body, whose {@link PullRequestFooter} ties it to the backlog item
 */
public record MergedPullRequest(int number, String url, String head, String base, String mergeCommitSha,
        String body) {
    /** The turnloop footer of the body; empty for pull requests turnloop did not open. */
    public Optional<PullRequestFooter> footer() {
        return PullRequestBody.parseFooter(body);
    }
}
