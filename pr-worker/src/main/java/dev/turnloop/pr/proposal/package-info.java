/**
 * Change proposals as data: one mechanism, one file, one minimal text edit that keeps the file's formatting and
 * comments. {@link dev.turnloop.pr.proposal.PromptInstructionProposal} appends a rule's instruction to a system
 * prompt; {@link dev.turnloop.pr.proposal.YamlSettingProposal} and
 * {@link dev.turnloop.pr.proposal.JsonSettingProposal} change one scalar setting in place.
 *
 * <p>Trust boundary: targets and values are typed fields set by code; instruction text only comes from a
 * {@link dev.turnloop.pr.proposal.RuleTemplate}; conversation text only enters as an
 * {@link dev.turnloop.pr.proposal.EvidenceQuote}, which is neutralised, capped and fenced.
 */
package dev.turnloop.pr.proposal;
