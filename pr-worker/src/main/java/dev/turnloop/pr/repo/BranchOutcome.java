package dev.turnloop.pr.repo;

/**
 * What {@link GitWorkspace#propose} or {@link GitWorkspace#revert} did. Only {@link Status#CREATED} and
 * {@link Status#ALREADY_PUSHED} have a branch worth a pull request; opening one is idempotent for both.
 *
 * @param branch the branch name (also set for NO_CHANGE / ALREADY_ON_BASE, where nothing was pushed)
 * @param commitId the commit on the branch, or on the base branch for ALREADY_ON_BASE; null for NO_CHANGE
 * @param diff unified diff of the commit against its parent; empty for NO_CHANGE
 */
public record BranchOutcome(Status status, String branch, String commitId, String diff) {
    /** What happened. */
    public enum Status {
        /** A new commit was made and pushed to a new branch. */
        CREATED,
        /** The branch already holds a commit for this item (a restart or replay); nothing new was made. */
        ALREADY_PUSHED,
        /** The base branch already holds a commit for this item (merged before, maybe reverted since). */
        ALREADY_ON_BASE,
        /** The file already reads as the proposal wants; there is nothing to propose. */
        NO_CHANGE
    }

    /** True when there is a pushed branch a pull request should exist for. */
    public boolean hasBranchToReview() {
        return status == Status.CREATED || status == Status.ALREADY_PUSHED;
    }
}
