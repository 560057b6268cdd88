package dev.turnloop.testkit;

import dev.turnloop.schemas.Role;
import dev.turnloop.schemas.TurnEvent;
import java.util.Map;

/** Small valid TurnEvents for tests. */
final class SampleTurns {

    private SampleTurns() {
    }

    static TurnEvent turn(String conversationId, int index, String text) {
        return TurnEvent.newBuilder()
                .setEventId(conversationId + "#" + index)
                .setConversationId(conversationId)
                .setTurnIndex(index)
                .setEventTime(java.time.Instant.parse("2026-11-01T10:00:00Z").plusSeconds(index * 10L))
                .setRole(index % 2 == 0 ? Role.USER : Role.ASSISTANT)
                .setText(text)
                .setUserAttributes(Map.of("plan", "trial"))
                .build();
    }
}
