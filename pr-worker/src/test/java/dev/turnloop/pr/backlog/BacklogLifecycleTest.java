package dev.turnloop.pr.backlog;

import static dev.turnloop.pr.backlog.BacklogLifecycle.next;
import static org.assertj.core.api.Assertions.assertThat;

import dev.turnloop.schemas.BacklogStatus;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BacklogLifecycleTest {

    @Test
    void theHappyPathRunsOpenPrOpenedMergedKept() {
        assertThat(next(BacklogStatus.OPEN, LifecycleEvent.PULL_REQUEST_OPENED, false)).contains(BacklogStatus.PR_OPENED);
        assertThat(next(BacklogStatus.PR_OPENED, LifecycleEvent.PULL_REQUEST_MERGED, true)).contains(BacklogStatus.MERGED);
        assertThat(next(BacklogStatus.MERGED, LifecycleEvent.VERDICT_KEEP, true)).contains(BacklogStatus.KEPT);
        assertThat(next(BacklogStatus.KEPT, LifecycleEvent.BREACHES_RESOLVED, true)).contains(BacklogStatus.CLOSED);
    }

    @Test
    void aRevertVerdictRevertsAndTheRevertDecisionCloses() {
        assertThat(next(BacklogStatus.MERGED, LifecycleEvent.VERDICT_REVERT, true)).contains(BacklogStatus.REVERTED);
        assertThat(next(BacklogStatus.KEPT, LifecycleEvent.VERDICT_REVERT, true))
                .as("a later verdict may still find harm").contains(BacklogStatus.REVERTED);
        assertThat(next(BacklogStatus.REVERTED, LifecycleEvent.REVERT_DECIDED, true)).contains(BacklogStatus.CLOSED);
    }

    @Test
    void aPullRequestClosedWithoutMergingClosesTheItem() {
        assertThat(next(BacklogStatus.PR_OPENED, LifecycleEvent.PULL_REQUEST_CLOSED, true))
                .contains(BacklogStatus.CLOSED);
    }

    @Test
    void aClosedItemReopensOnANewBreachOnlyIfItNeverHadAPullRequest() {
        assertThat(next(BacklogStatus.OPEN, LifecycleEvent.BREACHES_RESOLVED, false)).contains(BacklogStatus.CLOSED);
        assertThat(next(BacklogStatus.CLOSED, LifecycleEvent.BREACH_OPENED, false)).contains(BacklogStatus.OPEN);
        assertThat(next(BacklogStatus.CLOSED, LifecycleEvent.BREACH_OPENED, true)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = BacklogStatus.class, names = {"PR_OPENED", "MERGED", "KEPT", "REVERTED", "CLOSED"})
    void noStatusButOpenOpensASecondPullRequest(BacklogStatus status) {
        assertThat(next(status, LifecycleEvent.PULL_REQUEST_OPENED, true)).isEmpty();
    }

    @Test
    void lateOrRepeatedEventsChangeNothing() {
        assertThat(next(BacklogStatus.KEPT, LifecycleEvent.VERDICT_KEEP, true)).as("repeated KEEP").isEmpty();
        assertThat(next(BacklogStatus.REVERTED, LifecycleEvent.VERDICT_REVERT, true)).as("repeated REVERT").isEmpty();
        assertThat(next(BacklogStatus.OPEN, LifecycleEvent.VERDICT_KEEP, false)).as("verdict before merge").isEmpty();
        assertThat(next(BacklogStatus.MERGED, LifecycleEvent.PULL_REQUEST_MERGED, true)).isEmpty();
        assertThat(next(BacklogStatus.PR_OPENED, LifecycleEvent.BREACHES_RESOLVED, true))
                .as("a pull request under review stays open").isEqualTo(Optional.empty());
    }
}
