package dev.turnloop.pr.mechanism;

import java.util.Optional;

/**
 * One deterministic rule from signal patterns to a mechanism. Rules are tried in a fixed order, causes before
 * symptoms (a failing tool before the dead end it leads to); the first that finds enough support names the
 * mechanism.
 */
public interface MechanismRule {
  /** The mechanism the evidence shows, or empty when this rule does not see enough of its pattern. */
  Optional<Diagnosis> diagnose(BreachEvidence evidence);

  /** Whether one conversation shows the pattern behind {@code parsed}; used to pick grounding examples. */
  boolean shows(Mechanism.Parsed parsed, ConversationEvidence conversation);
}
