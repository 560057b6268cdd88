package dev.turnloop.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnloop.schemas.EndReason;
import dev.turnloop.schemas.TurnEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyntheticTurnsTest {

    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    private static Map<String, List<TurnEvent>> byConversation(SyntheticTurns turns, int count) {
        Map<String, List<TurnEvent>> conversations = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            TurnEvent turn = turns.next();
            conversations.computeIfAbsent(turn.getConversationId(), id -> new ArrayList<>()).add(turn);
        }
        return conversations;
    }

    @Test
    void everyConversationThatEndsCarriesOneEndMarkerOnItsLastTurnAndOnlyThoseInFlightStayOpen() {
        // Given a load with 50 conversations in flight
        SyntheticTurns turns = new SyntheticTurns(3, 50, START);

        // When 20,000 turns are drawn
        Map<String, List<TurnEvent>> conversations = byConversation(turns, 20_000);

        // Then each conversation's turns are numbered 0..n-1, a marker sits only on the last one, and at most the
        // 50 conversations still in flight have none
        long ended = 0;
        for (List<TurnEvent> conversation : conversations.values()) {
            for (int i = 0; i < conversation.size(); i++) {
                assertThat(conversation.get(i).getTurnIndex()).isEqualTo(i);
                if (i < conversation.size() - 1) {
                    assertThat(conversation.get(i).getEnd()).as("a marker before the last turn").isNull();
                }
            }
            TurnEvent last = conversation.get(conversation.size() - 1);
            if (last.getEnd() != null) {
                ended++;
                assertThat(conversation).hasSizeBetween(4, 14);
            }
        }
        assertThat(ended).isEqualTo(turns.conversationsEnded());
        assertThat(conversations.size() - ended).isLessThanOrEqualTo(50);
        assertThat(turns.conversationsStarted()).isEqualTo(conversations.size());
        assertThat(turns.turnsProduced()).isEqualTo(20_000);
    }

    @Test
    void mostConversationsAreResolvedAndSomeAreLeftOrHandedOff() {
        // Given the default load
        SyntheticTurns turns = new SyntheticTurns(5, 100, START);

        // When many conversations end
        Map<EndReason, Integer> reasons = new EnumMap<>(EndReason.class);
        for (int i = 0; i < 50_000; i++) {
            TurnEvent turn = turns.next();
            if (turn.getEnd() != null) {
                reasons.merge(turn.getEnd().getReason(), 1, Integer::sum);
            }
        }

        // Then RESOLVED dominates, USER_LEFT and HANDED_OFF occur, nothing else does
        int total = reasons.values().stream().mapToInt(Integer::intValue).sum();
        assertThat(reasons).containsOnlyKeys(EndReason.RESOLVED, EndReason.USER_LEFT, EndReason.HANDED_OFF);
        assertThat(reasons.get(EndReason.RESOLVED)).isGreaterThan(total / 2);
    }

    @Test
    void conversationsLeftOpenNeverEndAndEventTimesAdvanceByTheGivenStep() {
        // Given a load that leaves its conversations open, one turn per 2 ms of event time
        SyntheticTurns turns = SyntheticTurns.leavingConversationsOpen(3, 50, START, Duration.ofMillis(2));

        // When turns are drawn
        List<TurnEvent> drawn = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            drawn.add(turns.next());
        }

        // Then no turn carries a marker, yet conversations move on, and turn i happens at START + 2i ms
        assertThat(drawn).allMatch(turn -> turn.getEnd() == null);
        assertThat(turns.conversationsEnded()).isZero();
        assertThat(turns.conversationsStarted()).isGreaterThan(300);
        assertThat(drawn.get(0).getEventTime()).isEqualTo(START);
        assertThat(drawn.get(4_999).getEventTime()).isEqualTo(START.plusMillis(2 * 4_999));
    }

    @Test
    void theSameSeedGivesTheSameTurns() {
        // Given two loads with one seed
        SyntheticTurns first = new SyntheticTurns(42, 20, START);
        SyntheticTurns second = new SyntheticTurns(42, 20, START);

        // When each draws turns, then they are equal turn by turn
        for (int i = 0; i < 1_000; i++) {
            assertThat(second.next()).isEqualTo(first.next());
        }
    }
}
