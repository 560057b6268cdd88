package dev.turnloop.ingest.decode;

import java.util.Objects;

/**
 * One reason why input could not become a valid turn: a code to route and count by, and a detail for a person.
 * The detail names fields, sizes and ids only; it never quotes conversation text.
 *
 * @param reason machine-readable code, used as the dead-letter reason header
 * @param detail human-readable explanation, safe to log and to put in a header
 */
public record DecodeFailure(DeadLetterReason reason, String detail) {

    public DecodeFailure {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }

    @Override
    public String toString() {
        return reason + ": " + detail;
    }
}
