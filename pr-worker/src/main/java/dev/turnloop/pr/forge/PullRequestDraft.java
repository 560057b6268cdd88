package dev.turnloop.pr.forge;

import dev.turnloop.pr.proposal.ChangeProposal;
import dev.turnloop.pr.repo.BranchOutcome;
import dev.turnloop.pr.repo.TargetRepoConfig;
import dev.turnloop.schemas.BacklogItem;
import dev.turnloop.schemas.CohortVerdict;
import java.util.List;
import java.util.Objects;

/** A pull request to open: title, head and base branches, rendered body, draft flag and labels to add. */
public record PullRequestDraft(String title, String head, String base, String body, boolean draft,
        List<String> labels) {
    /** GitHub's limit on a pull request body. */
    public static final int MAX_BODY_LENGTH = 65_536;

    public PullRequestDraft {
        requireText(title, "title");
        requireText(head, "head");
        requireText(base, "base");
        Objects.requireNonNull(body, "body");
        if (body.length() > MAX_BODY_LENGTH) {
            throw new IllegalArgumentException("body has " + body.length() + " characters; forges accept "
                    + MAX_BODY_LENGTH);
        }
        labels = List.copyOf(labels);
    }

    /** The pull request for a pushed proposal of {@code item}. */
    public static PullRequestDraft forChange(BacklogItem item, ChangeProposal proposal, BranchOutcome outcome,
            TargetRepoConfig config) {
        requireReviewable(outcome);
        return new PullRequestDraft(proposal.title(), outcome.branch(), config.baseBranch(),
                PullRequestBody.forChange(item, proposal, outcome.diff()), false, config.labels());
    }

    /**
     * The pull request for a pushed revert after {@code verdict}.
     *
     * @param revertedPrUrl the pull request that shipped the change, or null when unknown
     */
    public static PullRequestDraft forRevert(CohortVerdict verdict, BranchOutcome outcome, String revertedCommit,
            String revertedPrUrl, TargetRepoConfig config) {
        requireReviewable(outcome);
        return new PullRequestDraft("turnloop: revert " + revertedCommit.substring(0, Math.min(12,
                revertedCommit.length())) + " (cohort verdict REVERT)", outcome.branch(), config.baseBranch(),
                PullRequestBody.forRevert(verdict, revertedCommit, revertedPrUrl, outcome.diff()), false, config.labels());
    }

    private static void requireReviewable(BranchOutcome outcome) {
        if (!outcome.hasBranchToReview()) {
            throw new IllegalArgumentException("outcome " + outcome.status() + " has no pushed branch to review");
        }
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
