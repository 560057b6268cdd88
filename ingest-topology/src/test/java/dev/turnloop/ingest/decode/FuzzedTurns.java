package dev.turnloop.ingest.decode;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import dev.turnloop.schemas.EndMarker;
import dev.turnloop.schemas.EndReason;
import dev.turnloop.schemas.Feedback;
import dev.turnloop.schemas.Role;
import dev.turnloop.schemas.Thumbs;
import dev.turnloop.schemas.ToolCall;
import dev.turnloop.schemas.ToolStatus;
import dev.turnloop.schemas.TurnEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds turns and limits from fuzzer bytes. Strings are a short fuzzed piece repeated a fuzzed number of times, so a
 * few bytes of input reach the size limits (256-char ids, 32 KiB texts) and the fuzzer can probe both sides of them.
 */
final class FuzzedTurns {

    private FuzzedTurns() {
    }

    static TurnEvent turn(FuzzedDataProvider data) {
        return TurnEvent.newBuilder()
                .setEventId(string(data, 300))
                .setTenant(string(data, 300))
                .setProject(string(data, 300))
                .setConversationId(string(data, 300))
                .setTurnIndex(data.consumeInt())
                .setEventTime(Instant.ofEpochMilli(data.consumeLong()))
                .setRole(data.pickValue(Role.values()))
                .setText(string(data, 40_000))
                .setUserId(data.consumeBoolean() ? null : string(data, 300))
                .setUserAttributes(attributes(data))
                .setToolCalls(toolCalls(data))
                .setFeedback(data.consumeBoolean() ? null : new Feedback(data.consumeBoolean() ? null : data.pickValue(Thumbs.values()),
                        data.consumeBoolean() ? null : data.consumeInt(), null))
                .setEnd(data.consumeBoolean() ? null : new EndMarker(data.pickValue(EndReason.values())))
                .build();
    }

    /** The default limits, or small ones so that every bound is within reach of short inputs. */
    static ValidationLimits limits(FuzzedDataProvider data) {
        if (data.consumeBoolean()) {
            return ValidationLimits.defaults();
        }
        return new ValidationLimits(Duration.ofMillis(data.consumeLong(0, Duration.ofDays(3650).toMillis())),
                Instant.ofEpochMilli(data.consumeLong()), data.consumeInt(0, 20), data.consumeInt(0, 64),
                data.consumeInt(1, 16), data.consumeInt(0, 4), data.consumeInt(1, 16), data.consumeInt(0, 4),
                data.consumeInt(1, 16));
    }

    /** A string of up to about maxChars chars. */
    static String string(FuzzedDataProvider data, int maxChars) {
        String piece = data.consumeString(16);
        return piece.isEmpty() ? piece : piece.repeat(data.consumeInt(0, maxChars / piece.length()));
    }

    private static Map<String, String> attributes(FuzzedDataProvider data) {
        Map<String, String> attributes = new HashMap<>();
        int count = data.consumeInt(0, 70);
        for (int i = 0; i < count; i++) {
            attributes.put(string(data, 300), string(data, 300));
        }
        return attributes;
    }

    private static List<ToolCall> toolCalls(FuzzedDataProvider data) {
        List<ToolCall> calls = new ArrayList<>();
        int count = data.consumeInt(0, 130);
        for (int i = 0; i < count; i++) {
            calls.add(new ToolCall(string(data, 1100), data.pickValue(ToolStatus.values()), data.consumeLong(),
                    data.consumeBoolean() ? null : string(data, 1100)));
        }
        return calls;
    }
}
