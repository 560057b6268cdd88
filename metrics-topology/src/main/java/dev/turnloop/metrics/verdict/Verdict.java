package dev.turnloop.metrics.verdict;

/** What to do with a shipped change; mirrors the Avro {@code dev.turnloop.schemas.Verdict} symbols. */
public enum Verdict {
    KEEP,
    REVERT,
    NEED_MORE_DATA
}
