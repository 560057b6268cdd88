package dev.turnloop.ingest.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnloop.schemas.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every field survives encoding, whatever its characters, and the lifecycle header reads without decoding. */
class ConversationStateCodecTest {

    private static ConversationState populated(String text) {
        ConversationState s = new ConversationState();
        s.closed = true;
        s.lastEventTime = 1_700_000_000_123L;
        s.closedAt = 1_700_000_900_000L;
        s.conversationId = "conv-" + text;
        s.tenant = "acme";
        s.project = "support";
        s.userId = "user " + text;
        s.agentName = "bot";
        s.agentVersion = "2.1";
        s.promptVersion = "p-7";
        s.harnessVersion = "h-3";
        s.configVersion = "c-9";
        s.userAttributes.put("plan", text);
        s.userAttributes.put("user_type", "new");
        s.startedAt = 1_699_999_999_000L;
        s.nextIndex = 9;
        s.skip(3, 5);
        s.rememberEventId(42L);
        s.rememberEventId(-7L);
        s.pending.add(new PendingTurn(11, 1_700_000_000_500L, "json", new byte[] {1, 2, 3}));
        s.turns = 8;
        s.userTurns = 4;
        s.repairTurns = 1;
        s.negativeTurns = 2;
        s.escalationTurns = 1;
        s.deadEndTurns = 1;
        s.toolErrors = 3;
        s.lateTurns = 1;
        s.sentimentSum = -0.75;
        s.minSentiment = -0.6f;
        s.resolvedAtDepth = 6;
        s.resolutionReason = "agent_confirmed_success";
        s.escalatedAtDepth = ConversationState.NOT_YET;
        s.escalationReason = "";
        s.humanRequested = true;
        s.lastAgentOfferedMoreHelp = true;
        s.userConfirmedAction = true;
        s.firstUserText = "my card " + text + " never arrived";
        s.signalTrail.addAll(List.of("repair:explicit_phrase@2", "negative@" + text));
        s.rememberUserFingerprint(new byte[] {9, 8, 7});
        s.outcome = Outcome.COMPLETED;
        s.outcomeReason = "end_marker:RESOLVED";
        s.summaryRevision = 2;
        return s;
    }

    @Test
    void asciiStatesRoundTrip() {
        ConversationState state = populated("plain ascii");

        assertThat(ConversationStateCodec.decode(ConversationStateCodec.encode(state)))
                .usingRecursiveComparison().isEqualTo(state);
    }

    @Test
    void statesWithAnyCharactersRoundTrip() {
        for (String text : List.of("caf\u00e9", "20 \u20ac", "emoji \uD83D\uDE00", "nul \u0000 inside", "")) {
            ConversationState state = populated(text);

            assertThat(ConversationStateCodec.decode(ConversationStateCodec.encode(state)))
                    .as("state with %s", text).usingRecursiveComparison().isEqualTo(state);
        }
    }

    @Test
    void encodingNeverFailsOnStringsTheFormatCannotHold() {
        // Given strings longer than a 2-byte length can describe, a null, and more attributes than a state keeps
        ConversationState state = populated("limits");
        state.firstUserText = "\u00e9".repeat(40_000); // 80,000 bytes of modified UTF-8
        state.escalationReason = "a".repeat(70_000);
        state.outcomeReason = "\uD83D\uDE00".repeat(20_000); // 120,000 bytes; must not cut a pair in half
        state.resolutionReason = null;
        for (int i = 0; i < ConversationState.MAX_USER_ATTRIBUTES + 10; i++) {
            state.userAttributes.put("k" + i, "v");
        }

        // When it is encoded and decoded
        ConversationState decoded = ConversationStateCodec.decode(ConversationStateCodec.encode(state));

        // Then each string is its longest prefix that fits, the null is empty and the first attributes are kept
        assertThat(decoded.firstUserText).hasSize(32_767).isEqualTo(state.firstUserText.substring(0, 32_767));
        assertThat(decoded.escalationReason).hasSize(65_535);
        assertThat(decoded.outcomeReason).hasSize(21_844)
                .isEqualTo(state.outcomeReason.substring(0, 21_844));
        assertThat(decoded.resolutionReason).isEmpty();
        assertThat(decoded.userAttributes).hasSize(ConversationState.MAX_USER_ATTRIBUTES).containsKey("k0")
                .doesNotContainKey("k" + ConversationState.MAX_USER_ATTRIBUTES);
    }

    @Test
    void largeStatesGrowTheBufferAndRoundTrip() {
        ConversationState state = populated("big");
        byte[] heldTurn = new byte[50_000];
        java.util.Arrays.fill(heldTurn, (byte) 7);
        state.pending.add(new PendingTurn(12, 1L, "avro", heldTurn));
        state.firstUserText = "x".repeat(20_000);

        byte[] encoded = ConversationStateCodec.encode(state);

        assertThat(encoded.length).isGreaterThan(70_000);
        assertThat(ConversationStateCodec.decode(encoded)).usingRecursiveComparison().isEqualTo(state);
    }

    @Test
    void headerReadsTheLifecycleWithoutDecoding() {
        ConversationState state = populated("x");

        ConversationStateCodec.Header header = ConversationStateCodec.header(ConversationStateCodec.encode(state));

        assertThat(header).isEqualTo(new ConversationStateCodec.Header(true, state.lastEventTime, state.closedAt, true));
    }
}
