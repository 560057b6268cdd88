package dev.turnloop.pr.mechanism;

/** The agent answers "I can't help with that" on this intent: the prompt should say how to handle it. */
final class DeadEndRule extends FlagRule {
    DeadEndRule(MechanismSettings settings) {
        super(settings, ConversationEvidence::deadEnd, Mechanism.DEAD_END,
                "The agent dead-ends (\"I can't help with that\") on this intent in %s; the system prompt does not say"
                        + " how to handle these requests.");
    }
}
