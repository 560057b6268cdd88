package dev.turnloop.pr.worker;

import dev.turnloop.pr.forge.Forge;
import dev.turnloop.pr.forge.ForgeException;
import dev.turnloop.pr.forge.PullRequestDraft;
import dev.turnloop.pr.forge.PullRequestRef;
import dev.turnloop.pr.mechanism.Remedy;
import dev.turnloop.pr.mechanism.RemedyPlanner;
import dev.turnloop.pr.proposal.ChangeProposal;
import dev.turnloop.pr.proposal.ProposalConflictException;
import dev.turnloop.pr.proposal.TargetKind;
import dev.turnloop.pr.repo.BranchOutcome;
import dev.turnloop.pr.repo.GitOperationException;
import dev.turnloop.pr.repo.GitWorkspace;
import dev.turnloop.pr.repo.TargetRepoConfig;
import dev.turnloop.schemas.BacklogItem;
import dev.turnloop.schemas.CohortVerdict;
import dev.turnloop.schemas.Component;
import java.io.UncheckedIOException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's side effects on git and the forge, each idempotent: a branch is named for its item and recognised by
 * its commit trailer, a pull request is found by its head branch before one is created. So when a crash loses the
 * record of an action (Streams commits after the side effect), doing the action again returns the same branch and
 * pull request instead of a second one.
 */
final class PullRequestActions {
    private static final Logger LOG = LoggerFactory.getLogger(PullRequestActions.class);

    private final GitWorkspace workspace;
    private final Forge forge;
    private final RemedyPlanner planner;

    PullRequestActions(GitWorkspace workspace, Forge forge, RemedyPlanner planner) {
        this.workspace = workspace;
        this.forge = forge;
        this.planner = planner;
    }

    TargetRepoConfig config() {
        return workspace.config();
    }

    /** The component a change to {@code file} is deployed as. */
    Component componentOf(String file) {
        return config().kindOf(file).map(TargetKind::component).orElse(Component.PROMPT);
    }

    /** Plans the item's change, pushes its branch and opens its pull request. */
    ActionResult openChange(BacklogItem item) {
        return guarded("opening a pull request for " + item.getItemId(), () -> {
            Remedy remedy = planner.plan(item, workspace::readBaseFile);
            if (remedy.proposal().isEmpty()) {
                return new ActionResult.Failed(remedy.reason().orElse("no change to propose"), true);
            }
            ChangeProposal proposal = remedy.proposal().get();
            BranchOutcome outcome = workspace.propose(item.getItemId(), proposal);
            return switch (outcome.status()) {
                case CREATED, ALREADY_PUSHED -> new ActionResult.Opened(forge.openPullRequest(
                        PullRequestDraft.forChange(item, proposal, outcome, config())), outcome.branch(), proposal.targetFile());
                case ALREADY_ON_BASE -> forge.findByHead(outcome.branch())
                        .<ActionResult>map(pr -> new ActionResult.Opened(pr, outcome.branch(), proposal.targetFile()))
                        .orElse(new ActionResult.Failed("the change is already on " + config().baseBranch()
                                + " without a pull request from this worker", true));
                case NO_CHANGE -> new ActionResult.Failed(proposal.targetFile() + " already reads as proposed ("
                        + proposal.summary() + ")", true);
            };
        });
    }

    /** Pushes a branch that reverts {@code mergeCommit} and opens its pull request, linking the verdict's numbers. */
    ActionResult openRevert(BacklogItem item, String mergeCommit, String targetFile, String revertedPrUrl,
            CohortVerdict verdict) {
        return guarded("reverting " + mergeCommit + " for " + item.getItemId(), () -> {
            BranchOutcome outcome = workspace.revert(mergeCommit, item.getItemId());
            return switch (outcome.status()) {
                case CREATED, ALREADY_PUSHED -> new ActionResult.Opened(forge.openPullRequest(PullRequestDraft.forRevert(
                        verdict, outcome, mergeCommit, revertedPrUrl, config())), outcome.branch(), targetFile);
                case ALREADY_ON_BASE -> forge.findByHead(outcome.branch())
                        .<ActionResult>map(pr -> new ActionResult.Opened(pr, outcome.branch(), targetFile))
                        .orElse(new ActionResult.NothingToDo("a revert of " + mergeCommit + " is already on "
                                + config().baseBranch()));
                case NO_CHANGE -> new ActionResult.NothingToDo(config().baseBranch() + " no longer holds the change of "
                        + mergeCommit);
            };
        });
    }

    /** The pull request as the forge reports it now. */
    PullRequestRef pullRequest(int number) {
        return forge.getPullRequest(number);
    }

    /** The base branch just before {@code mergeCommit}: the version a merged change replaced. */
    String baseBefore(String mergeCommit) {
        return workspace.firstParentOf(mergeCommit);
    }

    private static ActionResult guarded(String what, Supplier<ActionResult> action) {
        try {
            return action.get();
        } catch (ProposalConflictException | IllegalArgumentException e) {
            LOG.warn("{} is blocked: {}", what, e.getMessage());
            return new ActionResult.Failed(e.getMessage(), true);
        } catch (ForgeException e) {
            LOG.warn("{} failed at the forge ({}): {}", what, e.retryable() ? "will retry" : "lasting", e.getMessage());
            return new ActionResult.Failed(e.getMessage(), !e.retryable());
        } catch (GitOperationException | UncheckedIOException e) {
            LOG.warn("{} failed in git; will retry: {}", what, e.getMessage());
            return new ActionResult.Failed(e.getMessage(), false);
        } catch (RuntimeException e) {
            // a bug or an unexpected library failure must not stop the worker; the item records it and waits
            LOG.error("{} failed unexpectedly; will retry after the backoff", what, e);
            return new ActionResult.Failed(e.getClass().getSimpleName() + ": " + e.getMessage(), false);
        }
    }
}
