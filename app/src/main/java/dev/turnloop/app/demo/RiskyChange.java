package dev.turnloop.app.demo;

import dev.turnloop.app.demo.sim.AgentSimulator;
import dev.turnloop.app.demo.sim.DemoAgentRepo;
import dev.turnloop.pr.forge.LocalForge;
import dev.turnloop.pr.forge.PullRequestDraft;
import dev.turnloop.pr.forge.PullRequestRef;
import dev.turnloop.pr.repo.BranchOutcome;
import dev.turnloop.pr.repo.GitWorkspace;
import dev.turnloop.pr.repo.TargetRepoConfig;
import dev.turnloop.schemas.ChangeEvent;
import dev.turnloop.schemas.CohortVerdict;
import dev.turnloop.schemas.Direction;
import dev.turnloop.schemas.Verdict;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The demo's deliberately bad change: a W&B config edit (temperature 0.2 -> 1.5) shipped to half of the simulated
 * traffic, announced as a change event so that the verdict engine judges it. When the verdict says REVERT, a revert
 * pull request is opened with the same git and forge code the PR worker uses, and the old version is rolled back.
 */
public final class RiskyChange {

    public static final String CHANGE_ID = "demo-risky-temperature";

    private final DemoAgentRepo repo;
    private final AgentSimulator simulator;
    private final LocalForge forge;
    private final TargetRepoConfig target;
    private final Path workDir;
    private DemoAgentRepo.RepoChange change;
    private boolean reverted;

    public RiskyChange(DemoAgentRepo repo, AgentSimulator simulator, LocalForge forge, TargetRepoConfig target,
            Path workDir) {
        this.repo = repo;
        this.simulator = simulator;
        this.forge = forge;
        this.target = target;
        this.workDir = workDir;
    }

    /** Whether the bad change was judged REVERT and its revert pull request opened. */
    public boolean reverted() {
        return reverted;
    }

    public boolean shipped() {
        return change != null;
    }

    /** Commits and ships the bad change for {@code intentId}, publishing its change event. */
    public void ship(String intentId, Consumer<ChangeEvent> publish) {
        change = repo.commitRiskyTemperatureRaise();
        simulator.deploy(change.newVersion(), 0.5);
        publish.accept(ChangeEvent.newBuilder()
                .setChangeId(CHANGE_ID)
                .setItemId(null)
                .setComponent(change.component())
                .setOldVersion(change.oldVersion())
                .setNewVersion(change.newVersion())
                .setTargetIntentId(intentId)
                .setTargetMetric("completion_rate")
                .setExpectedDirection(Direction.UP)
                .setPlannedVolumePerArm(150)
                .setDeployedAt(Instant.now())
                .setPrUrl(null)
                .setIsRevert(false)
                .build());
        System.out.printf("demo: shipped a deliberately bad change (%s) to half of the synthetic traffic; "
                + "judging it on intent %s%n", change.summary(), intentId);
    }

    /** On a REVERT verdict for the bad change: open the revert PR and roll the old version back. */
    public Optional<PullRequestRef> onVerdict(CohortVerdict verdict) {
        if (reverted || change == null || verdict.getVerdict() != Verdict.REVERT) {
            return Optional.empty();
        }
        reverted = true;
        try (GitWorkspace workspace = GitWorkspace.open(target, workDir)) {
            BranchOutcome outcome = workspace.revert(change.newVersion(), null);
            PullRequestRef pr = forge.openPullRequest(PullRequestDraft.forRevert(verdict, outcome,
                    change.newVersion(), "(demo change " + CHANGE_ID + ")", target));
            simulator.deploy(change.oldVersion(), 1.0);
            System.out.printf("demo: verdict REVERT (%s) -> opened revert PR #%d and rolled back%n", verdict.getReason(),
                    pr.number());
            return Optional.of(pr);
        }
    }
}
