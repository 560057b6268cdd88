package dev.turnloop.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnloop.ingest.IngestSettings;
import org.junit.jupiter.api.Test;

class OpenConversationGrowthTest {

    @Test
    void aLargeOpenLoadSpansLessThanTheInactivityGapSoNoConversationCloses() {
        // Given the ingest app's inactivity gap and a load of a million turns
        long turns = 1_000_000;

        // When the event-time step is chosen, then the whole load spans at most half the gap
        assertThat(OpenConversationGrowth.stepWithinInactivityGap(turns).multipliedBy(turns))
                .isLessThanOrEqualTo(IngestSettings.defaults().inactivityGap().dividedBy(2));
    }

    @Test
    void aSmallLoadKeepsTheUsualStep() {
        assertThat(OpenConversationGrowth.stepWithinInactivityGap(1_000)).isEqualTo(SyntheticTurns.DEFAULT_STEP);
    }
}
