package dev.turnloop.pr.mechanism;

import java.util.function.Predicate;

/**
 * A pattern rule whose pattern is one fact {@link ConversationEvidence} already states about a conversation, under a
 * fixed mechanism: such rules differ only in the fact, the mechanism and the sentence.
 */
abstract class FlagRule extends PatternRule {
    private final Predicate<ConversationEvidence> flag;
    private final Mechanism mechanism;
    private final String sentence;

    /** @param sentence the sentence for people, {@code %s} standing for the share of evidence conversations */
    FlagRule(MechanismSettings settings, Predicate<ConversationEvidence> flag, Mechanism mechanism, String sentence) {
        super(settings);
        this.flag = flag;
        this.mechanism = mechanism;
        this.sentence = sentence;
    }

    @Override
    final boolean matches(ConversationEvidence conversation) {
        return flag.test(conversation);
    }

    @Override
    final Mechanism mechanism() {
        return mechanism;
    }

    @Override
    final String describe(int support, int total) {
        return sentence.formatted(share(support, total));
    }
}
