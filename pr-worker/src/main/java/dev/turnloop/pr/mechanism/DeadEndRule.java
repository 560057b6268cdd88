package dev.turnloop.pr.mechanism;

/** The agent answers "I can't help with that" on this intent: the prompt should say how to handle it. */
final class DeadEndRule extends PatternRule {
    DeadEndRule(MechanismSettings settings) {
        super(settings);
    }

    @Override
    boolean matches(ConversationEvidence conversation) {
        return conversation.deadEnd();
    }

    @Override
    Mechanism mechanism() {
        return Mechanism.DEAD_END;
    }

    @Override
    String describe(int support, int total) {
        return "The agent dead-ends (\"I can't help with that\") on this intent in " + share(support, total)
                + "; the system prompt does not say how to handle these requests.";
    }
}
