package dev.turnloop.pr.repo;

/**
 * Git trailers the worker writes into its commit messages. They make every commit traceable to its backlog item and
 * let a restarted worker recognise its own earlier work, so a replay never opens a second branch or PR.
 */
public final class CommitTrailers {
    /** The backlog item a commit was made for. */
    public static final String ITEM = "Turnloop-Item";
    /** The mechanism the commit addresses. */
    public static final String MECHANISM = "Turnloop-Mechanism";
    /** On a revert commit: the full id of the commit it reverts. */
    public static final String REVERT_OF = "Turnloop-Revert-Of";

    private CommitTrailers() {
    }
}
