package dev.turnloop.dashboard.view;

import static dev.turnloop.dashboard.Records.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.turnloop.dashboard.Records;
import dev.turnloop.schemas.AssignmentStage;
import dev.turnloop.schemas.Outcome;
import dev.turnloop.textkit.Redactor;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DashboardViewTest {

    private final DashboardView view = new DashboardView(DashboardView.Settings.defaults()
            .withSyntheticAgents(Set.of("sim (synthetic)")), Redactor.standard(),
            Clock.fixed(T0.plus(Duration.ofMinutes(5)), ZoneOffset.UTC));

    @Test
    void anIntentBelowThePrivacyGateShowsNoNameExamplesOrConversations() {
        // Given an intent that has not reached its distinct-user gate, with a confirmed conversation
        view.catalogEntry(Records.intent("i-rare", "cancel my account", false, 2));
        view.assignment(Records.confirmed("i-rare", Records.summary("c-1", Outcome.ABANDONED,
                "my ssn is secret please cancel", "agent", T0)));

        // When the dashboard reads it
        var detail = view.intent("i-rare").orElseThrow();

        // Then only counts are visible
        assertThat(detail.intent().label()).doesNotContain("cancel");
        assertThat(detail.intent().keyphrases()).isEmpty();
        assertThat(detail.examples()).isEmpty();
        assertThat(detail.conversations()).isEmpty();
        assertThat(detail.intent().conversations()).isEqualTo(2);
    }

    @Test
    void conversationTextAndEvidenceAreRedactedOnTheWayOut() {
        // Given a published intent whose conversation and backlog evidence hold an email and a card number
        view.catalogEntry(Records.intent("i-1", "export data", true, 10));
        view.assignment(Records.confirmed("i-1", Records.summary("c-1", Outcome.COMPLETED,
                "mail me at jane.doe@example.com", "agent", T0)));
        view.backlogItem(Records.item("item-1", 3.0, "my card is 4111 1111 1111 1111", null));

        // When the dashboard reads them
        String firstUserText = view.intent("i-1").orElseThrow().conversations().get(0).firstUserText();
        String excerpt = view.backlog().get(0).evidence().get(0).excerpt();

        // Then the secrets are replaced by placeholders
        assertThat(firstUserText).doesNotContain("jane.doe@example.com").contains(Redactor.EMAIL);
        assertThat(excerpt).doesNotContain("4111 1111 1111 1111").contains(Redactor.CARD);
    }

    @Test
    void earlyAssignmentsAreNotCountedSoAConversationCountsOnce() {
        // Given one conversation assigned early and then confirmed
        view.catalogEntry(Records.intent("i-1", "export data", true, 0));
        var confirmed = Records.confirmed("i-1", Records.summary("c-1", Outcome.COMPLETED, "hi", "agent", T0));
        var early = dev.turnloop.schemas.IntentAssignment.newBuilder(confirmed).setStage(AssignmentStage.EARLY)
                .setSummary(null).build();
        view.assignment(early);
        view.assignment(confirmed);

        // Then its intent shows one conversation and one completed outcome
        var row = view.intents().get(0);
        assertThat(row.conversations()).isEqualTo(1);
        assertThat(row.outcomes()).containsExactlyEntriesOf(java.util.Map.of("COMPLETED", 1L));
    }

    @Test
    void volumeTrendHasOneBucketPerMinuteWithGapsAsZeroUpToNow() {
        // Given conversations at minute 0 (two) and minute 2 (one), and the clock at minute 5
        view.catalogEntry(Records.intent("i-1", "export data", true, 3));
        view.assignment(Records.confirmed("i-1", Records.summary("a", Outcome.COMPLETED, "x", "agent", T0)));
        view.assignment(Records.confirmed("i-1", Records.summary("b", Outcome.COMPLETED, "x", "agent",
                T0.plusSeconds(30))));
        view.assignment(Records.confirmed("i-1", Records.summary("c", Outcome.COMPLETED, "x", "agent",
                T0.plusSeconds(150))));

        // When the trend is read
        var volume = view.intents().get(0).volume();

        // Then minutes 0..5 are present, counting 2, 0, 1, 0, 0, 0
        assertThat(volume).extracting(point -> point[1]).containsExactly(2L, 0L, 1L, 0L, 0L, 0L);
        assertThat(volume.get(0)[0]).isEqualTo(T0.toEpochMilli());
    }

    @Test
    void backlogIsRankedByScoreAndOnlyItemsWithAPullRequestExposeABranch() {
        // Given a low-score item with a PR and a high-score item without
        view.backlogItem(Records.item("low", 1.0, "x", "turnloop/fix-1"));
        view.backlogItem(Records.item("high", 9.0, "x", null));

        // Then the high score ranks first, and only the PR item has a branch to diff
        assertThat(view.backlog()).extracting(Rows.BacklogRow::itemId, Rows.BacklogRow::rank)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("high", 1),
                        org.assertj.core.groups.Tuple.tuple("low", 2));
        assertThat(view.pullRequestBranch("low")).contains("turnloop/fix-1");
        assertThat(view.pullRequestBranch("high")).isEmpty();
        assertThat(view.pullRequestBranch("missing")).isEmpty();
    }

    @Test
    void recentConversationsPerIntentAreBounded() {
        // Given more confirmed conversations than the view keeps
        view.catalogEntry(Records.intent("i-1", "export data", true, 5));
        int keep = DashboardView.Settings.defaults().recentConversationsPerIntent();
        for (int i = 0; i < keep + 15; i++) {
            view.assignment(Records.confirmed("i-1", Records.summary("c-" + i, Outcome.COMPLETED, "x", "agent",
                    T0.plusSeconds(i))));
        }

        // Then only the newest are kept, newest first, while the count covers all
        var detail = view.intent("i-1").orElseThrow();
        assertThat(detail.conversations()).hasSize(keep);
        assertThat(detail.conversations().get(0).conversationId()).isEqualTo("c-" + (keep + 14));
        assertThat(detail.intent().conversations()).isEqualTo(keep + 15);
    }

    @Test
    void busiestIntentOfAnAgentCountsOnlyThatAgentsConversations() {
        // Given intent A busy with people and intent B busier with the synthetic agent
        view.catalogEntry(Records.intent("A", "a", true, 5));
        view.catalogEntry(Records.intent("B", "b", true, 5));
        for (int i = 0; i < 5; i++) {
            view.assignment(Records.confirmed("A", Records.summary("h" + i, Outcome.COMPLETED, "x", "people", T0)));
        }
        for (int i = 0; i < 2; i++) {
            view.assignment(Records.confirmed("B", Records.summary("s" + i, Outcome.COMPLETED, "x",
                    "sim (synthetic)", T0)));
        }

        assertThat(view.busiestIntentOf("sim (synthetic)")).contains("B");
        assertThat(view.busiestIntentOf("nobody")).isEmpty();
        assertThat(view.overview().syntheticAgents()).containsExactly("sim (synthetic)");
    }

    @Test
    void pullRequestsStayCountedAfterTheirItemsClose() {
        // Given an item with an open pull request, one kept and then closed, and one reverted and then closed
        view.backlogItem(Records.item("open-pr", 3.0, "x", "turnloop/a"));
        view.backlogItem(dev.turnloop.schemas.BacklogItem.newBuilder(Records.item("kept", 2.0, "x", "turnloop/b"))
                .setStatus(dev.turnloop.schemas.BacklogStatus.CLOSED).setMergedAt(T0).build());
        view.backlogItem(dev.turnloop.schemas.BacklogItem.newBuilder(Records.item("reverted", 1.0, "x", "turnloop/c"))
                .setStatus(dev.turnloop.schemas.BacklogStatus.CLOSED).setMergedAt(T0).setRevertedAt(T0).build());
        view.backlogItem(Records.item("no-pr", 1.0, "x", null));

        // Then opened, merged and reverted count what happened, whatever the items' status now
        assertThat(view.overview().prsOpened()).isEqualTo(3);
        assertThat(view.overview().prsMerged()).isEqualTo(2);
        assertThat(view.overview().prsReverted()).isEqualTo(1);
    }
}
