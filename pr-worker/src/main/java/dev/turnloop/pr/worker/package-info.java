/**
 * The Kafka Streams side of the PR worker: {@link dev.turnloop.pr.worker.PrWorkerGraph} wires breaches and cohort
 * verdicts into one processor that keeps the backlog, opens pull requests, watches them merge (polling, nudged by
 * {@link dev.turnloop.pr.worker.MergeWebhookHandler}), emits ChangeEvents and opens revert pull requests.
 */
package dev.turnloop.pr.worker;
