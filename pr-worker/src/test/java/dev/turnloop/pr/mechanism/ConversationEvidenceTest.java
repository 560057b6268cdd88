package dev.turnloop.pr.mechanism;

import static dev.turnloop.pr.TestBreaches.evidence;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConversationEvidenceTest {

    @Test
    void theSignalTrailIsParsedIntoCountsAndTurns() {
        ConversationEvidence c = ConversationEvidence.of(evidence("c1", "x", "inactivity_after_dead_end",
                "repair:explicit_phrase@3", "repair@5", "tool_error:search@2", "tool_error:search@4",
                "tool_error:lookup_order@4", "human_requested@6", "handoff_offered@7", "dead_end@5", "negative@2",
                "resolved:agent_answer@8", "garbage", "tool_error:has space@1"));

        assertThat(c.repairTurns()).containsExactly(3, 5);
        assertThat(c.toolErrors()).isEqualTo(Map.of("search", 2, "lookup_order", 1));
        assertThat(c.humanRequestTurns()).containsExactly(6);
        assertThat(c.handoffOffers()).isEqualTo(1);
        assertThat(c.deadEnds()).isEqualTo(1);
        assertThat(c.abandoned()).isTrue();
        assertThat(c.deadEnd()).isTrue();
        assertThat(c.humanAfterRepair()).isTrue();
    }

    @Test
    void outcomesSayWhetherTheUserLeft() {
        assertThat(ConversationEvidence.of(evidence("a", "", "ABANDONED")).abandoned()).isTrue();
        assertThat(ConversationEvidence.of(evidence("b", "", "end_marker:USER_LEFT")).abandoned()).isTrue();
        assertThat(ConversationEvidence.of(evidence("c", "", "resolved:agent_answer")).abandoned()).isFalse();
        assertThat(ConversationEvidence.of(evidence("d", "", "inactivity_after_dead_end")).deadEnd()).isTrue();
    }

    @Test
    void aConversationCountsOnceAcrossRecords() {
        assertThat(ConversationEvidence.ofAll(List.of(evidence("a", "1", ""), evidence("a", "2", ""),
                evidence("b", "3", "")))).extracting(ConversationEvidence::excerpt).containsExactly("1", "3");
    }
}
