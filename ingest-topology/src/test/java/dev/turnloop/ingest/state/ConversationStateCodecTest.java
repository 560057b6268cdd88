package dev.turnloop.ingest.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every field survives encoding, whatever its characters, and the lifecycle header reads without decoding. */
class ConversationStateCodecTest {

    @Test
    void asciiStatesRoundTrip() {
        ConversationState state = ConversationStates.everyFieldSet("plain ascii");

        assertThat(ConversationStateCodec.decode(ConversationStateCodec.encode(state)))
                .usingRecursiveComparison().isEqualTo(state);
    }

    @Test
    void statesWithAnyCharactersRoundTrip() {
        for (String text : List.of("caf\u00e9", "20 \u20ac", "emoji \uD83D\uDE00", "nul \u0000 inside", "")) {
            ConversationState state = ConversationStates.everyFieldSet(text);

            assertThat(ConversationStateCodec.decode(ConversationStateCodec.encode(state)))
                    .as("state with %s", text).usingRecursiveComparison().isEqualTo(state);
        }
    }

    @Test
    void encodingNeverFailsOnStringsTheFormatCannotHold() {
        // Given strings longer than a 2-byte length can describe, a null, and more attributes than a state keeps
        ConversationState state = ConversationStates.everyFieldSet("limits");
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
        ConversationState state = ConversationStates.everyFieldSet("big");
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
        ConversationState state = ConversationStates.everyFieldSet("x");

        ConversationStateCodec.Header header = ConversationStateCodec.header(ConversationStateCodec.encode(state));

        assertThat(header).isEqualTo(new ConversationStateCodec.Header(true, state.lastEventTime, state.closedAt, true));
    }
}
