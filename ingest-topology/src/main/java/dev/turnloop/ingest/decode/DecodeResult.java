package dev.turnloop.ingest.decode;

import dev.turnloop.schemas.TurnEvent;
import java.util.List;
import java.util.Optional;

/**
 * What one input record decoded to. A JSON or Avro record gives either one turn or one failure; an OpenTelemetry
 * batch can give both at once: the turns of the spans that mapped and one failure per span that did not, so the
 * caller can forward the good turns and dead-letter the rest with the record's original bytes.
 *
 * @param turns    decoded turns, in input order; may be empty
 * @param failures what could not be decoded; empty when everything decoded
 */
public record DecodeResult(List<TurnEvent> turns, List<DecodeFailure> failures) {

    public DecodeResult {
        turns = List.copyOf(turns);
        failures = List.copyOf(failures);
    }

    public static DecodeResult of(TurnEvent turn) {
        return new DecodeResult(List.of(turn), List.of());
    }

    public static DecodeResult failed(DeadLetterReason reason, String detail) {
        return failed(new DecodeFailure(reason, detail));
    }

    public static DecodeResult failed(DecodeFailure failure) {
        return new DecodeResult(List.of(), List.of(failure));
    }

    /** True when nothing decoded and at least one thing failed: the whole record belongs on the dead-letter topic. */
    public boolean isFailure() {
        return turns.isEmpty() && !failures.isEmpty();
    }

    /** True when some part of the record failed, whether or not other parts decoded. */
    public boolean hasFailures() {
        return !failures.isEmpty();
    }

    /** The first failure, the one to put on a dead letter when a record needs a single reason. */
    public Optional<DecodeFailure> firstFailure() {
        return failures.stream().findFirst();
    }
}
