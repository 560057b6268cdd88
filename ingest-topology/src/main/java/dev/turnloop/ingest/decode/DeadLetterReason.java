package dev.turnloop.ingest.decode;

/**
 * Why an input record (or one span of it) could not become a valid {@code TurnEvent}. The name is the
 * machine-readable code the ingest topology puts on a dead letter, so operators can count and route by it;
 * never rename a constant, only add new ones.
 */
public enum DeadLetterReason {
    /** The bytes are not what the format promises: not JSON, not UTF-8, truncated Avro, no magic byte, empty. */
    MALFORMED_BYTES,
    /** The Confluent wire-format schema id is not known to the schema registry (or the lookup failed). */
    UNKNOWN_SCHEMA_ID,
    /** The writer schema cannot be read as a {@code TurnEvent} for another reason than a missing field. */
    INCOMPATIBLE_SCHEMA,
    /** A field without a default is absent, null or blank (ids, turn_index, event_time, role, tool name...). */
    MISSING_REQUIRED_FIELD,
    /** A field is present but has the wrong type or a value outside its domain (unknown role, bad timestamp...). */
    INVALID_VALUE,
    /** turn_index is below zero. */
    NEGATIVE_TURN_INDEX,
    /** turn_index is above {@link ValidationLimits#maxTurnIndex()}: a runaway loop or a broken counter. */
    TURN_INDEX_TOO_LARGE,
    /** event_time is further ahead of the reference time than {@link ValidationLimits#maxFutureSkew()}. */
    EVENT_TIME_IN_FUTURE,
    /** event_time is before {@link ValidationLimits#earliestEventTime()}: usually seconds sent as millis. */
    EVENT_TIME_TOO_OLD,
    /** text is longer than {@link ValidationLimits#maxTextBytes()} UTF-8 bytes. */
    OVERSIZE_TEXT,
    /** An id (event, conversation, tenant, project, user) is longer than {@link ValidationLimits#maxIdLength()}. */
    OVERSIZE_ID,
    /** user_attributes has too many entries or an entry that is too long. */
    OVERSIZE_USER_ATTRIBUTES,
    /** tool_calls has too many entries or a tool call with an over-long name or error. */
    OVERSIZE_TOOL_CALLS,
    /** An OpenTelemetry span that is not a conversation turn or tool call this system can place. */
    UNMAPPABLE_SPAN
}
