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
 *       confirming success (unless it reports a failure in the same turn), the agent acting without reporting a
 *       failure right after the user confirmed the action it proposed,
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
        // every field set up front: an Avro builder looks up (and copies) the schema default of any field left unset
        TurnSignals.Builder signals = TurnSignals.newBuilder().setSentiment(0f).setNegative(false).setRepair(false)
                .setRepairKind("").setRepairSimilarity(0f).setEscalationRequest(false).setHandoff(false)
                .setDeadEnd(false).setResolution(false).setToolErrors(0);
        String original = turn.getText();
        String text = Cues.normalise(original);
        Words words = Words.of(text);
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
            float score = (float) sentiment.score(original);
            signals.setSentiment(score).setNegative(score <= NEGATIVE_THRESHOLD);
            fingerprint = similarity.fingerprint(original);
            closing = isClosing(text, words, before);
            String repair = repairKind(text, words, fingerprint, closing, before, signals);
            if (!repair.isEmpty()) {
                signals.setRepair(true).setRepairKind(repair);
            }
            signals.setEscalationRequest(Cues.HUMAN_REQUEST.in(text, words));
            confirmedAction = before.lastAgentAskedConfirmation && Cues.AFFIRMATION.in(text, words);
            resolution = userResolution(text, words, before, score, !repair.isEmpty());
        } else if (role == Role.ASSISTANT) {
            boolean deadEnd = Cues.DEAD_END.in(text, words);
            handoffPerformed = Cues.HANDOFF_PERFORMED.in(text, words);
            handoffOffered = !handoffPerformed && Cues.HANDOFF_OFFER.in(text, words);
            signals.setDeadEnd(deadEnd).setHandoff(handoffPerformed || handoffOffered);
            offeredMoreHelp = Cues.OFFER_MORE_HELP.in(text, words);
            askedConfirmation = Cues.ASKS_CONFIRMATION.in(text, words);
            boolean failed = deadEnd || Cues.ACTION_FAILED.in(text, words);
            if (!failed && Cues.SUCCESS_CONFIRMATION.in(text, words)) {
                resolution = "agent_confirmed_success";
            } else if (!failed && before.userConfirmedAction && !askedConfirmation) {
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

    private String repairKind(String text, Words words, byte[] fingerprint, boolean closing, ConversationState before,
            TurnSignals.Builder signals) {
        if (Cues.EXPLICIT_REPAIR.in(text, words)) {
            return "explicit_phrase";
        }
        double best = similarity.highest(fingerprint, before.userFingerprints);
        signals.setRepairSimilarity((float) best);
        if (best >= REPEAT_SIMILARITY) {
            return "repeated_request";
        }
        if (best >= REPHRASE_SIMILARITY) {
            return "rephrased_request";
        }
        boolean agentSpoke = before.turns > before.userTurns;
        if (agentSpoke && !closing && Cues.ASK_FOR_ALTERNATIVE.in(text, words)) {
            return "asked_for_alternative";
        }
        if (agentSpoke && !closing && Cues.NEGATION_START.in(text, words)) {
            return "contradiction";
        }
        return "";
    }

    /** The user wraps up: thanks or goodbye, or "no" when the agent asked whether anything else was needed. */
    private static boolean isClosing(String text, Words words, ConversationState before) {
        return Cues.USER_CLOSING.in(text, words)
                || (before.lastAgentOfferedMoreHelp && Cues.NEGATION_START.in(text, words));
    }

    private static String userResolution(String text, Words words, ConversationState before, float sentimentScore,
            boolean repairing) {
        if (repairing) {
            return "";
        }
        if (Cues.USER_RESOLUTION.in(text, words)) {
            return "user_confirmed";
        }
        boolean afterAnAnswer = before.turns > before.userTurns && !before.lastAgentTurnWasDeadEnd;
        boolean declinesMore = before.lastAgentOfferedMoreHelp && Cues.DECLINING_CLOSE.in(text, words);
        boolean warmClosing = Cues.USER_CLOSING.in(text, words) && !Cues.DECLINING_CLOSE.in(text, words);
        if (afterAnAnswer && sentimentScore >= 0 && (warmClosing || declinesMore)) {
            return "user_closing";
        }
        return "";
    }
}
