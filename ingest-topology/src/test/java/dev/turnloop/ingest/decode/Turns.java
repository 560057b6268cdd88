package dev.turnloop.ingest.decode;

import dev.turnloop.schemas.Role;
import dev.turnloop.schemas.ToolCall;
import dev.turnloop.schemas.ToolStatus;
import dev.turnloop.schemas.TurnEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A valid turn to start tests from; each test changes the one field it is about. */
final class Turns {

    static final Instant EVENT_TIME = Instant.parse("2026-01-05T10:15:30Z");

    private Turns() {
    }

    static TurnEvent.Builder valid() {
        return TurnEvent.newBuilder()
                .setEventId("evt-1")
                .setTenant("acme")
                .setProject("support")
                .setConversationId("conv-1")
                .setTurnIndex(3)
                .setEventTime(EVENT_TIME)
                .setRole(Role.ASSISTANT)
                .setText("Your order ships tomorrow.")
                .setAgentName("support-bot")
                .setAgentVersion("1.4.0")
                .setPromptVersion("p14")
                .setHarnessVersion("h3")
                .setConfigVersion("c7")
                .setUserId("u-42")
                .setUserAttributes(Map.of("plan", "trial"))
                .setToolCalls(new ArrayList<>(List.of(ToolCall.newBuilder().setName("lookup_order").setStatus(ToolStatus.OK)
                        .setLatencyMs(120).setError(null).build())))
                .setFeedback(null)
                .setEnd(null)
                .setOperation("chat");
    }
}
