package dev.turnloop.pr.worker;

import dev.turnloop.schemas.BacklogItem;
import dev.turnloop.schemas.ChangeEvent;
import dev.turnloop.schemas.Component;
import java.time.Instant;

/**
 * ChangeEvents for merged pull requests. Versions are git commits: {@code old_version} is the base branch just
 * before the merge (the merge commit's first parent), {@code new_version} the merge commit, so the agent runtime
 * must report the commit its prompt/harness/config was deployed from as {@code prompt_version},
 * {@code harness_version} or {@code config_version}. The change id is derived from the merge commit, so a poll
 * repeated after a crash publishes the same id again, never a second change.
 */
final class ChangeEvents {
    private static final int SHORT_SHA = 12;

    private ChangeEvents() {
    }

    static String changeId(String mergeCommit) {
        return "change-" + mergeCommit.substring(0, Math.min(SHORT_SHA, mergeCommit.length()));
    }

    /**
     * The event for {@code item}'s merged change, or for its merged revert ({@code revert} true; the revert should
     * move the target metric the same way the item wanted it to move).
     */
    static ChangeEvent merged(BacklogItem item, Component component, String oldVersion, String mergeCommit,
            String pullRequestUrl, int plannedVolumePerArm, Instant deployedAt, boolean revert) {
        return ChangeEvent.newBuilder()
                .setChangeId(changeId(mergeCommit))
                .setItemId(item.getItemId())
                .setComponent(component)
                .setOldVersion(oldVersion)
                .setNewVersion(mergeCommit)
                .setTargetIntentId(item.getIntentId())
                .setTargetMetric(item.getTargetMetric())
                .setExpectedDirection(item.getExpectedDirection())
                .setPlannedVolumePerArm(plannedVolumePerArm)
                .setDeployedAt(deployedAt)
                .setPrUrl(pullRequestUrl)
                .setIsRevert(revert)
                .build();
    }
}
