package dev.turnloop.dashboard;

import java.util.Optional;

/** Where the dashboard gets a pull request's diff from: the forge the PR worker opened it on. */
@FunctionalInterface
public interface PullRequestDiffs {

    /** The unified diff of the pull request whose head is {@code branch}, if the forge knows one. */
    Optional<String> diffOf(String branch);

    PullRequestDiffs NONE = branch -> Optional.empty();
}
