package dev.turnloop.dashboard;

import dev.turnloop.schemas.AssignmentStage;
import dev.turnloop.schemas.BacklogItem;
import dev.turnloop.schemas.BacklogStatus;
import dev.turnloop.schemas.Cohort;
import dev.turnloop.schemas.ConversationSummary;
import dev.turnloop.schemas.Direction;
import dev.turnloop.schemas.Evidence;
import dev.turnloop.schemas.FixCost;
import dev.turnloop.schemas.IntentAssignment;
import dev.turnloop.schemas.IntentCatalogEntry;
import dev.turnloop.schemas.IntentStatus;
import dev.turnloop.schemas.Outcome;
import dev.turnloop.schemas.serde.TrustedContract;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Small builders of the pipeline's output records for the dashboard's tests. */
public final class Records {

    public static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    static {
        TrustedContract.install(); // builders read Avro defaults, which Avro 1.12 only does for trusted classes
    }

    private Records() {
    }

    public static IntentCatalogEntry intent(String id, String label, boolean published, long users) {
        return IntentCatalogEntry.newBuilder().setIntentId(id).setLabel(published ? label : "")
                .setKeyphrases(published ? List.of(label) : List.of())
                .setExamples(published ? List.of("example of " + label) : List.of())
                .setConversations(users).setDistinctUsers(users).setPublished(published)
                .setStatus(IntentStatus.ACTIVE).setCreatedAt(T0).setUpdatedAt(T0).build();
    }

    public static ConversationSummary summary(String id, Outcome outcome, String firstUserText, String agent,
            Instant closedAt) {
        return ConversationSummary.newBuilder().setConversationId(id).setTenant("t").setProject("p")
                .setStartedAt(closedAt.minusSeconds(60)).setLastTurnAt(closedAt.minusSeconds(30))
                .setClosedAt(closedAt).setOutcome(outcome).setOutcomeReason("because").setTurns(4).setTurnDepth(3)
                .setFirstUserText(firstUserText)
                .setCohort(Cohort.newBuilder().setAgentName(agent).setPromptVersion("p1").setHarnessVersion("h1")
                        .setConfigVersion("c1").setSegment("").setUserAttributes(Map.of()).build())
                .build();
    }

    public static IntentAssignment confirmed(String intentId, ConversationSummary summary) {
        return IntentAssignment.newBuilder().setConversationId(summary.getConversationId()).setIntentId(intentId)
                .setThemeId("").setSimilarity(0.9f).setStage(AssignmentStage.CONFIRMED)
                .setEventTime(summary.getClosedAt()).setSummary(summary).build();
    }

    public static BacklogItem item(String id, double score, String excerpt, String branch) {
        return BacklogItem.newBuilder().setItemId(id).setIntentId("i-1").setIntentLabel("export data")
                .setMechanismId("m").setMechanism("formatting stripped").setTargetMetric("abandonment_rate")
                .setExpectedDirection(Direction.DOWN).setFrequency(10).setSeverity(0.5).setFixCost(FixCost.PROMPT)
                .setScore(score).setStatus(branch == null ? BacklogStatus.OPEN : BacklogStatus.PR_OPENED)
                .setEvidence(List.of(Evidence.newBuilder().setConversationId("c-1").setExcerpt(excerpt)
                        .setSignals(List.of("repair")).setOutcome("ABANDONED").build()))
                .setPrUrl(branch == null ? null : "file:///prs/1.md").setBranch(branch)
                .setCreatedAt(T0).setUpdatedAt(T0).build();
    }
}
