/**
 * Pull requests: the {@link dev.turnloop.pr.forge.Forge} interface with {@link dev.turnloop.pr.forge.GitHubForge}
 * (REST v3) and {@link dev.turnloop.pr.forge.LocalForge} (branch + sidecar files, merge on the reviewer's behalf),
 * the rendered {@link dev.turnloop.pr.forge.PullRequestBody} with its machine-readable footer, and
 * {@link dev.turnloop.pr.forge.WebhookVerifier} for GitHub's merge webhooks.
 *
 * <p>Typical flow: {@code outcome = workspace.propose(item.getItemId(), proposal)}; when
 * {@code outcome.hasBranchToReview()}, {@code forge.openPullRequest(PullRequestDraft.forChange(item, proposal,
 * outcome, config))}. Both steps are idempotent, so a replayed item reuses its branch and pull request.
 */
package dev.turnloop.pr.forge;
