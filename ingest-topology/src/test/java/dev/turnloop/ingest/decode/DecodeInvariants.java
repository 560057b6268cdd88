package dev.turnloop.ingest.decode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnloop.schemas.TurnEvent;
import dev.turnloop.schemas.serde.SingleObjectSerde;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.IndexedRecord;

/**
 * What every decoder promises for any input bytes, checked on each fuzz input: it returns (never throws; hangs are
 * for the fuzz tests' {@code @Timeout}), its allocations stay proportionate to the input (a length field claiming
 * 2 GB must not be believed), every failure has a reason and a detail, validation of the result neither throws nor
 * loses a turn, and every turn that passes validation survives the Avro encoding the topology repartitions it with.
 */
final class DecodeInvariants {

    /** A decode of a few bytes allocates kilobytes; absurd means believing a length field, hundreds of MB. */
    private static final long ALLOCATION_ALLOWANCE_BYTES = 16L << 20;
    /** Jackson trees and Avro objects take tens of bytes per input byte; a thousand leaves room for any honest one. */
    private static final long ALLOCATION_PER_INPUT_BYTE = 1_000;
    /** The reference time validation judges event times against. */
    static final Instant NOW = Instant.parse("2026-01-05T10:20:00Z");

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final SingleObjectSerde<TurnEvent> REPARTITION_CODEC = new SingleObjectSerde<>(TurnEvent.class);
    private static final TurnValidator VALIDATOR = new TurnValidator(ValidationLimits.defaults());

    private DecodeInvariants() {
    }

    /** Decodes the input and checks every invariant; returns the result for target-specific checks. */
    static DecodeResult decodeChecked(TurnDecoder decoder, byte[] input) {
        DecodeResult result = decoder.decode(input);
        // measured on a second decode of the same bytes: the first one may load and instrument classes
        long thread = Thread.currentThread().getId();
        long allocatedBefore = THREADS.getThreadAllocatedBytes(thread);
        decoder.decode(input);
        long allocated = THREADS.getThreadAllocatedBytes(thread) - allocatedBefore;

        int length = input == null ? 0 : input.length;
        assertThat(allocated).as("bytes allocated to decode %d input bytes", length)
                .isLessThanOrEqualTo(ALLOCATION_ALLOWANCE_BYTES + ALLOCATION_PER_INPUT_BYTE * length);
        assertThat(result).isNotNull();
        assertThat(result.failures()).allSatisfy(failure -> assertThat(failure.detail()).isNotBlank());

        DecodeResult validated = VALIDATOR.validateAll(result, NOW);
        int rejected = validated.failures().size() - result.failures().size();
        assertThat(validated.turns().size() + rejected).as("turns kept plus turns rejected by validation")
                .isEqualTo(result.turns().size());
        validated.turns().forEach(DecodeInvariants::survivesRepartitionEncoding);
        return result;
    }

    /** A JSON or Avro record is one turn: it decodes to exactly one turn or exactly one failure. */
    static void isOneTurnOrOneFailure(DecodeResult result) {
        assertThat(result.turns().size() + result.failures().size()).as("turns plus failures of one record")
                .isEqualTo(1);
    }

    /**
     * The turn encodes, and decodes back equal. Strings with unpaired surrogates cannot be written as UTF-8 and come
     * back with '?' in their place, so only their encoding is required.
     */
    private static void survivesRepartitionEncoding(TurnEvent turn) {
        byte[] encoded = REPARTITION_CODEC.encode(turn);
        TurnEvent decoded = REPARTITION_CODEC.decode(encoded);
        if (allStringsAreWellFormed(turn)) {
            assertThat(decoded).isEqualTo(turn);
        }
    }

    private static boolean allStringsAreWellFormed(Object value) {
        if (value instanceof CharSequence text) {
            return StandardCharsets.UTF_8.newEncoder().canEncode(text);
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream()
                    .allMatch(e -> allStringsAreWellFormed(e.getKey()) && allStringsAreWellFormed(e.getValue()));
        }
        if (value instanceof List<?> list) {
            return list.stream().allMatch(DecodeInvariants::allStringsAreWellFormed);
        }
        if (value instanceof IndexedRecord record) {
            for (int i = 0; i < record.getSchema().getFields().size(); i++) {
                if (!allStringsAreWellFormed(record.get(i))) {
                    return false;
                }
            }
        }
        return true;
    }
}
