package dev.turnloop.ingest.signals;

import dev.turnloop.ingest.IngestSettings;
import dev.turnloop.ingest.state.ConversationState;
import dev.turnloop.schemas.EndReason;
import dev.turnloop.schemas.Feedback;
import dev.turnloop.schemas.Role;
import dev.turnloop.schemas.Thumbs;
import dev.turnloop.schemas.ToolCall;
import dev.turnloop.schemas.ToolStatus;
import dev.turnloop.schemas.TurnEvent;
import dev.turnloop.schemas.TurnSignals;
import dev.turnloop.textkit.SentimentScorer;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the signals of one turn in the light of what came before it in the conversation. Pure: it does not change the
 * state it is given (the {@link ConversationTracker} does).
 *
 * <ul>
 *   <li>repair: an explicit repair phrase, a request repeated or rephrased (fingerprint similarity with an earlier
 *       user request), or a "no, ..." / "something else" after the agent proposed something;</li>
 *   <li>negative: a user turn scoring at or below {@link #NEGATIVE_THRESHOLD}, or negative explicit feedback;</li>
 *   <li>escalation: the user asks for a human; hand-off: the agent offers or performs one, a hand-off tool is
 *       called, or a human agent speaks;</li>
 *   <li>dead end: the agent says it cannot help;</li>
 *   <li>resolution: an end marker RESOLVED, positive feedback, a successful resolution tool call, the agent
 *       confirming success, the agent acting without failure right after the user confirmed the action it proposed,
 *       the user saying it worked, or (weakest) the user closing warmly after an answer that was not a dead
 *       end.</li>
 * </ul>
 */
public final class TurnSignalDetector {

    /** Compound sentiment at or below this is a negative turn. */
    public static final double NEGATIVE_THRESHOLD = -0.3;
    /** Fingerprint similarity from which a user turn repeats an earlier request. */
    public static final double REPEAT_SIMILARITY = 0.8;
    /** Fingerprint similarity from which a user turn rephrases an earlier request. */
    public static final double REPHRASE_SIMILARITY = 0.5;

    private final SentimentScorer sentiment;
    private final RequestSimilarity similarity;
    private final IngestSettings settings;

    public TurnSignalDetector(SentimentScorer sentiment, RequestSimilarity similarity, IngestSettings settings) {
        this.sentiment = sentiment;
        this.similarity = similarity;
        this.settings = settings;
    }

    public Detection detect(TurnEvent turn, ConversationState before) {
        TurnSignals.Builder signals = TurnSignals.newBuilder();
        String text = turn.getText();
        String resolution = "";
        boolean handoffPerformed = false;
        boolean handoffOffered = false;
        byte[] fingerprint = new byte[0];
        boolean offeredMoreHelp = false;
        boolean closing = false;
        boolean askedConfirmation = false;
        boolean confirmedAction = false;

        Role role = turn.getRole();
        if (role == Role.USER) {
            float score = (float) sentiment.score(text);
            signals.setSentiment(score).setNegative(score <= NEGATIVE_THRESHOLD);
            fingerprint = similarity.fingerprint(text);
            String repair = repairKind(text, fingerprint, before, signals);
            if (!repair.isEmpty()) {
                signals.setRepair(true).setRepairKind(repair);
            }
            signals.setEscalationRequest(Cues.HUMAN_REQUEST.matcher(text).find());
            closing = isClosing(text, before);
            confirmedAction = before.lastAgentAskedConfirmation && Cues.AFFIRMATION.matcher(text).find();
            resolution = userResolution(text, before, score, !repair.isEmpty());
        } else if (role == Role.ASSISTANT) {
            boolean deadEnd = Cues.DEAD_END.matcher(text).find();
            handoffPerformed = Cues.HANDOFF_PERFORMED.matcher(text).find();
            handoffOffered = !handoffPerformed && Cues.HANDOFF_OFFER.matcher(text).find();
            signals.setDeadEnd(deadEnd).setHandoff(handoffPerformed || handoffOffered);
            offeredMoreHelp = Cues.OFFER_MORE_HELP.matcher(text).find();
            askedConfirmation = Cues.ASKS_CONFIRMATION.matcher(text).find();
            if (!deadEnd && Cues.SUCCESS_CONFIRMATION.matcher(text).find()) {
                resolution = "agent_confirmed_success";
            } else if (!deadEnd && before.userConfirmedAction && !askedConfirmation) {
                // confirm -> "yes" -> the agent acts without reporting a failure: the action went through
                resolution = "confirmed_action";
            }
        } else if (role == Role.HUMAN_AGENT) {
            handoffPerformed = true;
            signals.setHandoff(true);
        }

        List<String> toolErrors = new ArrayList<>();
        for (ToolCall call : turn.getToolCalls()) {
            boolean ok = call.getStatus() == ToolStatus.OK;
            if (call.getStatus() == ToolStatus.ERROR || call.getStatus() == ToolStatus.TIMEOUT) {
                toolErrors.add(call.getName());
            }
            if (settings.handoffTools().matcher(call.getName()).matches()) {
                handoffPerformed = true;
                signals.setHandoff(true);
            } else if (ok && resolution.isEmpty() && settings.resolutionTools().matcher(call.getName()).matches()) {
                resolution = "resolution_tool:" + call.getName();
            }
        }
        signals.setToolErrors(toolErrors.size());

        Feedback feedback = turn.getFeedback();
        if (feedback != null) {
            boolean positive = feedback.getThumbs() == Thumbs.UP || (feedback.getRating() != null
                    && feedback.getRating() >= 4);
            boolean negative = feedback.getThumbs() == Thumbs.DOWN || (feedback.getRating() != null
                    && feedback.getRating() <= 2);
            if (positive) {
                resolution = "positive_feedback";
            } else if (negative) {
                signals.setNegative(true);
            }
        }
        if (turn.getEnd() != null) {
            if (turn.getEnd().getReason() == EndReason.RESOLVED) {
                resolution = "end_marker:RESOLVED";
            } else if (turn.getEnd().getReason() == EndReason.HANDED_OFF) {
                handoffPerformed = true;
                signals.setHandoff(true);
            }
        }
        signals.setResolution(!resolution.isEmpty());
        return new Detection(signals.build(), fingerprint, handoffPerformed, handoffOffered, resolution, toolErrors,
                offeredMoreHelp, closing, askedConfirmation, confirmedAction);
    }

    private String repairKind(String text, byte[] fingerprint, ConversationState before, TurnSignals.Builder signals) {
        if (Cues.EXPLICIT_REPAIR.matcher(text).find()) {
            return "explicit_phrase";
        }
        double best = 0;
        for (byte[] earlier : before.userFingerprints) {
            best = Math.max(best, similarity.similarity(fingerprint, earlier));
        }
        signals.setRepairSimilarity((float) best);
        if (best >= REPEAT_SIMILARITY) {
            return "repeated_request";
        }
        if (best >= REPHRASE_SIMILARITY) {
            return "rephrased_request";
        }
        boolean agentSpoke = before.turns > before.userTurns;
        boolean closing = isClosing(text, before);
        if (agentSpoke && !closing && Cues.ASK_FOR_ALTERNATIVE.matcher(text).find()) {
            return "asked_for_alternative";
        }
        if (agentSpoke && !closing && Cues.NEGATION_START.matcher(text).find()) {
            return "contradiction";
        }
        return "";
    }

    /** The user wraps up: thanks or goodbye, or "no" when the agent asked whether anything else was needed. */
    private static boolean isClosing(String text, ConversationState before) {
        return Cues.USER_CLOSING.matcher(text).find()
                || (before.lastAgentOfferedMoreHelp && Cues.NEGATION_START.matcher(text).find());
    }

    private static String userResolution(String text, ConversationState before, float sentimentScore,
            boolean repairing) {
        if (repairing) {
            return "";
        }
        if (Cues.USER_RESOLUTION.matcher(text).find()) {
            return "user_confirmed";
        }
        boolean afterAnAnswer = before.turns > before.userTurns && !before.lastAgentTurnWasDeadEnd;
        boolean declinesMore = before.lastAgentOfferedMoreHelp && Cues.DECLINING_CLOSE.matcher(text).find();
        boolean warmClosing = Cues.USER_CLOSING.matcher(text).find() && !Cues.DECLINING_CLOSE.matcher(text).find();
        if (afterAnAnswer && sentimentScore >= 0 && (warmClosing || declinesMore)) {
            return "user_closing";
        }
        return "";
    }
}
