package dev.turnloop.metrics.breach;

/**
 * How much of the recent failing conversations the breach rules keep and quote.
 *
 * @param keptPerIntent  problem conversations remembered per intent (the newest; older ones are dropped)
 * @param perBreach      conversations quoted in one breach
 * @param excerptChars   length cap of a quoted excerpt (it is redacted before it is capped)
 * @param signalsPerConversation length cap of a quoted signal trail
 */
public record EvidenceSettings(int keptPerIntent, int perBreach, int excerptChars, int signalsPerConversation) {

    public EvidenceSettings {
        if (keptPerIntent < 1 || perBreach < 1 || perBreach > keptPerIntent || excerptChars < 16
                || signalsPerConversation < 1) {
            throw new IllegalArgumentException("need 1 <= perBreach <= keptPerIntent, excerptChars >= 16, "
                    + "signalsPerConversation >= 1");
        }
    }

    /** 5 quoted of the newest 50 per intent: enough to pick ones from the breached window and segment. */
    public static EvidenceSettings defaults() {
        return new EvidenceSettings(50, 5, 280, 20);
    }
}
