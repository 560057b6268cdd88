package dev.turnloop.metrics.breach;

import dev.turnloop.metrics.window.BinaryCodec;
import dev.turnloop.metrics.window.OutcomeCounts;
import dev.turnloop.schemas.ConversationSummary;
import dev.turnloop.schemas.Evidence;
import dev.turnloop.schemas.Outcome;
import dev.turnloop.textkit.Redactor;
import java.util.ArrayList;
import java.util.List;

/**
 * A recent conversation that shows a problem (not completed, or with a repair or a negative turn), kept so that a
 * breach can quote it: id, when it closed, its segment, what went wrong, and a redacted, capped excerpt and signal
 * trail.
 */
public record ProblemConversation(String conversationId, long closedAt, String segment, Outcome outcome,
                                  boolean repair, boolean negative, String excerpt, List<String> signals) {

    private static final int LAYOUT = 1;

    public ProblemConversation {
        signals = List.copyOf(signals);
    }

    public static boolean isProblem(ConversationSummary summary) {
        return summary.getOutcome() != Outcome.COMPLETED || summary.getRepairTurns() > 0
                || summary.getNegativeTurns() > 0;
    }

    /**
     * The conversation as evidence. The excerpt was redacted upstream; it is redacted again here because it is about
     * to be quoted to people and models, and a second pass costs little.
     */
    public static ProblemConversation of(ConversationSummary summary, EvidenceSettings settings) {
        List<String> trail = summary.getSignalTrail();
        return new ProblemConversation(summary.getConversationId(), summary.getClosedAt().toEpochMilli(),
                summary.getCohort().getSegment(), summary.getOutcome(), summary.getRepairTurns() > 0,
                summary.getNegativeTurns() > 0,
                Redactor.standard().redactAndCap(summary.getFirstUserText(), settings.excerptChars()),
                trail.subList(0, Math.min(trail.size(), settings.signalsPerConversation())));
    }

    /** The conversation as one conversation's outcome counts, to ask a rate whether it failed it. */
    public OutcomeCounts asCounts() {
        return new OutcomeCounts(1, outcome == Outcome.COMPLETED ? 1 : 0, outcome == Outcome.ABANDONED ? 1 : 0,
                outcome == Outcome.ESCALATED ? 1 : 0, repair ? 1 : 0, negative ? 1 : 0);
    }

    public Evidence toEvidence() {
        return Evidence.newBuilder()
                .setConversationId(conversationId)
                .setExcerpt(excerpt)
                .setSignals(signals)
                .setOutcome(outcome.name())
                .build();
    }

    public byte[] encode() {
        return BinaryCodec.encode(LAYOUT, out -> {
            out.writeUTF(conversationId);
            out.writeLong(closedAt);
            out.writeUTF(segment);
            out.writeUTF(outcome.name());
            out.writeBoolean(repair);
            out.writeBoolean(negative);
            out.writeUTF(excerpt);
            out.writeShort(signals.size());
            for (String signal : signals) {
                out.writeUTF(signal);
            }
        });
    }

    public static ProblemConversation decode(byte[] bytes) {
        return BinaryCodec.decode(bytes, LAYOUT, "problem conversation", in -> {
            String id = in.readUTF();
            long closedAt = in.readLong();
            String segment = in.readUTF();
            Outcome outcome = Outcome.valueOf(in.readUTF());
            boolean repair = in.readBoolean();
            boolean negative = in.readBoolean();
            String excerpt = in.readUTF();
            int count = in.readShort();
            List<String> signals = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                signals.add(in.readUTF());
            }
            return new ProblemConversation(id, closedAt, segment, outcome, repair, negative, excerpt, signals);
        });
    }
}
