package dev.turnloop.pr.backlog;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.turnloop.pr.mechanism.ConversationEvidence;
import dev.turnloop.schemas.Breach;
import dev.turnloop.schemas.BreachState;
import java.util.List;

/**
 * What one breach (by breach id) adds to an item: the conversations it says were hit, in which segment, how severe
 * the failure is, and whether the breach is still open. Each breach id keeps only its latest contribution, so a
 * breach re-published every window never counts twice.
 *
 * @param affected conversations hit: for a rate metric {@code value * volume} ({@code (1 - value) * volume} when
 *     higher is better), otherwise the window's volume; never fewer than the evidence conversations
 */
public record Contribution(
        @JsonProperty("segment") String segment,
        @JsonProperty("metric") String metric,
        @JsonProperty("affected") long affected,
        @JsonProperty("severity") double severity,
        @JsonProperty("active") boolean active) {

    /** The contribution of {@code breach} under {@code settings}. */
    public static Contribution of(Breach breach, ScoringSettings settings) {
        List<ConversationEvidence> evidence = ConversationEvidence.ofAll(breach.getEvidence());
        return new Contribution(breach.getCohort().getSegment(), breach.getMetric(),
                Math.max(affected(breach, settings), evidence.size()), severity(breach.getMetric(), evidence, settings),
                breach.getState() == BreachState.OPEN);
    }

    public Contribution resolved() {
        return new Contribution(segment, metric, affected, severity, false);
    }

    private static long affected(Breach breach, ScoringSettings settings) {
        long volume = Math.max(0, breach.getVolume());
        if (!breach.getMetric().endsWith("_rate")) {
            return volume;
        }
        double share = settings.higherIsBetter().contains(breach.getMetric()) ? 1 - breach.getValue()
                : breach.getValue();
        return Math.round(Math.min(1, Math.max(0, share)) * volume);
    }

    /**
     * The weight of the metric's severity class, raised to abandonment when most evidence conversations were
     * abandoned: whatever the metric, users leaving is the failure that costs most.
     */
    private static double severity(String metric, List<ConversationEvidence> evidence, ScoringSettings settings) {
        double severity = settings.weightOf(settings.classOf(metric));
        long abandoned = evidence.stream().filter(ConversationEvidence::abandoned).count();
        if (!evidence.isEmpty() && abandoned * 2 > evidence.size()) {
            severity = Math.max(severity, settings.weightOf(SeverityClass.ABANDONMENT));
        }
        return severity;
    }
}
