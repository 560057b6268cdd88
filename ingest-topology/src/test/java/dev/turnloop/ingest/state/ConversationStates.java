package dev.turnloop.ingest.state;

import dev.turnloop.schemas.Outcome;
import java.util.List;

/** Conversation states for tests. */
final class ConversationStates {

    private ConversationStates() {
    }

    /** A state with every field away from its default, {@code text} inside its strings. */
    static ConversationState everyFieldSet(String text) {
        ConversationState s = new ConversationState();
        s.closed = true;
        s.lastEventTime = 1_700_000_000_123L;
        s.closedAt = 1_700_000_900_000L;
        s.conversationId = "conv-" + text;
        s.tenant = "acme";
        s.project = "support";
        s.userId = "user " + text;
        s.agentName = "bot";
        s.agentVersion = "2.1";
        s.promptVersion = "p-7";
        s.harnessVersion = "h-3";
        s.configVersion = "c-9";
        s.userAttributes.put("plan", text);
        s.userAttributes.put("user_type", "new");
        s.startedAt = 1_699_999_999_000L;
        s.nextIndex = 9;
        s.skip(3, 5);
        s.rememberEventId(42L);
        s.rememberEventId(-7L);
        s.pending.add(new PendingTurn(11, 1_700_000_000_500L, "json", new byte[] {1, 2, 3}));
        s.turns = 8;
        s.userTurns = 4;
        s.repairTurns = 1;
        s.negativeTurns = 2;
        s.escalationTurns = 1;
        s.deadEndTurns = 1;
        s.toolErrors = 3;
        s.lateTurns = 1;
        s.sentimentSum = -0.75;
        s.minSentiment = -0.6f;
        s.resolvedAtDepth = 6;
        s.resolutionReason = "agent_confirmed_success";
        s.escalatedAtDepth = 7;
        s.escalationReason = "handoff_tool";
        s.humanRequested = true;
        s.lastAgentTurnWasDeadEnd = true;
        s.lastAgentOfferedMoreHelp = true;
        s.lastAgentAskedConfirmation = true;
        s.userConfirmedAction = true;
        s.firstUserText = "my card " + text + " never arrived";
        s.signalTrail.addAll(List.of("repair:explicit_phrase@2", "negative@" + text));
        s.rememberUserFingerprint(new byte[] {9, 8, 7});
        s.outcome = Outcome.COMPLETED;
        s.outcomeReason = "end_marker:RESOLVED";
        s.summaryRevision = 2;
        return s;
    }
}
