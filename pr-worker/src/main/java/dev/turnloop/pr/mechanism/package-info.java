/**
 * Mechanism diagnosis: deterministic rules ({@link dev.turnloop.pr.mechanism.MechanismDiagnoser}) name what in
 * the prompt, harness or config causes a breach, from its metric, signal trails and outcome reasons; a
 * {@link dev.turnloop.pr.mechanism.RemedyPlanner} turns the mechanism into one change proposal whose file, path,
 * value and instruction text are all decided by code and configuration. Conversation text is only matched against
 * fixed patterns and quoted as evidence.
 */
package dev.turnloop.pr.mechanism;
