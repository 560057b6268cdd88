/**
 * The scored backlog: one {@link dev.turnloop.schemas.BacklogItem} per intent and mechanism, built from breaches
 * ({@link dev.turnloop.pr.backlog.BacklogItems}), scored by frequency, severity and fix cost
 * ({@link dev.turnloop.pr.backlog.BacklogScorer}, {@link dev.turnloop.pr.backlog.ScoringSettings}), moved through
 * its lifecycle ({@link dev.turnloop.pr.backlog.BacklogLifecycle}) and read back for people
 * ({@link dev.turnloop.pr.backlog.BacklogView}).
 */
package dev.turnloop.pr.backlog;
