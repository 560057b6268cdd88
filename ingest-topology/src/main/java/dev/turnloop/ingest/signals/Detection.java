package dev.turnloop.ingest.signals;

import dev.turnloop.schemas.TurnSignals;
import java.util.List;

/**
 * What one turn showed: the published signals plus what the conversation tracker needs beyond them.
 *
 * @param signals the per-turn signals published on the enriched turn
 * @param userFingerprint the fingerprint of a user request, to remember (empty for other roles)
 * @param handoffPerformed a human took over, or the agent handed the conversation over
 * @param handoffOffered the agent offered a hand-off
 * @param resolutionReason why this turn resolves the conversation, or empty
 * @param toolErrorNames tools that failed on this turn
 * @param offeredMoreHelp the agent asked whether the user needs anything else
 * @param closing the user wraps up (thanks, goodbye, "no" to "anything else?")
 * @param askedConfirmation the agent asked the user to confirm an action
 * @param confirmedAction the user said yes to the agent's confirmation request
 */
public record Detection(
        TurnSignals signals,
        byte[] userFingerprint,
        boolean handoffPerformed,
        boolean handoffOffered,
        String resolutionReason,
        List<String> toolErrorNames,
        boolean offeredMoreHelp,
        boolean closing,
        boolean askedConfirmation,
        boolean confirmedAction) {

    public boolean resolves() {
        return !resolutionReason.isEmpty();
    }
}
