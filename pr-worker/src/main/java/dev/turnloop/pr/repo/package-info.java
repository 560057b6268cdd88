/**
 * The target repository: its config ({@link dev.turnloop.pr.repo.TargetRepoConfig}, the allow-list of editable
 * files), and a JGit work dir ({@link dev.turnloop.pr.repo.GitWorkspace}) that turns a proposal into a pushed,
 * trailer-marked branch, idempotently, and makes revert branches for REVERT verdicts.
 */
package dev.turnloop.pr.repo;
