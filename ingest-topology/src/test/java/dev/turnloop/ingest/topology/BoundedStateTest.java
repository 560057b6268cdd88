package dev.turnloop.ingest.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnloop.ingest.state.ConversationState;
import dev.turnloop.schemas.EnrichedTurn;
import dev.turnloop.schemas.Role;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One conversation cannot grow its state without bound: a gap that never fills stops holding turns once a state's
 * worth are waiting (they are released as after the reorder grace), and user attributes keep the first distinct keys.
 */
class BoundedStateTest {

    @Test
    void aGapThatNeverFillsStopsHoldingTurnsOnceAStatesWorthWait() {
        try (IngestHarness ingest = new IngestHarness()) {
            // Given turn 0, then turn 1 missing and a state's worth of later turns held for it
            ingest.send(IngestHarness.turn("c1", 0, Role.USER, "hello").build());
            int held = ConversationState.MAX_PENDING;
            for (int i = 2; i < 2 + held; i++) {
                ingest.send(IngestHarness.turn("c1", i, i % 2 == 0 ? Role.USER : Role.ASSISTANT, "turn " + i)
                        .build());
            }
            assertThat(ingest.enriched.readValuesToList()).as("only turn 0 so far").hasSize(1);

            // When one more turn comes
            ingest.send(IngestHarness.turn("c1", 2 + held, Role.USER, "one more").build());

            // Then the held turns are released in order, skipping the gap, and the new one follows in order
            List<EnrichedTurn> released = ingest.enriched.readValuesToList();
            assertThat(released).extracting(e -> e.getTurn().getTurnIndex())
                    .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(2, 2 + held).boxed().toList());
            assertThat(released.subList(0, held)).allSatisfy(e -> assertThat(e.getReordered()).isTrue());
            assertThat(released.get(held).getReordered()).isFalse();
        }
    }

    @Test
    void userAttributesKeepTheFirstDistinctKeysAndTheirLatestValues() {
        try (IngestHarness ingest = new IngestHarness()) {
            for (int turn = 0; turn < 3; turn++) {
                Map<String, String> attributes = new HashMap<>();
                attributes.put("plan", "plan-" + turn);
                for (int i = 0; i < ConversationState.MAX_USER_ATTRIBUTES - 1; i++) {
                    attributes.put("t" + turn + "-" + i, "v");
                }
                ingest.send(IngestHarness.turn("c1", turn, turn % 2 == 0 ? Role.USER : Role.ASSISTANT, "hi")
                        .setUserAttributes(attributes).build());
            }
            ingest.send(IngestHarness.turn("c1", 3, Role.ASSISTANT, "Bye.").setUserAttributes(Map.of())
                    .setEnd(dev.turnloop.schemas.EndMarker.newBuilder()
                            .setReason(dev.turnloop.schemas.EndReason.RESOLVED).build()).build());

            Map<String, String> kept = ingest.summariesOf("c1").get(0).getCohort().getUserAttributes();
            assertThat(kept).hasSize(ConversationState.MAX_USER_ATTRIBUTES).containsEntry("plan", "plan-2")
                    .doesNotContainKey("t1-0");
        }
    }
}
