package dev.turnloop.metrics.window;

import dev.turnloop.schemas.ConversationSummary;
import dev.turnloop.schemas.Outcome;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * How many conversations there were and how many of them completed, were abandoned, were escalated, needed a repair
 * and had a negative turn: everything a rate needs, and cheap to add up. One conversation is counts of 0 and 1.
 */
public record OutcomeCounts(long conversations, long completed, long abandoned, long escalated, long withRepair,
                            long withNegative) {

    public static final OutcomeCounts ZERO = new OutcomeCounts(0, 0, 0, 0, 0, 0);

    /** One closed conversation as counts. */
    public static OutcomeCounts of(ConversationSummary summary) {
        Outcome outcome = summary.getOutcome();
        return new OutcomeCounts(1,
                outcome == Outcome.COMPLETED ? 1 : 0,
                outcome == Outcome.ABANDONED ? 1 : 0,
                outcome == Outcome.ESCALATED ? 1 : 0,
                summary.getRepairTurns() > 0 ? 1 : 0,
                summary.getNegativeTurns() > 0 ? 1 : 0);
    }

    public OutcomeCounts plus(OutcomeCounts other) {
        return new OutcomeCounts(conversations + other.conversations, completed + other.completed,
                abandoned + other.abandoned, escalated + other.escalated, withRepair + other.withRepair,
                withNegative + other.withNegative);
    }

    public void writeTo(DataOutput out) throws IOException {
        out.writeLong(conversations);
        out.writeLong(completed);
        out.writeLong(abandoned);
        out.writeLong(escalated);
        out.writeLong(withRepair);
        out.writeLong(withNegative);
    }

    public static OutcomeCounts readFrom(DataInput in) throws IOException {
        return new OutcomeCounts(in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong(),
                in.readLong());
    }
}
