package dev.turnloop.pr.mechanism;

/** Users who ask for a person after having to correct or repeat themselves: the prompt should clarify and route. */
final class HumanAfterRepairRule extends PatternRule {
    HumanAfterRepairRule(MechanismSettings settings) {
        super(settings);
    }

    @Override
    boolean matches(ConversationEvidence conversation) {
        return conversation.humanAfterRepair();
    }

    @Override
    Mechanism mechanism() {
        return Mechanism.HUMAN_AFTER_REPAIR;
    }

    @Override
    String describe(int support, int total) {
        return "Users ask for a human after having to correct or repeat themselves in " + share(support, total)
                + "; the system prompt does not say how to clarify a misunderstanding and route to a person.";
    }
}
