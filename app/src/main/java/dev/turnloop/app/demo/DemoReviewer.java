package dev.turnloop.app.demo;

import dev.turnloop.app.demo.sim.AgentSimulator;
import dev.turnloop.pr.forge.LocalForge;
import dev.turnloop.pr.forge.PullRequestRef;
import dev.turnloop.pr.forge.PullRequestState;
import dev.turnloop.schemas.BacklogItem;
import dev.turnloop.schemas.BacklogStatus;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Stands in for the human reviewer in the demo, and says so: it merges the pull requests the PR worker opened, and
 * rolls the merged version out to half of the simulated traffic so the verdict can compare the two cohorts.
 */
public final class DemoReviewer {

    private final LocalForge forge;
    private final AgentSimulator simulator;
    private final Set<Integer> merged = new HashSet<>();

    public DemoReviewer(LocalForge forge, AgentSimulator simulator) {
        this.forge = forge;
        this.simulator = simulator;
    }

    /** Merges every open PR of the backlog it has not merged yet; returns how many it merged now. */
    public int review(Map<String, BacklogItem> backlog) {
        int now = 0;
        for (BacklogItem item : backlog.values()) {
            if (item.getStatus() != BacklogStatus.PR_OPENED || item.getBranch() == null) {
                continue;
            }
            Optional<PullRequestRef> pr = forge.findByHead(item.getBranch());
            if (pr.isEmpty() || pr.get().state() != PullRequestState.OPEN || !merged.add(pr.get().number())) {
                continue;
            }
            PullRequestRef result = forge.merge(pr.get().number());
            System.out.printf("reviewer: merged PR #%d on a human's behalf (the demo does this; in production a person "
                    + "reviews and merges) — %s%n", result.number(), item.getMechanism());
            if (result.mergeCommitSha() != null) {
                simulator.deploy(result.mergeCommitSha(), 0.5);
                System.out.printf("simulator (synthetic): version %s now serves half of the traffic%n",
                        result.mergeCommitSha().substring(0, 12));
            }
            now++;
        }
        return now;
    }

    public int merged() {
        return merged.size();
    }
}
