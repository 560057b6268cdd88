package dev.turnloop.pr.mechanism;

import dev.turnloop.schemas.Breach;
import java.util.List;

/** What the rules look at for one breach: the metric that fired and its evidence conversations, parsed. */
public record BreachEvidence(String intentId, String metric, double value, double threshold,
        List<ConversationEvidence> conversations) {

    public BreachEvidence {
        conversations = List.copyOf(conversations);
    }

    public static BreachEvidence of(Breach breach) {
        return new BreachEvidence(breach.getIntentId(), breach.getMetric(), breach.getValue(), breach.getThreshold(),
                ConversationEvidence.ofAll(breach.getEvidence()));
    }
}
