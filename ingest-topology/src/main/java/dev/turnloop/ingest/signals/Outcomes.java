package dev.turnloop.ingest.signals;

import dev.turnloop.ingest.state.ConversationState;
import dev.turnloop.schemas.EndReason;
import dev.turnloop.schemas.Outcome;

/**
 * Decides how a conversation ended. The rule, in one line: escalated if it was handed to a human; otherwise completed
 * if it was resolved (and not withdrawn); otherwise abandoned, with what happened before the user left.
 */
public final class Outcomes {

    private Outcomes() {
    }

    /** Closes the state with its outcome, at event time {@code closedAt}; {@code end} is the runtime's marker or null. */
    public static void close(ConversationState state, long closedAt, EndReason end) {
        state.closed = true;
        state.closedAt = closedAt;
        if (state.isEscalated() || end == EndReason.HANDED_OFF) {
            state.outcome = Outcome.ESCALATED;
            state.outcomeReason = end == EndReason.HANDED_OFF ? "end_marker:HANDED_OFF" : state.escalationReason;
            if (!state.isEscalated()) {
                state.escalatedAtDepth = state.turns;
            }
        } else if (state.isResolved()) {
            state.outcome = Outcome.COMPLETED;
            state.outcomeReason = state.resolutionReason;
        } else {
            state.outcome = Outcome.ABANDONED;
            state.outcomeReason = (end != null ? "end_marker:" + end : "inactivity") + abandonmentContext(state);
        }
    }

    private static String abandonmentContext(ConversationState state) {
        if (state.humanRequested) {
            return "_after_human_request";
        }
        if (state.lastAgentTurnWasDeadEnd || state.deadEndTurns > 0) {
            return "_after_dead_end";
        }
        if (state.repairTurns > 0) {
            return "_after_repair";
        }
        if (state.toolErrors > 0) {
            return "_after_tool_error";
        }
        return "";
    }

    /** Turn depth to resolution for a completed conversation, else all its turns. */
    public static int turnDepth(ConversationState state) {
        return state.outcome == Outcome.COMPLETED && state.isResolved() ? state.resolvedAtDepth : state.turns;
    }
}
