package dev.turnloop.pr.backlog;

import dev.turnloop.schemas.BacklogStatus;
import java.util.Optional;

/**
 * The item lifecycle, {@code OPEN -> PR_OPENED -> MERGED -> KEPT | REVERTED -> CLOSED}, as one transition function.
 * Events that do not apply in a status change nothing, which is what makes replays and late or duplicate events
 * harmless. Also:
 * <ul>
 *   <li>a pull request closed unmerged closes the item (a human decided against it);</li>
 *   <li>an OPEN or KEPT item whose breaches all resolved is CLOSED; a CLOSED item without any pull request
 *       reopens on a new breach, one that had a pull request never does (no second PR per item);</li>
 *   <li>a REVERT verdict after KEEP still reverts: verdicts are anytime-valid and may change as data arrives.</li>
 * </ul>
 */
public final class BacklogLifecycle {
    private BacklogLifecycle() {
    }

    /**
     * The status after {@code event}, or empty when the event does not apply in {@code current}.
     *
     * @param hadPullRequest whether a pull request was ever opened for the item
     */
    public static Optional<BacklogStatus> next(BacklogStatus current, LifecycleEvent event, boolean hadPullRequest) {
        BacklogStatus next = switch (event) {
            case BREACH_OPENED -> current == BacklogStatus.CLOSED && !hadPullRequest ? BacklogStatus.OPEN : null;
            case BREACHES_RESOLVED -> current == BacklogStatus.OPEN || current == BacklogStatus.KEPT
                    ? BacklogStatus.CLOSED : null;
            case PULL_REQUEST_OPENED -> current == BacklogStatus.OPEN ? BacklogStatus.PR_OPENED : null;
            case PULL_REQUEST_MERGED -> current == BacklogStatus.PR_OPENED ? BacklogStatus.MERGED : null;
            case PULL_REQUEST_CLOSED -> current == BacklogStatus.PR_OPENED ? BacklogStatus.CLOSED : null;
            case VERDICT_KEEP -> current == BacklogStatus.MERGED ? BacklogStatus.KEPT : null;
            case VERDICT_REVERT -> current == BacklogStatus.MERGED || current == BacklogStatus.KEPT
                    ? BacklogStatus.REVERTED : null;
            case REVERT_DECIDED -> current == BacklogStatus.REVERTED ? BacklogStatus.CLOSED : null;
        };
        return Optional.ofNullable(next);
    }
}
