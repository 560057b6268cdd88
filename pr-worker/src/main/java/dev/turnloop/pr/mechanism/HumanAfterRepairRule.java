package dev.turnloop.pr.mechanism;

/** Users who ask for a person after having to correct or repeat themselves: the prompt should clarify and route. */
final class HumanAfterRepairRule extends FlagRule {
    HumanAfterRepairRule(MechanismSettings settings) {
        super(settings, ConversationEvidence::humanAfterRepair, Mechanism.HUMAN_AFTER_REPAIR,
                "Users ask for a human after having to correct or repeat themselves in %s; the system prompt does not"
                        + " say how to clarify a misunderstanding and route to a person.");
    }
}
