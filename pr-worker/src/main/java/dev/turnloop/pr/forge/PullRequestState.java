package dev.turnloop.pr.forge;

/** Where a pull request stands; MERGED is closed with its changes in the base branch. */
public enum PullRequestState {
  OPEN,
  CLOSED,
  MERGED
}
