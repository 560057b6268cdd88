package dev.turnloop.pr.mechanism;

import java.util.List;
import java.util.Optional;

/**
 * A rule that tests each evidence conversation for one pattern and names its mechanism when enough of them show it
 * ({@link MechanismSettings#requiredSupport}).
 */
abstract class PatternRule implements MechanismRule {
    protected final MechanismSettings settings;

    PatternRule(MechanismSettings settings) {
        this.settings = settings;
    }

    /** Whether one conversation shows the pattern. */
    abstract boolean matches(ConversationEvidence conversation);

    /** The mechanism named when the pattern has support. */
    abstract Mechanism mechanism();

    /** The sentence for people, given how many of the evidence conversations show the pattern. */
    abstract String describe(int support, int total);

    @Override
    public Optional<Diagnosis> diagnose(BreachEvidence evidence) {
        List<String> supporting = evidence.conversations().stream().filter(this::matches)
                .map(ConversationEvidence::conversationId).toList();
        int total = evidence.conversations().size();
        if (supporting.isEmpty() || supporting.size() < settings.requiredSupport(total)) {
            return Optional.empty();
        }
        Mechanism mechanism = mechanism();
        return Optional.of(new Diagnosis(mechanism, null, describe(supporting.size(), total), mechanism.fixCost(),
                supporting));
    }

    @Override
    public boolean shows(Mechanism.Parsed parsed, ConversationEvidence conversation) {
        return parsed.mechanism() == mechanism() && matches(conversation);
    }

    static String share(int support, int total) {
        return support + " of " + total + " evidence conversations";
    }
}
