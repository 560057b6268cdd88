package dev.turnloop.pr.worker;

import dev.turnloop.pr.forge.PullRequestRef;

/** What an attempt to open a (change or revert) pull request came to. */
sealed interface ActionResult {
    /** A pull request exists for the work now (opened, or found from an earlier run). */
    record Opened(PullRequestRef pullRequest, String branch, String targetFile) implements ActionResult {
    }

    /** There is nothing to do: the base branch already reads as the pull request would make it. */
    record NothingToDo(String reason) implements ActionResult {
    }

    /** It did not work; {@code lasting} problems are retried much later than transient ones. */
    record Failed(String reason, boolean lasting) implements ActionResult {
    }
}
