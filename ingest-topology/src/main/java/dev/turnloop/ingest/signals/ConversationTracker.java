package dev.turnloop.ingest.signals;

import dev.turnloop.ingest.state.ConversationState;
import dev.turnloop.schemas.Role;
import dev.turnloop.schemas.SignalKind;
import dev.turnloop.schemas.TurnEvent;
import dev.turnloop.schemas.TurnSignals;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Folds one turn and its {@link Detection} into the conversation state: counts, the first user request, resolution
 * and escalation depth, the signal trail. Returns the signal events the turn raised, for the ops topic.
 *
 * <p>Resolution is provisional: a correction ("that's not what I asked"), a request for a human or a negative turn
 * after it withdraws it, since the user is evidently not done.
 */
public final class ConversationTracker {

    /** How much of the user's opening request the summary keeps (already redacted). */
    public static final int REQUEST_CHARS = 300;

    /** A resolution resting only on the user's warm closing; a confirmed one replaces it. */
    static final String WEAK_RESOLUTION = "user_closing";

    private final UnaryOperator<String> redactRequest;

    /** @param redactRequest redacts and caps the user's request before it is kept anywhere */
    public ConversationTracker(UnaryOperator<String> redactRequest) {
        this.redactRequest = redactRequest;
    }

    /** A signal raised by a turn: its kind, score and detail. */
    public record Raised(SignalKind kind, double score, String detail) {
    }

    public List<Raised> apply(ConversationState state, TurnEvent turn, Detection detection) {
        List<Raised> raised = new ArrayList<>();
        TurnSignals signals = detection.signals();
        int index = turn.getTurnIndex();
        state.turns++;
        int depth = state.turns;
        state.lastEventTime = Math.max(state.lastEventTime, turn.getEventTime().toEpochMilli());
        rememberCohort(state, turn);

        if (turn.getRole() == Role.USER) {
            state.userTurns++;
            state.userConfirmedAction = detection.confirmedAction();
            state.sentimentSum += signals.getSentiment();
            state.minSentiment = state.userTurns == 1 ? signals.getSentiment()
                    : Math.min(state.minSentiment, signals.getSentiment());
            if (state.userTurns <= 2 && !turn.getText().isBlank()) {
                String joined = state.firstUserText.isEmpty() ? turn.getText()
                        : state.firstUserText + " / " + turn.getText();
                state.firstUserText = redactRequest.apply(joined);
            }
            if (detection.userFingerprint().length > 0) {
                state.rememberUserFingerprint(detection.userFingerprint());
            }
        } else if (turn.getRole() == Role.ASSISTANT) {
            state.lastAgentTurnWasDeadEnd = signals.getDeadEnd();
            state.lastAgentOfferedMoreHelp = detection.offeredMoreHelp();
            state.lastAgentAskedConfirmation = detection.askedConfirmation();
            state.userConfirmedAction = false;
        }

        if (signals.getRepair()) {
            state.repairTurns++;
            state.addTrail("repair:" + signals.getRepairKind() + "@" + index);
            raised.add(new Raised(SignalKind.REPAIR, signals.getRepairSimilarity(), signals.getRepairKind()));
        }
        if (signals.getNegative()) {
            state.negativeTurns++;
            state.addTrail("negative@" + index);
            raised.add(new Raised(SignalKind.NEGATIVE_SENTIMENT, signals.getSentiment(), ""));
        }
        if (signals.getEscalationRequest()) {
            state.escalationTurns++;
            state.humanRequested = true;
            state.addTrail("human_requested@" + index);
            raised.add(new Raised(SignalKind.ESCALATION_REQUEST, 1, ""));
        }
        if (detection.handoffOffered()) {
            state.escalationTurns++;
            state.addTrail("handoff_offered@" + index);
            raised.add(new Raised(SignalKind.HANDOFF, 0.5, "offered"));
        }
        if (detection.handoffPerformed()) {
            if (!state.isEscalated()) {
                state.escalatedAtDepth = depth;
                state.escalationReason = turn.getRole() == Role.HUMAN_AGENT ? "human_agent_joined" : "handoff";
            }
            state.addTrail("handoff@" + index);
            raised.add(new Raised(SignalKind.HANDOFF, 1, "performed"));
        }
        if (signals.getDeadEnd()) {
            state.deadEndTurns++;
            state.addTrail("dead_end@" + index);
            raised.add(new Raised(SignalKind.DEAD_END, 1, ""));
        }
        for (String tool : detection.toolErrorNames()) {
            state.toolErrors++;
            state.addTrail("tool_error:" + tool + "@" + index);
            raised.add(new Raised(SignalKind.TOOL_ERROR, 1, tool));
        }

        // a new request after a success is not a complaint about it, nor is a bare "no" (it declines a follow-up
        // offer: "would you like a cab too?"); an explicit correction, a request for a human or frustration is
        boolean correction = signals.getRepair() && "explicit_phrase".equals(signals.getRepairKind());
        boolean userNotDone = correction || signals.getEscalationRequest()
                || (signals.getNegative() && !detection.closing());
        if (userNotDone && state.isResolved() && !detection.resolves()) {
            state.resolvedAtDepth = ConversationState.NOT_YET;
            state.resolutionReason = "";
            state.addTrail("unresolved@" + index);
        }
        boolean strongerThanBefore = state.isResolved() && WEAK_RESOLUTION.equals(state.resolutionReason)
                && !WEAK_RESOLUTION.equals(detection.resolutionReason());
        if (detection.resolves() && (!state.isResolved() || strongerThanBefore)) {
            state.resolvedAtDepth = depth;
            state.resolutionReason = detection.resolutionReason();
            state.addTrail("resolved:" + detection.resolutionReason() + "@" + index);
            raised.add(new Raised(SignalKind.RESOLUTION, 1, detection.resolutionReason()));
        }
        return raised;
    }

    private static void rememberCohort(ConversationState state, TurnEvent turn) {
        state.tenant = turn.getTenant();
        state.project = turn.getProject();
        if (turn.getUserId() != null) {
            state.userId = turn.getUserId();
        }
        if (!turn.getAgentName().isEmpty()) {
            state.agentName = turn.getAgentName();
        }
        if (!turn.getAgentVersion().isEmpty()) {
            state.agentVersion = turn.getAgentVersion();
        }
        if (!turn.getPromptVersion().isEmpty()) {
            state.promptVersion = turn.getPromptVersion();
        }
        if (!turn.getHarnessVersion().isEmpty()) {
            state.harnessVersion = turn.getHarnessVersion();
        }
        if (!turn.getConfigVersion().isEmpty()) {
            state.configVersion = turn.getConfigVersion();
        }
        // the latest value of each attribute, but no more distinct ones than a state keeps
        for (Map.Entry<String, String> attribute : turn.getUserAttributes().entrySet()) {
            if (state.userAttributes.size() < ConversationState.MAX_USER_ATTRIBUTES
                    || state.userAttributes.containsKey(attribute.getKey())) {
                state.userAttributes.put(attribute.getKey(), attribute.getValue());
            }
        }
    }
}
