package dev.turnloop.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricUpdateMatcherTest {

    @Test
    void anUpdateReleasesTheConversationsWaitingOnItsIntentOnlyWithTheirOwnLatencies() {
        // Given two conversations confirmed as intent A and one as intent B
        MetricUpdateMatcher matcher = new MetricUpdateMatcher();
        matcher.assigned("A", 1_000);
        matcher.assigned("A", 1_200);
        matcher.assigned("B", 1_100);

        // When an update of A arrives at 1,500
        long[] released = matcher.updated("A", 1_500);

        // Then both A conversations are timed from their own produce times, and B still waits
        assertThat(released).containsExactlyInAnyOrder(500, 300);
        assertThat(matcher.waiting()).isEqualTo(1);
    }

    @Test
    void aConversationIsTimedByTheFirstUpdateOfItsIntentNotByLaterOnes() {
        // Given a conversation of intent A released by an update
        MetricUpdateMatcher matcher = new MetricUpdateMatcher();
        matcher.assigned("A", 1_000);
        matcher.updated("A", 1_400);

        // When A updates again, then nothing more is released
        assertThat(matcher.updated("A", 9_000)).isEmpty();
        assertThat(matcher.waiting()).isZero();
    }

    @Test
    void anUpdateBeforeAnyAssignmentReleasesNothingAndTheNextUpdateTimesTheConversation() {
        // Given an update of A read before the assignment it counted
        MetricUpdateMatcher matcher = new MetricUpdateMatcher();
        assertThat(matcher.updated("A", 1_300)).isEmpty();
        matcher.assigned("A", 1_000);

        // When A updates next, then the conversation is timed by that update (an overstatement, never less)
        assertThat(matcher.updated("A", 2_000)).containsExactly(1_000);
        assertThat(matcher.updated("B", 2_000)).isEmpty();
    }
}
