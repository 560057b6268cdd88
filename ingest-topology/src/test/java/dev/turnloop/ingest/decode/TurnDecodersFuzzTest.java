package dev.turnloop.ingest.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.turnloop.schemas.TurnEvent;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzz tests (Jazzer) of everything that reads untrusted input: the three decoders and validation.
 * Property: for any bytes a decoder returns turns or reasoned failures (see {@link DecodeInvariants}); for any turn
 * the validator accepts exactly what {@link ValidationLimits} documents (see {@link LimitsOracle}).
 *
 * <p>Under plain {@code mvn verify} each method runs once per file of its committed corpus in
 * {@code src/test/resources/dev/turnloop/ingest/decode/TurnDecodersFuzzTestInputs/<method>/} (valid examples, known
 * tricky inputs and past findings). To fuzz one target for its {@code maxDuration}, which adds any failing input to
 * that directory and its growing corpus to {@code ingest-topology/.cifuzz-corpus/} (not for committing):
 * <pre>
 * JAZZER_FUZZ=1 JAZZER_INSTRUMENT='dev.turnloop.**,org.apache.avro.**,com.fasterxml.jackson.**' \
 *   mvn -o -pl ingest-topology test -Dtest='TurnDecodersFuzzTest#&lt;method&gt;'
 * </pre>
 */
class TurnDecodersFuzzTest {

    /** Per input; under JAZZER_FUZZ Jazzer passes it to libFuzzer as -timeout, which catches a real hang. */
    private static final int PER_INPUT_SECONDS = 10;
    private static final AvroTurnDecoder AVRO = new AvroTurnDecoder(FuzzRegistry::schemaById);
    private static final JsonTurnDecoder JSON = new JsonTurnDecoder();
    private static final OtlpSpanDecoder OTLP = new OtlpSpanDecoder();

    @FuzzTest(maxDuration = "5m")
    @Timeout(PER_INPUT_SECONDS)
    void avroDecoderReturnsOneTurnOrOneReasonedFailure(byte[] input) {
        DecodeInvariants.isOneTurnOrOneFailure(DecodeInvariants.decodeChecked(AVRO, input));
    }

    @FuzzTest(maxDuration = "5m")
    @Timeout(PER_INPUT_SECONDS)
    @DictionaryEntries({"\"event_id\"", "\"tenant\"", "\"project\"", "\"conversation_id\"", "\"turn_index\"",
            "\"event_time\"", "\"role\"", "\"text\"", "\"user_id\"", "\"user_attributes\"", "\"tool_calls\"",
            "\"name\"", "\"status\"", "\"latency_ms\"", "\"error\"", "\"feedback\"", "\"thumbs\"", "\"rating\"",
            "\"end\"", "\"reason\"", "\"operation\"", "\"user\"", "\"assistant\"", "\"human-agent\"", "\"timeout\"",
            "\"2026-01-05T10:15:30Z\"", "\"2026-01-05T11:15:30+01:00\"", "1767607000000", "null", "true", "-1"})
    void jsonDecoderReturnsOneTurnOrOneReasonedFailure(byte[] input) {
        DecodeInvariants.isOneTurnOrOneFailure(DecodeInvariants.decodeChecked(JSON, input));
    }

    @FuzzTest(maxDuration = "5m")
    @Timeout(PER_INPUT_SECONDS)
    @DictionaryEntries({"\"resourceSpans\"", "\"scopeSpans\"", "\"spans\"", "\"resource\"", "\"attributes\"",
            "\"traceId\"", "\"spanId\"", "\"startTimeUnixNano\"", "\"endTimeUnixNano\"", "\"status\"", "\"code\"",
            "\"events\"", "\"key\"", "\"value\"", "\"stringValue\"", "\"intValue\"", "\"boolValue\"",
            "\"arrayValue\"", "\"kvlistValue\"", "\"values\"", "\"gen_ai.operation.name\"", "\"gen_ai.conversation.id\"",
            "\"gen_ai.input.messages\"", "\"gen_ai.output.messages\"", "\"gen_ai.tool.name\"", "\"gen_ai.system\"",
            "\"gen_ai.user.message\"", "\"gen_ai.choice\"", "\"gen_ai.event.content\"", "\"gen_ai.content.prompt\"",
            "\"gen_ai.prompt\"", "\"gen_ai.prompt.0.role\"", "\"gen_ai.prompt.0.content\"",
            "\"gen_ai.completion.0.content\"", "\"turnloop.turn.index\"", "\"turnloop.end.reason\"",
            "\"turnloop.user.plan\"", "\"error.type\"", "\"chat\"", "\"execute_tool\"", "\"invoke_agent\"", "\"role\"",
            "\"parts\"", "\"type\"", "\"content\"", "\"user\"", "\"assistant\"", "\"tool\"",
            "\"1767261600000000000\""})
    void otlpDecoderReturnsTurnsAndReasonedFailures(byte[] input) {
        DecodeResult result = DecodeInvariants.decodeChecked(OTLP, input);
        // at most one failure per span (a span takes at least 3 bytes: "{},"), or one for a record that is no request
        assertThat(result.failures().size()).isLessThanOrEqualTo(Math.max(1, input.length / 3));
    }

    @FuzzTest(maxDuration = "5m")
    @Timeout(PER_INPUT_SECONDS)
    void validatorAcceptsExactlyTheTurnsWithinTheDocumentedLimits(FuzzedDataProvider data) {
        ValidationLimits limits = FuzzedTurns.limits(data);
        Instant now = Instant.ofEpochMilli(data.consumeLong());
        TurnEvent turn = FuzzedTurns.turn(data);

        Optional<DecodeFailure> verdict = new TurnValidator(limits).validate(turn, now);

        LimitsOracle.Verdict expected = LimitsOracle.judge(turn, now, limits);
        if (verdict.isEmpty()) {
            assertThat(expected.broken()).as("rules the accepted turn breaks").isEmpty();
        } else {
            assertThat(verdict.get().reason()).as("reason given for a rejected turn, with detail %s", verdict.get().detail())
                    .isIn(union(expected));
        }
    }

    private static Set<DeadLetterReason> union(LimitsOracle.Verdict verdict) {
        Set<DeadLetterReason> union = EnumSet.noneOf(DeadLetterReason.class);
        union.addAll(verdict.broken());
        union.addAll(verdict.ambiguous());
        return union;
    }
}
