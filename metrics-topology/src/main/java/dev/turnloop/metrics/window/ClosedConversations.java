package dev.turnloop.metrics.window;

import dev.turnloop.schemas.AssignmentStage;
import dev.turnloop.schemas.Cohort;
import dev.turnloop.schemas.ConversationSummary;
import dev.turnloop.schemas.IntentAssignment;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;

/**
 * Which intent assignments the metrics count, and how one is fanned out to the series it belongs to.
 *
 * <p>Counted: CONFIRMED assignments that carry the closed conversation's first summary. EARLY assignments have no
 * outcome yet, and an amended summary (revision &gt; 1) describes a conversation already counted.
 */
public final class ClosedConversations {

    private ClosedConversations() {
    }

    public static boolean countable(IntentAssignment assignment) {
        return assignment != null
                && assignment.getStage() == AssignmentStage.CONFIRMED
                && assignment.getSummary() != null
                && assignment.getSummary().getRevision() <= 1
                && assignment.getIntentId() != null && !assignment.getIntentId().isBlank();
    }

    /**
     * The conversation under the key of each series it counts in: its own cohort (with the text and signal trail the
     * breach evidence quotes), its segment roll-up and the all-cohorts total (both without text, to keep the
     * repartition topic small).
     */
    public static List<KeyValue<String, IntentAssignment>> bySeries(IntentAssignment assignment) {
        String intent = assignment.getIntentId();
        CohortKey cohort = CohortKey.of(assignment.getSummary().getCohort());
        IntentAssignment slim = withoutText(assignment);
        return List.of(
                KeyValue.pair(new MetricKey(intent, cohort).encode(), withoutUserAttributes(assignment)),
                KeyValue.pair(new MetricKey(intent, CohortKey.segmentRollup(cohort.segment())).encode(), slim),
                KeyValue.pair(new MetricKey(intent, CohortKey.ALL_COHORTS).encode(), slim));
    }

    /** The assignment without user text, signal trail, kinds or user attributes: what counting needs. */
    public static IntentAssignment withoutText(IntentAssignment assignment) {
        ConversationSummary summary = ConversationSummary.newBuilder(assignment.getSummary())
                .setFirstUserText("")
                .setSignalTrail(List.of())
                .setCohort(slimCohort(assignment.getSummary().getCohort()))
                .build();
        return IntentAssignment.newBuilder(assignment).setKinds(List.of()).setSummary(summary).build();
    }

    private static IntentAssignment withoutUserAttributes(IntentAssignment assignment) {
        ConversationSummary summary = ConversationSummary.newBuilder(assignment.getSummary())
                .setCohort(slimCohort(assignment.getSummary().getCohort()))
                .build();
        return IntentAssignment.newBuilder(assignment).setKinds(List.of()).setSummary(summary).build();
    }

    private static Cohort slimCohort(Cohort cohort) {
        return Cohort.newBuilder(cohort).setUserAttributes(Map.of()).build();
    }
}
