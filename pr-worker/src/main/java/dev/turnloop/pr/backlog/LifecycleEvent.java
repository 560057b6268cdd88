package dev.turnloop.pr.backlog;

/** What can happen to a backlog item; {@link BacklogLifecycle} says which status each event leads to. */
public enum LifecycleEvent {
  /** An OPEN breach hit the item. */
  BREACH_OPENED,
  /** Every breach that hit the item is RESOLVED. */
  BREACHES_RESOLVED,
  /** The worker opened (or found) the item's pull request. */
  PULL_REQUEST_OPENED,
  /** A human merged it. */
  PULL_REQUEST_MERGED,
  /** A human closed it without merging. */
  PULL_REQUEST_CLOSED,
  /** The cohort verdict on the shipped change is KEEP. */
  VERDICT_KEEP,
  /** The cohort verdict on the shipped change is REVERT (the worker opens a revert pull request). */
  VERDICT_REVERT,
  /** The revert pull request was merged, or closed without merging: either way a human decided. */
  REVERT_DECIDED
}
