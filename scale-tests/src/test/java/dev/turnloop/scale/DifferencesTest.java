package dev.turnloop.scale;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnloop.schemas.Cohort;
import dev.turnloop.schemas.ConversationSummary;
import dev.turnloop.schemas.IntentMetrics;
import dev.turnloop.schemas.Outcome;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DifferencesTest {

    private static final Instant T0 = Instant.parse("2026-11-02T00:00:00Z");

    @Test
    void equalOutputsHaveNoDifferences() {
        OutputSnapshot.Builder expected = builder();
        OutputSnapshot.Builder actual = builder();
        for (OutputSnapshot.Builder outputs : new OutputSnapshot.Builder[] {expected, actual}) {
            outputs.summary("c1", summary("c1", Outcome.COMPLETED));
            outputs.finalMetrics("1h|i1|*", metrics("1h", 3, true));
        }

        Differences differences = Differences.between(expected.snapshot(), actual.snapshot(), true);

        assertThat(differences.isEmpty()).as("%s", differences).isTrue();
    }

    @Test
    void aLostADuplicatedAndAChangedSummaryAreEachReported() {
        // Given three expected summaries
        OutputSnapshot.Builder expected = builder();
        expected.summary("lost", summary("lost", Outcome.COMPLETED));
        expected.summary("twice", summary("twice", Outcome.COMPLETED));
        expected.summary("changed", summary("changed", Outcome.COMPLETED));
        // When one is missing, one published twice and one has another outcome
        OutputSnapshot.Builder actual = builder();
        actual.summary("twice", summary("twice", Outcome.COMPLETED));
        actual.summary("twice", summary("twice", Outcome.COMPLETED));
        actual.summary("changed", summary("changed", Outcome.ABANDONED));

        Differences differences = Differences.between(expected.snapshot(), actual.snapshot(), true);

        // Then each shows up under its own kind
        assertThat(differences.toString())
                .contains("conversation summaries: 1 keys missing", "lost")
                .contains("1 keys with more records than expected (duplicates)", "twice: 2 records, expected 1")
                .contains("1 keys with different records", "changed");
    }

    @Test
    void aFinalWindowNotYetPublishedIsOnlyMissingOnceFinalsMustBeComplete() {
        OutputSnapshot.Builder expected = builder();
        expected.finalMetrics("1h|i1|*", metrics("1h", 3, true));
        OutputSnapshot nothingYet = builder().snapshot();

        assertThat(Differences.between(expected.snapshot(), nothingYet, false).isEmpty())
                .as("before the clock").isTrue();
        assertThat(Differences.between(expected.snapshot(), nothingYet, true).toString())
                .as("after the clock").contains("final intent metrics: 1 keys missing");
    }

    @Test
    void aFinalWindowPublishedTwiceIsADuplicateEvenBeforeFinalsMustBeComplete() {
        OutputSnapshot.Builder expected = builder();
        expected.finalMetrics("1h|i1|*", metrics("1h", 3, true));
        OutputSnapshot.Builder actual = builder();
        actual.finalMetrics("1h|i1|*", metrics("1h", 3, true));
        actual.finalMetrics("1h|i1|*", metrics("1h", 3, true));

        assertThat(Differences.between(expected.snapshot(), actual.snapshot(), false).toString())
                .contains("final intent metrics: 1 keys with more records than expected");
    }

    @Test
    void theLatestLiveValueOfATumblingWindowCountsAndHoppingWindowsAreIgnored() {
        OutputSnapshot.Builder expected = builder();
        expected.liveMetrics("1h|i1|*", metrics("1h", 3, false));
        OutputSnapshot.Builder actual = builder();
        actual.liveMetrics("1h|i1|*", metrics("1h", 2, false));
        actual.liveMetrics("1h|i1|*", metrics("1h", 3, false));
        actual.liveMetrics("7d|i1|*", metrics("7d", 9, false));

        assertThat(Differences.between(expected.snapshot(), actual.snapshot(), true).isEmpty()).isTrue();
    }

    private static OutputSnapshot.Builder builder() {
        return new OutputSnapshot.Builder(Set.of("1h"));
    }

    private static ConversationSummary summary(String id, Outcome outcome) {
        return ConversationSummary.newBuilder().setConversationId(id).setStartedAt(T0).setLastTurnAt(T0)
                .setClosedAt(T0).setOutcome(outcome).setTurns(4).setTurnDepth(4).setCohort(cohort()).build();
    }

    private static IntentMetrics metrics(String window, long conversations, boolean isFinal) {
        return IntentMetrics.newBuilder().setIntentId("i1").setCohort(cohort()).setWindow(window).setWindowStart(T0)
                .setWindowEnd(T0.plusSeconds(3600)).setFinal$(isFinal).setConversations(conversations)
                .setCompleted(conversations).setAbandoned(0).setEscalated(0).setWithRepair(0).setWithNegative(0)
                .setCompletionRate(1).setAbandonmentRate(0).setEscalationRate(0).setRepairRate(0).setNegativeRate(0)
                .setTurnDepthMean(4).setTurnDepthP50(4).setTurnDepthP90(4).build();
    }

    private static Cohort cohort() {
        return Cohort.newBuilder().setPromptVersion("*").setHarnessVersion("*").setConfigVersion("*").setSegment("")
                .build();
    }
}
