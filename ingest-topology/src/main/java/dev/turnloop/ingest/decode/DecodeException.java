package dev.turnloop.ingest.decode;

/** Carries a failure out of deep parsing code up to the decoder boundary, where it becomes a {@link DecodeResult}. */
final class DecodeException extends RuntimeException {

    private final transient DecodeFailure failure;

    DecodeException(DeadLetterReason reason, String detail) {
        super(detail, null, false, false);
        this.failure = new DecodeFailure(reason, detail);
    }

    DecodeFailure failure() {
        return failure;
    }
}
